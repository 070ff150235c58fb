import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openTempStore, tempDir } from '../../../test/support/archive-factories.js';
import { AppError } from '../../domain/errors.js';
import { runStoreContract } from '../store.contract.js';
import { openSqliteStore } from './open-sqlite-store.js';

runStoreContract({ name: 'sqlite', open: openTempStore });

describe('sqlite adapter', () => {
  it('opens in WAL mode with foreign keys on and applies migrations once', async () => {
    const { store, path, cleanup } = await openTempStore();
    await store.close();
    const again = await openSqliteStore({ path });
    await again.close();
    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const names = raw.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>;
    expect(names.map((n) => n.name)).toEqual([
      '0001_archive',
      '0002_known_organisations',
      '0003_assignment_indexes',
      '0004_relink_queue',
    ]);
    raw.close();
    await cleanup().catch(() => {});
  });

  it('applies extra migrations (the search engineer’s 0100 and up) after its own', async () => {
    const { dir, cleanup } = tempDir();
    const { sql } = await import('kysely');
    const store = await openSqliteStore({
      path: join(dir, 'a.db'),
      migrations: {
        '0100_search': { up: async (db) => void (await sql`create table search_x (id text)`.execute(db)) },
      },
    });
    await store.write(async (s) => {
      await sql`insert into search_x values ('1')`.execute(s.db);
    });
    await store.close();
    cleanup();
  });

  it('refuses a file that is not SQLite with foreign-database', async () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'not.db');
    writeFileSync(path, 'this is a text file, not a database '.repeat(200));
    const error = await openSqliteStore({ path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('foreign-database');
    cleanup();
  });

  it('refuses another application’s SQLite database without touching it', async () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'other.db');
    const raw = new Database(path);
    raw.exec('create table customers (id integer primary key, name text)');
    raw.close();
    const error = await openSqliteStore({ path }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('foreign-database');
    const check = new Database(path);
    expect(check.prepare("select name from sqlite_master where type = 'table'").all()).toEqual([{ name: 'customers' }]);
    check.close();
    cleanup();
  });

  it('reports a damaged archive as database-error', async () => {
    const { store, path, cleanup } = await openTempStore();
    await store.close();
    const raw = new Database(path);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    // Overwrite everything after the header page: the schema is gone, the header still says "ours".
    const bytes = Buffer.alloc(4096 * 4, 0xab);
    const { openSync, writeSync, closeSync } = await import('node:fs');
    const fd = openSync(path, 'r+');
    writeSync(fd, bytes, 0, bytes.length, 100);
    closeSync(fd);
    const error = await openSqliteStore({ path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(['database-error', 'foreign-database']).toContain((error as AppError).code);
    await cleanup().catch(() => {});
  });
});
