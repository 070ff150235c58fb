import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { AppError, isAppError } from '../domain/errors.js';
import { sha256Hex } from '../domain/match-keys.js';
import { PARSER_VERSION, type ParseInput, type ParseResult, parseProtocol } from '../ingest/pipeline.js';
import type { ArchiveSession, ArchiveStore } from '../store/ports.js';
import { ARCHIVE_EXPORT_SCHEMA } from './archive-export-schema.js';
import { type Clock, systemClock } from './follow-up.js';
import { restoreArchive } from './restore-archive.js';
import { compareVersions, type StoreContext, storeParsedDocument } from './store-document.js';
import type { Analyzer } from './subject-words.js';

export type Parser = (input: ParseInput) => Promise<ParseResult>;

export type ImportOutcome = 'imported' | 'unchanged' | 'updated' | 'duplicate' | 'failed';

export interface FileResult {
  file: string;
  outcome: ImportOutcome;
  documentId: string | null;
  meetingId: string | null;
  /** Why the file failed (or, for a duplicate, which meeting it duplicates). */
  reason: string | null;
  /** AppError code of a failure, or null. */
  code: string | null;
  warnings: number;
}

export interface ImportProgress {
  done: number;
  total: number;
  result: FileResult;
}

export interface ImportOptions {
  /** Run everything, then roll each transaction back: reports what an import would do. */
  dryRun?: boolean;
  parse?: Parser;
  /** Version of `parse`, when known, so unchanged files are skipped without parsing (default: the pipeline's). */
  parserVersion?: string;
  clock?: Clock;
  actor?: string;
  analyze?: Analyzer;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportSummary {
  dryRun: boolean;
  total: number;
  imported: FileResult[];
  updated: FileResult[];
  unchanged: FileResult[];
  duplicates: FileResult[];
  failed: FileResult[];
}

/** What a folder walk picks up; a file named explicitly is always tried, whatever its extension. */
const IMPORTABLE_EXTENSIONS = new Set(['.txt', '.md', '.pdf', '.docx', '.html', '.htm', '.json']);
/** Files a folder walk leaves alone: documentation beside protocols, and the generator's answer keys. */
const NOT_PROTOCOLS = /^(?:readme|license|licence|changelog)(?:\.|$)|\.expected\.json$/i;

export { ARCHIVE_EXPORT_SCHEMA } from './archive-export-schema.js';

/** Expands files and folders (recursively, sorted, hidden entries skipped) into the list of files to import. */
export async function collectFiles(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || NOT_PROTOCOLS.test(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && IMPORTABLE_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(path);
    }
  }
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) missing.push(path);
    else if (info.isDirectory()) await walk(path);
    else files.push(path);
  }
  return { files, missing };
}

class DryRunRollback extends Error {
  constructor(readonly result: Omit<FileResult, 'file'>) {
    super('dry run');
  }
}

function failure(file: string, error: unknown): FileResult {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    file,
    outcome: 'failed',
    documentId: null,
    meetingId: null,
    reason,
    code: isAppError(error) ? error.code : 'internal-error',
    warnings: 0,
  };
}

/** Runs one write (or a rolled-back one in a dry run) and turns its outcome into a FileResult. */
async function writeOne(
  store: ArchiveStore,
  file: string,
  dryRun: boolean,
  fn: (session: ArchiveSession) => Promise<Omit<FileResult, 'file'>>,
): Promise<FileResult> {
  try {
    const result = await store.write(async (session) => {
      const r = await fn(session);
      if (dryRun) throw new DryRunRollback(r);
      return r;
    });
    return { file, ...result };
  } catch (error) {
    if (error instanceof DryRunRollback) return { file, ...error.result };
    return failure(file, error);
  }
}

/** Imports one file's bytes: unchanged when the same bytes were already read by this parser version. */
export async function importBytes(
  store: ArchiveStore,
  input: { bytes: Uint8Array; name: string; file?: string },
  options: ImportOptions = {},
): Promise<FileResult> {
  const file = input.file ?? input.name;
  const sha256 = sha256Hex(input.bytes);
  const parse = options.parse ?? parseProtocol;
  const clock = options.clock ?? systemClock;
  try {
    // Cheap check first: a re-import of thousands of unchanged files must not parse them again.
    const knownVersion = options.parserVersion ?? (options.parse ? undefined : PARSER_VERSION);
    const existing = knownVersion === undefined ? undefined : await store.read((s) => s.documents.findBySha(sha256));
    if (existing && knownVersion !== undefined && compareVersions(knownVersion, existing.parserVersion) <= 0) {
      return {
        file,
        outcome: 'unchanged',
        documentId: existing.id,
        meetingId: existing.meetingId,
        reason: null,
        code: null,
        warnings: 0,
      };
    }
    const parsed = await parse({ bytes: input.bytes, name: input.name });
    const context: StoreContext = {
      indexer: store.searchIndexer,
      now: clock().toISOString(),
      actor: options.actor ?? 'import',
      ...(options.analyze ? { analyze: options.analyze } : {}),
    };
    return await writeOne(store, file, options.dryRun ?? false, (session) =>
      storeParsedDocument(session, { bytes: input.bytes, name: input.name, sha256, parsed }, context),
    );
  } catch (error) {
    return failure(file, error);
  }
}

function summarise(results: FileResult[], dryRun: boolean): ImportSummary {
  const by = (o: ImportOutcome) => results.filter((r) => r.outcome === o);
  return {
    dryRun,
    total: results.length,
    imported: by('imported'),
    updated: by('updated'),
    unchanged: by('unchanged'),
    duplicates: by('duplicate'),
    failed: by('failed'),
  };
}

/**
 * Imports files and folders into the archive, one transaction per document. A failing document never stops the
 * batch and leaves nothing behind; the summary says what happened to every file. A `protokoll-archive/1` JSON
 * export among the inputs is restored (see `restoreArchive`).
 */
export async function importArchive(
  store: ArchiveStore,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const { files, missing } = await collectFiles(paths);
  const results: FileResult[] = missing.map((file) =>
    failure(file, new AppError('unreadable-file', `${file}: no such file or folder`)),
  );
  let done = 0;
  const total = files.length + missing.length;
  const report = (result: FileResult) => {
    done++;
    options.onProgress?.({ done, total, result });
  };
  for (const result of results) report(result);
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      const result = failure(file, new AppError('unreadable-file', `${file}: ${(error as Error).message}`));
      results.push(result);
      report(result);
      continue;
    }
    if (extname(file).toLowerCase() === '.json' && looksLikeArchiveExport(bytes)) {
      for (const result of await restoreArchive(store, bytes, file, options)) {
        results.push(result);
        report(result);
      }
      continue;
    }
    const result = await importBytes(store, { bytes, name: basename(file), file }, options);
    results.push(result);
    report(result);
  }
  return summarise(results, options.dryRun ?? false);
}

function looksLikeArchiveExport(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('utf8');
  return head.includes(`"${ARCHIVE_EXPORT_SCHEMA}"`);
}

export { failure as failedResult, writeOne };
