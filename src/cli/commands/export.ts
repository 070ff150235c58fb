import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { exportArchive } from '../../services/export-archive.js';
import { EXIT_OK } from '../exit-codes.js';
import { printJson, withArchive, withDbOption } from '../open-archive.js';

/** `protokoll export --format json|csv [--out DIR] [--json]`: the whole archive. */
export function registerExport(program: Command): void {
  withDbOption(
    program
      .command('export')
      .description('Exportera hela arkivet (JSON kan importeras tillbaka; CSV för kalkylblad och öppna data)')
      .requiredOption('--format <format>', 'json eller csv')
      .option('--out <dir>', 'mapp att skriva till', 'export')
      .option('--json', 'skriv vad som skrevs som JSON'),
  ).action(async (options: { db?: string; format: string; out: string; json?: boolean }) => {
    if (options.format !== 'json' && options.format !== 'csv') {
      throw new AppError('invalid-input', `--format must be json or csv, not "${options.format}".`);
    }
    const format = options.format;
    const result = await withArchive(options.db, (store) => exportArchive(store, { format, outDir: options.out }));
    if (options.json) printJson(result);
    else for (const f of result.files) process.stdout.write(`${f.path}: ${f.rows} rader\n`);
    process.exitCode = EXIT_OK;
  });
}
