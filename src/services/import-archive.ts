import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { AppError, isAppError } from '../domain/errors.js';
import { sha256Hex } from '../domain/match-keys.js';
import { PARSER_VERSION, type ParseInput, type ParseResult, parseProtocol } from '../ingest/pipeline.js';
import type { ArchiveSession, ArchiveStore, DocumentInfo } from '../store/ports.js';
import { ARCHIVE_EXPORT_SCHEMA } from './archive-export-schema.js';
import { type Clock, relinkQueued, systemClock } from './follow-up.js';
import { createParsePool } from './parse-pool.js';
import { restoreArchive } from './restore-archive.js';
import { compareVersions, type StoreContext, type StoreInput, storeParsedDocument } from './store-document.js';
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
  /** Follow-up linking after the files are stored: meetings linked so far, of how many. */
  onLinking?: (done: number, total: number) => void;
  /** Parser threads for the built-in parser (default: all cores but one; 0 parses on this thread). */
  threads?: number;
  /** Documents per transaction (default 250). */
  batchSize?: number;
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

/**
 * Expands files and folders (recursively, sorted, hidden entries skipped) into the list of files to import.
 * Symbolic links are followed (an archive is often a folder of links into the registry's file store), each folder
 * once, so a link back up the tree does not loop.
 */
export async function collectFiles(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const walked = new Set<string>();
  async function walk(dir: string): Promise<void> {
    const real = await realpath(dir);
    if (walked.has(real)) return;
    walked.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || NOT_PROTOCOLS.test(entry.name)) continue;
      const path = join(dir, entry.name);
      // A link is what it points at; a broken one is skipped like any other entry that is no file.
      const target = entry.isSymbolicLink() ? await stat(path).catch(() => null) : entry;
      if (target?.isDirectory()) await walk(path);
      else if (target?.isFile() && IMPORTABLE_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(path);
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

/** The summary of an import's results, by outcome. */
export function summarise(results: FileResult[], dryRun: boolean): ImportSummary {
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

/** Documents stored per transaction (unless told otherwise), and the most bytes read ahead for one batch. */
const BATCH_DOCUMENTS = 250;
const BATCH_BYTES = 16 * 1024 * 1024;

/** One file of a batch: parsed (or being parsed), settled before the write (unchanged, unreadable), or an export. */
type Entry =
  | { kind: 'document'; file: string; bytes: Uint8Array; sha256: string; parsed: Promise<ParseResult> }
  | { kind: 'settled'; result: FileResult }
  | { kind: 'export'; file: string; bytes: Uint8Array };

/**
 * Reads the batch that starts at `files[start]` (`size` files or BATCH_BYTES, whichever comes first),
 * skips the files this parser version has already read, and starts parsing the rest (in parser threads when there
 * are any). Returns the entries in file order and where the next batch starts.
 */
async function prepareBatch(
  store: ArchiveStore,
  files: readonly string[],
  start: number,
  size: number,
  parse: Parser,
  knownVersion: string | undefined,
): Promise<{ entries: Entry[]; end: number }> {
  const entries: Entry[] = [];
  let bytesRead = 0;
  let index = start;
  const read: Array<{ file: string; bytes: Uint8Array; sha256: string }> = [];
  for (; index < files.length && index - start < size && bytesRead < BATCH_BYTES; index++) {
    const file = files[index]!;
    try {
      const bytes = await readFile(file);
      bytesRead += bytes.length;
      read.push({ file, bytes, sha256: sha256Hex(bytes) });
    } catch (error) {
      read.push({ file, bytes: new Uint8Array(), sha256: '' });
      entries.push({
        kind: 'settled',
        result: failure(file, new AppError('unreadable-file', `${file}: ${(error as Error).message}`)),
      });
    }
  }
  // Cheap check first, all in one read: a re-import of thousands of unchanged files must not parse them again.
  const known =
    knownVersion === undefined
      ? new Map<string, DocumentInfo>()
      : await store.read(async (session) => {
          const found = new Map<string, DocumentInfo>();
          for (const { sha256 } of read) {
            const existing = sha256 ? await session.documents.findBySha(sha256) : undefined;
            if (existing) found.set(sha256, existing);
          }
          return found;
        });
  const ordered: Entry[] = [];
  let failed = 0;
  for (const { file, bytes, sha256 } of read) {
    if (!sha256) {
      ordered.push(entries[failed++]!);
      continue;
    }
    const existing = known.get(sha256);
    if (existing && knownVersion !== undefined && compareVersions(knownVersion, existing.parserVersion) <= 0) {
      ordered.push({ kind: 'settled', result: unchanged(file, existing) });
    } else if (extname(file).toLowerCase() === '.json' && looksLikeArchiveExport(bytes)) {
      ordered.push({ kind: 'export', file, bytes });
    } else {
      const parsed = parse({ bytes, name: basename(file) });
      // Handled when the batch is written; this only keeps an early failure from counting as unhandled.
      parsed.catch(() => {});
      ordered.push({ kind: 'document', file, bytes, sha256, parsed });
    }
  }
  return { entries: ordered, end: index };
}

function unchanged(file: string, existing: DocumentInfo): FileResult {
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

/** A document failed inside a batch's transaction, which is then rolled back. */
class DocumentFailed extends Error {}

/** Rolls a dry run's batch back once every document in it has been stored. */
class DryRunBatch extends Error {}

/**
 * Stores parsed documents in one transaction and queues every meeting they touched for follow-up linking.
 * When a document fails to store, the transaction is rolled back and the batch is stored again one transaction
 * per document, so the failing one leaves nothing behind and the others are stored as usual. (One savepoint per
 * document would do the same, but costs every document the journal of its pages; failures are rare.) A dry run
 * rolls everything back. When the transaction itself fails, none of its documents is stored.
 */
async function writeDocuments(
  store: ArchiveStore,
  entries: ReadonlyArray<Extract<Entry, { kind: 'document' }>>,
  options: ImportOptions,
): Promise<FileResult[]> {
  if (entries.length === 0) return [];
  const parsed = await Promise.allSettled(entries.map((e) => e.parsed));
  const clock = options.clock ?? systemClock;
  const dryRun = options.dryRun ?? false;
  const context: StoreContext = {
    indexer: store.searchIndexer,
    now: clock().toISOString(),
    actor: options.actor ?? 'import',
    ...(options.analyze ? { analyze: options.analyze } : {}),
  };
  const inputs = entries.map((entry, i): { file: string; input: StoreInput } | { file: string; error: unknown } => {
    const outcome = parsed[i]!;
    return outcome.status === 'rejected'
      ? { file: entry.file, error: outcome.reason as unknown }
      : {
          file: entry.file,
          input: { bytes: entry.bytes, name: basename(entry.file), sha256: entry.sha256, parsed: outcome.value },
        };
  });
  const results: FileResult[] = [];
  try {
    await store.write(async (session) => {
      const batch = { relink: new Set<string>(), reindex: new Set<string>() };
      for (const one of inputs) {
        if (!('input' in one)) {
          results.push(failure(one.file, one.error));
          continue;
        }
        try {
          results.push({ file: one.file, ...(await storeParsedDocument(session, one.input, { ...context, batch })) });
        } catch {
          throw new DocumentFailed(one.file);
        }
      }
      if (dryRun) throw new DryRunBatch();
      // Linked once when the import ends (see `relinkQueued`), not once per batch.
      await session.followUps.queueRelink(batch.relink);
      // The archive totals read the batch's rows back: now, before the search rows push them out of the page cache
      // (at the end of the transaction the same fold took 8× as long: 450–1,250 ms per batch into 20,000).
      await session.settle();
      // Last: the index's rows of the whole batch are written together (see SearchIndexer.indexMeetings).
      await store.searchIndexer.indexMeetings(session, [...batch.reindex]);
    });
    return results;
  } catch (error) {
    if (error instanceof DryRunBatch) return results;
    if (!(error instanceof DocumentFailed)) {
      const cause = toFailure(error);
      return entries.map((entry) => failure(entry.file, cause));
    }
  }
  const one: FileResult[] = [];
  for (const item of inputs) {
    if (!('input' in item)) one.push(failure(item.file, item.error));
    else {
      const { input } = item;
      one.push(await writeOne(store, item.file, dryRun, (session) => storeParsedDocument(session, input, context)));
    }
  }
  return one;
}

function toFailure(error: unknown): unknown {
  return isAppError(error)
    ? error
    : new AppError('database-error', error instanceof Error ? error.message : String(error));
}

/**
 * Imports files and folders into the archive. Documents are stored a batch per transaction (see `writeDocuments`):
 * a failing document never stops the batch and leaves nothing behind, and a crash loses at most the batch in
 * flight, never part of a document.
 * Files are parsed in worker threads (the built-in parser) while the previous batch is written. The summary says
 * what happened to every file. A `protokoll-archive/1` JSON export among the inputs is restored (see
 * `restoreArchive`). Follow-up links of the meetings stored are computed at the end, series by series (see
 * `relinkQueued`); what is queued survives a crash, and the next import finishes it.
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
  const pool = options.parse ? undefined : createParsePool(options.threads);
  const parse = options.parse ?? pool!.parse.bind(pool);
  const knownVersion = options.parserVersion ?? (options.parse ? undefined : PARSER_VERSION);
  const size = Math.max(1, options.batchSize ?? BATCH_DOCUMENTS);
  try {
    let next = files.length > 0 ? prepareBatch(store, files, 0, size, parse, knownVersion) : undefined;
    while (next) {
      const { entries, end } = await next;
      // Read and start parsing the next batch before writing this one, so the parser threads never wait. Its
      // unchanged-check reads the archive, so it must finish before this batch's transaction takes the connection.
      next = end < files.length ? prepareBatch(store, files, end, size, parse, knownVersion) : undefined;
      if (next) await next;
      let run: Array<Extract<Entry, { kind: 'document' }>> = [];
      const flush = async () => {
        for (const result of await writeDocuments(store, run, options)) {
          results.push(result);
          report(result);
        }
        run = [];
      };
      for (const entry of entries) {
        if (entry.kind === 'document') {
          run.push(entry);
          continue;
        }
        await flush();
        const settled =
          entry.kind === 'settled' ? [entry.result] : await restoreArchive(store, entry.bytes, entry.file, options);
        for (const result of settled) {
          results.push(result);
          report(result);
        }
      }
      await flush();
    }
  } finally {
    await pool?.close();
  }
  // Also finishes what an import stopped before its end (killed, power lost) left in the queue.
  if (!(options.dryRun ?? false)) {
    await relinkQueued(store, {
      ...(options.analyze ? { analyze: options.analyze } : {}),
      ...(options.onLinking ? { onProgress: options.onLinking } : {}),
    });
  }
  return summarise(results, options.dryRun ?? false);
}

function looksLikeArchiveExport(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('utf8');
  return head.includes(`"${ARCHIVE_EXPORT_SCHEMA}"`);
}

export { failure as failedResult, writeOne };
