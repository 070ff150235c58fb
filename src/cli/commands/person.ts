import type { Command } from 'commander';
import {
  listPersons,
  mergePersons,
  type PersonDetail,
  showPerson,
  splitPerson,
} from '../../services/resolve-people.js';
import { EXIT_OK } from '../exit-codes.js';
import { printJson, withArchive, withDbOption } from '../open-archive.js';

function printDetail(p: PersonDetail): void {
  const lines = [
    `${p.name}  (${p.id})`,
    `  stavningar: ${p.spellings.join(', ')}`,
    ...p.memberships.map(
      (m) =>
        `  ${m.organisation} (${m.role}): ${m.firstDate ?? '?'} – ${m.lastDate ?? '?'}, ${m.present}/${m.meetings} möten närvarande`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `protokoll person list|show|merge|split`: the person registry. */
export function registerPerson(program: Command): void {
  const person = program.command('person').description('Personregistret: lista, visa, slå ihop, dela');
  withDbOption(person.command('list').description('Lista alla personer').option('--json', 'skriv JSON')).action(
    async (options: { db?: string; json?: boolean }) => {
      const persons = await withArchive(options.db, listPersons);
      if (options.json) printJson(persons);
      else {
        for (const p of persons) {
          const span = p.firstDate ? ` ${p.firstDate} – ${p.lastDate}` : '';
          process.stdout.write(`${p.id}  ${p.name}  [${p.organisations.join(', ')}]${span}, ${p.meetings} möten\n`);
        }
      }
      process.exitCode = EXIT_OK;
    },
  );
  withDbOption(
    person
      .command('show')
      .description('Visa en person')
      .argument('<name>', 'namn (valfri stavning) eller id')
      .option('--json', 'skriv JSON'),
  ).action(async (name: string, options: { db?: string; json?: boolean }) => {
    const detail = await withArchive(options.db, (store) => showPerson(store, name));
    if (options.json) printJson(detail);
    else printDetail(detail);
    process.exitCode = EXIT_OK;
  });
  withDbOption(
    person
      .command('merge')
      .description('Slå ihop B med A (B:s stavningar och närvaro blir A:s); gäller även vid omimport')
      .argument('<a>', 'personen som behålls')
      .argument('<b>', 'personen som går upp i A')
      .option('--json', 'skriv JSON'),
  ).action(async (a: string, b: string, options: { db?: string; json?: boolean }) => {
    const detail = await withArchive(options.db, (store) => mergePersons(store, a, b));
    if (options.json) printJson(detail);
    else printDetail(detail);
    process.exitCode = EXIT_OK;
  });
  withDbOption(
    person
      .command('split')
      .description('Dela av en persons närvaro för en organisation till en ny person (namne)')
      .argument('<name>', 'namn eller id')
      .requiredOption('--org <organisation>', 'organisationen vars närvaro blir en ny person')
      .option('--name <name>', 'visningsnamn för den nya personen')
      .option('--json', 'skriv JSON'),
  ).action(async (name: string, options: { db?: string; org: string; name?: string; json?: boolean }) => {
    const result = await withArchive(options.db, (store) =>
      splitPerson(store, name, options.org, options.name ? { name: options.name } : {}),
    );
    if (options.json) printJson(result);
    else {
      printDetail(result.kept);
      printDetail(result.created);
    }
    process.exitCode = EXIT_OK;
  });
}
