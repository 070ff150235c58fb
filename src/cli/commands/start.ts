import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { parseProtocol } from '../../ingest/pipeline.js';
import { formatSummary } from '../format-summary.js';

/** The bundled example protocols, found relative to the installed package. */
export const EXAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');

/** `protokoll start`: the main job of `npm start`. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Huvudjobbet: tolka de medföljande exempelprotokollen och skriv sammanfattningar')
    .action(async () => {
      const files = (await readdir(EXAMPLES_DIR))
        .filter((f) => /\.(txt|md|pdf|docx)$/i.test(f) && !/^readme/i.test(f))
        .sort();
      for (const file of files) {
        const bytes = new Uint8Array(await readFile(join(EXAMPLES_DIR, file)));
        const { document } = await parseProtocol({ bytes, name: file });
        process.stdout.write(`${formatSummary(document)}\n\n`);
      }
    });
}
