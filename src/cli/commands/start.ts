import type { Command } from 'commander';
import { DEFAULT_HOST, DEFAULT_PORT, serveUntilStopped } from './serve.js';

export { EXAMPLES_DIR } from './serve.js';

/** `protokoll start`: the main job of `npm start`, `serve` with its defaults. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      `Huvudjobbet: starta webbgränssnittet på http://${DEFAULT_HOST}:${DEFAULT_PORT} med exempelprotokollen`,
    )
    .action(() => serveUntilStopped({}));
}
