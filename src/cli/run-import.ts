import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../domain/errors.js';
import {
  type FileResult,
  type ImportOptions,
  type ImportSummary,
  importArchive,
  summarise,
} from '../services/import-archive.js';
import { withArchive } from './open-archive.js';

/**
 * The heap of the thread an import runs in, in MiB. V8 grows a heap with the rate of allocation rather than with
 * what stays live; an import allocates fast and keeps little (two batches of documents, the word caches), so on
 * the main thread its memory followed the machine's instead of the work's: peak RSS 352 MB importing 2,000
 * protocols into a 20,000-protocol archive, 262 MB with a 96 MiB heap at the same speed, 255 MB with 64 MiB at
 * half the speed (GC). Room for the largest batch the importer reads (16 MiB of files).
 */
export const IMPORT_HEAP_MB = 128;

/** What the import thread is asked to do. */
export interface ImportJob {
  db: string | undefined;
  paths: string[];
  options: Pick<ImportOptions, 'dryRun' | 'threads' | 'batchSize'>;
}

/** What the import thread reports. */
export type ImportMessage =
  | { kind: 'progress'; done: number; total: number; result: FileResult }
  | { kind: 'linking'; done: number; total: number }
  | { kind: 'done'; summary: ImportSummary }
  | { kind: 'error'; message: string; code: string | null; details: Record<string, unknown> };

/** The compiled thread beside this module; absent when running from TypeScript sources (tests). */
const THREAD_FILE = new URL('./import-thread.js', import.meta.url);

/**
 * Imports in a thread whose heap is bounded (`IMPORT_HEAP_MB`), so the importer's memory stays the same on any
 * machine; this thread only shows progress. When one batch needs more (a protocol of many megabytes), the import
 * goes on here without the bound: what the thread stored is whole, its outcomes are kept, and the rest is imported
 * as usual (idempotent by content hash). From sources (no compiled thread) it imports here.
 */
export async function runImport(
  job: ImportJob,
  onProgress: (done: number, total: number, file: string) => void,
  onLinking: (done: number, total: number) => void = () => {},
): Promise<ImportSummary> {
  const here = () =>
    withArchive(job.db, (store) =>
      importArchive(store, job.paths, {
        ...job.options,
        onProgress: ({ done, total, result }) => onProgress(done, total, result.file),
        onLinking,
      }),
    );
  if (!existsSync(fileURLToPath(THREAD_FILE))) return here();
  const reported = new Map<string, FileResult>();
  try {
    return await inThread(
      job,
      (done, total, result) => {
        reported.set(result.file, result);
        onProgress(done, total, result.file);
      },
      onLinking,
    );
  } catch (error) {
    if (!(error instanceof OutOfMemory)) throw error;
  }
  const rest = await here();
  const first = (r: FileResult) => {
    const earlier = reported.get(r.file);
    return r.outcome === 'unchanged' && earlier && earlier.outcome !== 'failed' ? earlier : r;
  };
  return summarise(
    [...rest.imported, ...rest.updated, ...rest.unchanged, ...rest.duplicates, ...rest.failed].map(first),
    rest.dryRun,
  );
}

class OutOfMemory extends Error {}

function inThread(
  job: ImportJob,
  onProgress: (done: number, total: number, result: FileResult) => void,
  onLinking: (done: number, total: number) => void,
): Promise<ImportSummary> {
  const worker = new Worker(THREAD_FILE, {
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: IMPORT_HEAP_MB },
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: ImportMessage) => {
      if (message.kind === 'progress') onProgress(message.done, message.total, message.result);
      else if (message.kind === 'linking') onLinking(message.done, message.total);
      else if (message.kind === 'done') {
        settled = true;
        resolve(message.summary);
      } else {
        settled = true;
        reject(
          message.code
            ? new AppError(message.code as ErrorCode, message.message, message.details)
            : new Error(message.message),
        );
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      settled = true;
      reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new OutOfMemory(error.message) : error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the import stopped (thread exit code ${code})`));
    });
  });
}
