/**
 * The thread `protokoll import` does its work in (see `runImport`): opens the archive, imports, and reports progress
 * and the summary to the thread that started it. Exists only in the build (dist/), as a thread needs JavaScript.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../domain/errors.js';
import { importArchive } from '../services/import-archive.js';
import { withArchive } from './open-archive.js';
import type { ImportJob, ImportMessage } from './run-import.js';

const port = parentPort;
if (!port) throw new Error('import-thread runs as a worker thread');
const job = workerData as ImportJob;
const send = (message: ImportMessage) => port.postMessage(message);

try {
  const summary = await withArchive(job.db, (store) =>
    importArchive(store, job.paths, {
      ...job.options,
      onProgress: ({ done, total, result }) => send({ kind: 'progress', done, total, result }),
      onLinking: (done, total) => send({ kind: 'linking', done, total }),
    }),
  );
  send({ kind: 'done', summary });
} catch (error) {
  send({
    kind: 'error',
    message: error instanceof Error ? error.message : String(error),
    code: isAppError(error) ? error.code : null,
    details: isAppError(error) ? error.details : {},
  });
}
