import type { Command } from 'commander';
import { type ImportSummary, importArchive } from '../../services/import-archive.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { printJson, withArchive, withDbOption } from '../open-archive.js';
import { createProgress } from '../progress.js';

function printSummary(summary: ImportSummary): void {
  const lines = [
    `${summary.dryRun ? 'Provkörning (inget sparat): ' : ''}importerade ${summary.imported.length}, uppdaterade ${summary.updated.length}, ` +
      `oförändrade ${summary.unchanged.length}, dubbletter ${summary.duplicates.length}, misslyckade ${summary.failed.length} ` +
      `(av ${summary.total})`,
    ...summary.duplicates.map((r) => `  dubblett    ${r.file}: ${r.reason}`),
    ...summary.failed.map((r) => `  misslyckad  ${r.file}: ${r.reason}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `protokoll import PATH... [--db FILE] [--dry-run] [--json]`: files and folders (recursively) into the archive. */
export function registerImport(program: Command): void {
  withDbOption(
    program
      .command('import')
      .description('Importera protokoll (filer och mappar, rekursivt) eller en arkivexport till arkivet')
      .argument('<paths...>', 'filer eller mappar')
      .option('--dry-run', 'visa vad som skulle hända utan att spara något')
      .option('--json', 'skriv sammanfattningen som JSON'),
  ).action(async (paths: string[], options: { db?: string; dryRun?: boolean; json?: boolean }) => {
    const summary = await withArchive(options.db, async (store) => {
      const progress = createProgress();
      try {
        return await importArchive(store, paths, {
          dryRun: options.dryRun ?? false,
          onProgress: ({ done, total, result }) => progress.update(done, total, result.file),
        });
      } finally {
        progress.stop();
      }
    });
    if (options.json) printJson(summary);
    else printSummary(summary);
    process.exitCode = summary.failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
  });
}
