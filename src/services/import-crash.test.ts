import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignment,
  decision,
  documentFile,
  fakeParser,
  item,
  makeDocument,
  person,
  tempDir,
} from '../../test/support/archive-factories.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store.js';
import { importArchive } from './import-archive.js';

/*
 * Crash safety and concurrency, with a real second process: the importer is bundled with rolldown (already a
 * dev dependency through vite) into node_modules/.cache so it resolves the project's packages.
 */

const DOCUMENTS = 80;
const ITEMS = 12;
const root = resolve(import.meta.dirname, '../..');
const childFile = join(root, 'node_modules/.cache/protokoll-tests/import-child.mjs');

function documentNumber(n: number) {
  const date = new Date(Date.UTC(2000, 0, 1 + n * 7)).toISOString().slice(0, 10);
  return makeDocument({
    date,
    number: `${n}/x`,
    present: Array.from({ length: 12 }, (_, i) => person(`Person ${i}`, i % 2 ? 'Bjuv' : 'Klippan')),
    items: Array.from({ length: ITEMS }, (_, i) =>
      item(`Ärende ${i} om ämne ${(n * 31 + i) % 50}`, {
        number: String(i + 1),
        text: 'Text '.repeat(200),
        decisions:
          i === 0 && n % 10 === 0
            ? [decision('att uppdra', 'assignment', [assignment(['sekretariatet'], `uppgift om ämne ${n}`, '2030-01')])]
            : [],
      }),
    ),
  });
}

function startChild(db: string, dir: string): ChildProcess {
  const child = spawn(process.execPath, [childFile, db, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (d) => process.stderr.write(`import child: ${d}`));
  return child;
}

/**
 * Counts documents through one long-lived connection: opening and closing a connection per poll would make each
 * close try to checkpoint the WAL and starve the importer's writes.
 */
function counter(db: string): { count: () => number; close: () => void } {
  const raw = new Database(db, { fileMustExist: true });
  raw.pragma('busy_timeout = 5000');
  const statement = raw.prepare('select count(*) as n from documents');
  return { count: () => (statement.get() as { n: number }).n, close: () => raw.close() };
}

/** Resolves when the child has opened (and migrated) the archive. */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (d) => {
      output += String(d);
      if (output.includes('ready')) resolve();
    });
    child.on('exit', () => reject(new Error(`import child exited early: ${output}`)));
  });
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('import crash safety and concurrency (child process)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    mkdirSync(join(dir, 'in'));
    for (let n = 0; n < DOCUMENTS; n++)
      writeFileSync(join(dir, 'in', `${String(n).padStart(4, '0')}.txt`), documentFile(documentNumber(n)));
    const { build } = await import('rolldown');
    await build({
      input: join(root, 'test/support/import-child.ts'),
      platform: 'node',
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
      output: { file: childFile, format: 'esm' },
      logLevel: 'silent',
    });
  });
  afterAll(() => cleanup());

  it('a SIGKILL mid-import leaves a sound archive of whole documents, and a re-run completes it', async () => {
    const db = join(dir, 'killed.db');
    const child = startChild(db, join(dir, 'in'));
    const exited = new Promise((r) => child.on('exit', r));
    await ready(child);
    const poll = counter(db);
    await waitFor(() => poll.count() >= 5, 20_000);
    child.kill('SIGKILL');
    await exited;
    poll.close();
    const partial = counter(db);
    const partialCount = partial.count();
    partial.close();
    expect(partialCount).toBeGreaterThanOrEqual(5);
    expect(partialCount).toBeLessThan(DOCUMENTS);

    const raw = new Database(db);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    const incomplete = raw
      .prepare(
        `select d.id from documents d left join meetings m on m.id = d.meeting_id
         where m.id is null or (select count(*) from items i where i.meeting_id = m.id) <> ${ITEMS}
            or (select count(*) from participants p where p.meeting_id = m.id) <> 12`,
      )
      .all();
    expect(incomplete).toEqual([]);
    raw.close();

    const store = await openSqliteStore({ path: db });
    const summary = await importArchive(store, [join(dir, 'in')], {
      parse: fakeParser('1.0.0'),
      parserVersion: '1.0.0',
    });
    expect(summary.failed).toEqual([]);
    expect(summary.unchanged.length).toBe(partialCount);
    expect(summary.imported.length).toBe(DOCUMENTS - partialCount);
    expect(await store.read((s) => s.documents.count())).toBe(DOCUMENTS);
    await store.close();
  });

  it('a reader keeps answering while another process imports (WAL)', async () => {
    const db = join(dir, 'busy.db');
    const child = startChild(db, join(dir, 'in'));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await ready(child);
    const reader = await openSqliteStore({ path: db });
    const seen: number[] = [];
    let slowest = 0;
    while (seen.length === 0 || seen.at(-1)! < DOCUMENTS) {
      const started = performance.now();
      const n = await reader.read(async (s) => {
        await s.meetings.list();
        return s.documents.count();
      });
      slowest = Math.max(slowest, performance.now() - started);
      seen.push(n);
      if (child.exitCode !== null && n < DOCUMENTS) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await exited).toBe(0);
    await reader.close();
    expect(seen.at(-1)).toBe(DOCUMENTS);
    expect(new Set(seen.filter((n) => n > 0 && n < DOCUMENTS)).size).toBeGreaterThan(2);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(slowest).toBeLessThan(1000);
  });
});
