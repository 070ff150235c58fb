import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { addUser, USER_ROLES } from '../../services/accounts.js';
import type { UserRole } from '../../store/schema.js';
import { EXIT_OK } from '../exit-codes.js';
import { printJson, withArchive, withDbOption } from '../open-archive.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks for the password twice on the terminal without echoing it. */
async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new AppError('invalid-input', 'Inget lösenord: använd --password-stdin.');
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
      // Echo the question, not the keystrokes.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(question)) write.call(rl, s);
      };
      rl.question(question, (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Lösenord: ');
  const second = await ask('Upprepa lösenordet: ');
  if (first !== second) throw new AppError('invalid-input', 'Lösenorden är olika.');
  return first;
}

/** `protokoll user add NAME --role admin|secretary|member [--password-stdin]`. */
export function registerUser(program: Command): void {
  const user = program.command('user').description('Lokala konton för webbgränssnittet');
  withDbOption(
    user
      .command('add')
      .description('Skapa ett konto (eller byt roll och lösenord för ett befintligt)')
      .argument('<name>', 'användarnamn')
      .requiredOption('--role <role>', 'admin, secretary eller member')
      .option('--password-stdin', 'läs lösenordet från standard in')
      .option('--json', 'skriv JSON'),
  ).action(async (name: string, options: { role: string; passwordStdin?: boolean; json?: boolean; db?: string }) => {
    if (!(USER_ROLES as readonly string[]).includes(options.role)) {
      throw new AppError('invalid-input', `Okänd roll "${options.role}"; välj ${USER_ROLES.join(', ')}.`);
    }
    const password = options.passwordStdin ? await readStdin() : await promptPassword();
    const created = await withArchive(options.db, (store) =>
      addUser(store, { name, role: options.role as UserRole, password }, { actor: 'cli' }),
    );
    if (options.json) printJson(created);
    else process.stdout.write(`Kontot ${created.name} (${created.role}) är sparat.\n`);
    process.exitCode = EXIT_OK;
  });
}
