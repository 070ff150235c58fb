import { Command } from 'commander';
import { PARSER_VERSION } from '../ingest/pipeline.js';
import { registerParse } from './commands/parse.js';
import { registerStart } from './commands/start.js';

/** Builds the `protokoll` command line. Each command lives in `commands/` and registers itself here. */
export function buildProgram(): Command {
  const program = new Command('protokoll')
    .description('Protokoll för svenska offentliga organ: tolka, arkivera, följa upp, söka och publicera')
    .version(PARSER_VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerParse(program);
  registerStart(program);
  return program;
}
