import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_MIGRATIONS } from '../src/cli/open-archive.js';
import { importArchive } from '../src/services/import-archive.js';
import { searchArchive } from '../src/services/search-archive.js';
import { ARCHIVE_MIGRATIONS, InCodeMigrationProvider } from '../src/store/sqlite/migrations.js';
import { APPLICATION_ID, openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { SqliteSearchIndex } from '../src/store/sqlite/search-index.js';

const EXAMPLES = join(import.meta.dirname, '..', 'examples');
const ALL = { ...ARCHIVE_MIGRATIONS, ...APP_MIGRATIONS };
const NAMES = Object.keys(ALL).sort();

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Applies only the first `count` migrations, as an archive written by an earlier version of protokoll. */
async function migrateTo(path: string, count: number): Promise<void> {
  // Every file protokoll creates is stamped as ours before anything is migrated.
  const raw = new Database(path);
  raw.pragma(`application_id = ${APPLICATION_ID}`);
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
  const subset = Object.fromEntries(NAMES.slice(0, count).map((name) => [name, ALL[name]!]));
  const { error } = await new Migrator({ db, provider: new InCodeMigrationProvider(subset) }).migrateToLatest();
  await db.destroy();
  if (error) throw error;
}

function appliedMigrations(path: string): string[] {
  const raw = new Database(path, { readonly: true });
  const rows = raw.prepare('select name from kysely_migration order by name').all() as { name: string }[];
  raw.close();
  return rows.map((r) => r.name);
}

describe('schema migrations', () => {
  it('create the whole schema on an empty file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'protokoll-migrations-'));
    const path = join(dir, 'a.db');
    const store = await openSqliteStore({ path, migrations: APP_MIGRATIONS });
    await store.close();
    expect(appliedMigrations(path)).toEqual(NAMES);
  });

  for (let count = 1; count < NAMES.length; count++) {
    it(`upgrade an archive at ${NAMES[count - 1]} to the latest version`, async () => {
      dir = mkdtempSync(join(tmpdir(), 'protokoll-migrations-'));
      const path = join(dir, 'a.db');
      await migrateTo(path, count);
      const store = await openSqliteStore({ path, migrations: APP_MIGRATIONS });
      await store.close();
      expect(appliedMigrations(path)).toEqual(NAMES);
    });
  }

  it('keep an archive imported without the app migrations and index it for search on upgrade', async () => {
    dir = mkdtempSync(join(tmpdir(), 'protokoll-migrations-'));
    const path = join(dir, 'a.db');
    const old = await openSqliteStore({ path });
    const summary = await importArchive(old, [EXAMPLES]);
    await old.close();
    expect(summary.imported).toHaveLength(5);

    const search = new SqliteSearchIndex();
    const store = await openSqliteStore({ path, migrations: APP_MIGRATIONS, searchIndexer: search });
    const result = await searchArchive(store, search, { query: 'traineegrupp' });
    const person = await searchArchive(store, search, { query: 'Crespin', types: ['person'] });
    await store.close();
    expect(appliedMigrations(path)).toEqual(NAMES);
    expect(result.total).toBeGreaterThan(0);
    expect(person.total).toBe(1);
  });

  it('move the people of an index written before 0101 into their own table', async () => {
    dir = mkdtempSync(join(tmpdir(), 'protokoll-migrations-'));
    const path = join(dir, 'a.db');
    const before = NAMES.indexOf('0101_search_persons');
    await migrateTo(path, before);
    const earlier = Object.fromEntries(Object.entries(APP_MIGRATIONS).filter(([name]) => name < '0101'));
    const old = await openSqliteStore({ path, migrations: earlier });
    await importArchive(old, [EXAMPLES]);
    await old.close();
    // What 0100 wrote: every document, people included, in search_fts.
    const raw = new Database(path);
    raw.prepare(`insert into search_docs (rowid, doc_key, type, target_id) values (1, 'item:x', 'item', 'x')`).run();
    raw
      .prepare(`insert into search_fts (rowid, title, body, title_parts, body_parts) values (1, 'a', 'b', 'a', 'b')`)
      .run();
    raw
      .prepare(`insert into search_docs (rowid, doc_key, type, target_id) values (2, 'person:p', 'person', 'p')`)
      .run();
    raw
      .prepare(
        `insert into search_fts (rowid, title, body, title_parts, body_parts) values (2, 'crespin', '', 'crespin', '')`,
      )
      .run();
    raw.close();

    const search = new SqliteSearchIndex();
    const store = await openSqliteStore({ path, migrations: APP_MIGRATIONS, searchIndexer: search });
    const person = await searchArchive(store, search, { query: 'Crespin', types: ['person'] });
    await store.close();
    expect(person.hits.map((h) => h.title)).toEqual(['Herman Crespín']);
    const check = new Database(path, { readonly: true });
    const stale = check.prepare(`select count(*) as n from search_fts where search_fts match 'crespin'`).get();
    check.close();
    expect(stale).toEqual({ n: 0 });
  });
});
