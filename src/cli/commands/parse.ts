import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { isAppError } from '../../domain/errors.js';
import { parseProtocol } from '../../ingest/pipeline.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { formatSummary } from '../format-summary.js';

/** `protokoll parse FILE... [--json] [--pretty]`: one document per file, errors one line each on stderr. */
export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('Tolka protokollfiler (txt, md, pdf, docx) till protokoll/1')
    .argument('<files...>', 'protokollfiler')
    .option('--json', 'skriv protokoll/1-JSON (en rad per fil när flera filer ges)')
    .option('--pretty', 'indentera JSON (bara med en fil)')
    .action(async (files: string[], options: { json?: boolean; pretty?: boolean }) => {
      let failed = false;
      for (const file of files) {
        try {
          const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
            throw new Error(
              error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'is a directory' : error.message,
            );
          });
          const { document } = await parseProtocol({ bytes: new Uint8Array(bytes), name: file });
          if (options.json) {
            const pretty = options.pretty && files.length === 1;
            process.stdout.write(`${JSON.stringify(document, null, pretty ? 2 : undefined)}\n`);
          } else {
            process.stdout.write(`${formatSummary(document)}\n`);
          }
        } catch (error) {
          failed = true;
          const message = isAppError(error)
            ? error.message
            : `${file}: ${error instanceof Error ? error.message : error}`;
          process.stderr.write(`${message.startsWith(file) ? message : `${file}: ${message}`}\n`);
        }
      }
      process.exitCode = failed ? EXIT_FAILURE : EXIT_OK;
    });
}
