import { Command } from 'commander';
import { PARSER_VERSION } from '../ingest/pipeline.js';
import { registerExport } from './commands/export.js';
import { registerGenerate } from './commands/generate.js';
import { registerImport } from './commands/import.js';
import { registerMeeting } from './commands/meeting.js';
import { registerParse } from './commands/parse.js';
import { registerPerson } from './commands/person.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { registerStart } from './commands/start.js';
import { registerStats } from './commands/stats.js';
import { registerUppdrag } from './commands/uppdrag.js';
import { registerUser } from './commands/user.js';

/** Builds the `protokoll` command line. Each command lives in `commands/` and registers itself here. */
export function buildProgram(): Command {
  const program = new Command('protokoll')
    .description('Protokoll för svenska offentliga organ: tolka, arkivera, följa upp, söka och publicera')
    .version(PARSER_VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerParse(program);
  registerImport(program);
  registerMeeting(program);
  registerPerson(program);
  registerSearch(program);
  registerUppdrag(program);
  registerStats(program);
  registerExport(program);
  registerStart(program);
  registerServe(program);
  registerUser(program);
  registerGenerate(program);
  return program;
}
