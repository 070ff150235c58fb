import { type Command, InvalidArgumentError } from 'commander';
import type { ImportSummary } from '../../services/import-archive.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { printJson, withDbOption } from '../open-archive.js';
import { createProgress, type ProgressReporter } from '../progress.js';
import { runImport } from '../run-import.js';

function count(what: string, min: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < min) {
      throw new InvalidArgumentError(`${what} måste vara ett heltal ≥ ${min}`);
    }
    return Number(value);
  };
}

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

interface ImportCommandOptions {
  db?: string;
  dryRun?: boolean;
  json?: boolean;
  threads?: number;
  batch?: number;
}

/**
 * `protokoll import PATH... [--db FILE] [--dry-run] [--json] [--threads N] [--batch N]`: files and folders
 * (recursively) into the archive.
 */
export function registerImport(program: Command): void {
  withDbOption(
    program
      .command('import')
      .description('Importera protokoll (filer och mappar, rekursivt) eller en arkivexport till arkivet')
      .argument('<paths...>', 'filer eller mappar')
      .option('--dry-run', 'visa vad som skulle hända utan att spara något')
      .option('--json', 'skriv sammanfattningen som JSON')
      .option(
        '--threads <n>',
        'trådar som tolkar filerna (standard: alla kärnor utom en; 0 = ingen extra tråd)',
        count('antalet trådar', 0),
      )
      .option('--batch <n>', 'dokument per transaktion (standard 250)', count('batchstorleken', 1)),
  ).action(async (paths: string[], options: ImportCommandOptions) => {
    const progress = createProgress();
    let linking: ProgressReporter | undefined;
    let summary: ImportSummary;
    try {
      summary = await runImport(
        {
          db: options.db,
          paths,
          options: {
            dryRun: options.dryRun ?? false,
            ...(options.threads === undefined ? {} : { threads: options.threads }),
            ...(options.batch === undefined ? {} : { batchSize: options.batch }),
          },
        },
        (done, total, file) => progress.update(done, total, file),
        (done, total) => {
          if (!linking) {
            progress.stop();
            linking = createProgress(process.stderr, { what: 'uppföljning (möten länkade)' });
          }
          linking.update(done, total, 'uppföljning');
        },
      );
    } finally {
      progress.stop();
      linking?.stop();
    }
    if (options.json) printJson(summary);
    else printSummary(summary);
    process.exitCode = summary.failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
  });
}
