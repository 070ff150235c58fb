#!/usr/bin/env node
import { CommanderError } from 'commander';
import { EXIT_FAILURE, EXIT_USAGE } from './cli/exit-codes.js';
import { buildProgram } from './cli/program.js';
import { isAppError } from './domain/errors.js';

/** Composition root: the CLI entry point. Commands pick their adapters through `config`. */
async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    if (isAppError(error)) {
      process.stderr.write(`protokoll: ${error.message}\n`);
      process.exitCode = EXIT_FAILURE;
      return;
    }
    process.stderr.write(`protokoll: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.PROTOKOLL_DEBUG) console.error(error);
    process.exitCode = EXIT_FAILURE;
  }
}

// `protokoll … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

await main(process.argv);
