import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ArchiveStore } from '../store/ports.js';
import type { SearchReader } from '../store/search-reader.js';
import { ACCOUNT_MIGRATIONS } from '../store/sqlite/account-migrations.js';
import { ARCHIVE_TOTALS_MIGRATIONS } from '../store/sqlite/archive-totals.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store.js';
import { READ_INDEX_MIGRATIONS } from '../store/sqlite/read-indexes.js';
import { SEARCH_MIGRATIONS, SqliteSearchIndex } from '../store/sqlite/search-index.js';
import { UPLOAD_MIGRATIONS } from '../store/sqlite/upload-migrations.js';

/** Where the archive lives when neither `--db` nor `PROTOKOLL_DB` says otherwise. */
export const DEFAULT_DB = 'data/protokoll.db';

/**
 * The migrations beyond the archive's own: full-text search (0100+), accounts and publication (0200+), read
 * indexes and archive totals (0300+), pending uploads (0400+).
 */
export const APP_MIGRATIONS = {
  ...SEARCH_MIGRATIONS,
  ...ACCOUNT_MIGRATIONS,
  ...READ_INDEX_MIGRATIONS,
  ...ARCHIVE_TOTALS_MIGRATIONS,
  ...UPLOAD_MIGRATIONS,
};

/** `--db` wins over `PROTOKOLL_DB`, which wins over the default. */
export function resolveDbPath(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(option ?? env.PROTOKOLL_DB ?? DEFAULT_DB);
}

/** Adds the shared `--db FILE` option to a command. */
export function withDbOption(command: Command): Command {
  return command.option('--db <file>', `arkivets databasfil (standard: $PROTOKOLL_DB eller ${DEFAULT_DB})`);
}

/**
 * Opens the archive for one command and closes it afterwards. This is where the CLI picks the adapter (SQLite)
 * with its full-text index (migrations 0100+, indexed in every import transaction).
 */
export async function withArchive<T>(
  dbOption: string | undefined,
  fn: (store: ArchiveStore, search: SearchReader) => Promise<T>,
): Promise<T> {
  const search = new SqliteSearchIndex();
  const store = await openSqliteStore({
    path: resolveDbPath(dbOption),
    migrations: APP_MIGRATIONS,
    searchIndexer: search,
  });
  try {
    return await fn(store, search);
  } finally {
    await store.close();
  }
}

/** Prints one JSON value on stdout, the only thing a `--json` command writes there. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
