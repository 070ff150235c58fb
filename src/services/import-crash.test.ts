import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/archive-factories.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store.js';

/*
 * Crash safety and concurrency of the real thing: `protokoll import` (dist/main.js, built by npm's prepare, and
 * here again when a source file is newer) run as a second process on generated protocols, killed with SIGKILL in
 * the middle, or read from while it writes.
 */

const DOCUMENTS = 600;
const BATCH = 50;
const root = resolve(import.meta.dirname, '../..');
const main = join(root, 'dist/main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** Builds dist/ unless it is newer than every source file (a local run after an edit). */
function ensureBuilt(): void {
  const built = existsSync(main) ? statSync(join(root, 'dist/services/import-archive.js')).mtimeMs : 0;
  if (built >= newestSource(join(root, 'src'))) return;
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  } catch {
    // Type errors elsewhere do not stop tsc from writing the files; the import below tells whether they work.
  }
}

function cli(...args: string[]): ChildProcess {
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (d) => {
    if (!/^import: \d+/.test(String(d))) process.stderr.write(`protokoll: ${d}`);
  });
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => child.on('exit', (code) => r(code)));
}

/**
 * Counts documents through one long-lived connection, once the importer has created the archive: opening and
 * closing a connection per poll would make each close try to checkpoint the WAL and starve the importer's writes.
 */
async function counter(db: string, timeoutMs: number): Promise<{ count: () => number; close: () => void }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(db)) {
      const raw = new Database(db, { fileMustExist: true });
      raw.pragma('busy_timeout = 5000');
      try {
        const statement = raw.prepare('select count(*) as n from documents');
        return { count: () => (statement.get() as { n: number }).n, close: () => raw.close() };
      } catch {
        raw.close(); // Not migrated yet.
      }
    }
    if (Date.now() > end) throw new Error(`${db} never got a documents table`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('import crash safety and concurrency (the CLI in a second process)', () => {
  let dir: string;
  let input: string;
  let cleanup: () => void;
  beforeAll(() => {
    ensureBuilt();
    ({ dir, cleanup } = tempDir());
    input = join(dir, 'in');
    execFileSync(process.execPath, [main, 'generate', '--count', String(DOCUMENTS), '--out', input, '--seed', '7']);
  }, 120_000);
  afterAll(() => cleanup());

  it('a SIGKILL mid-import leaves a sound archive of whole batches of whole documents, and a re-run completes it', async () => {
    const db = join(dir, 'killed.db');
    const child = cli('import', input, '--db', db, '--batch', String(BATCH));
    const done = exited(child);
    const poll = await counter(db, 60_000);
    await waitFor(() => poll.count() >= 2 * BATCH || child.exitCode !== null, 120_000);
    child.kill('SIGKILL');
    await done;
    poll.close();

    const raw = new Database(db);
    const partial = (raw.prepare('select count(*) as n from documents').get() as { n: number }).n;
    expect(partial).toBeGreaterThanOrEqual(2 * BATCH);
    expect(partial).toBeLessThan(DOCUMENTS);
    // A batch is one transaction: the archive holds whole batches (no failures in a generated corpus).
    expect(partial % BATCH).toBe(0);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    // Every document is whole: its meeting, with every item and participant the parser read, indexed for search.
    const incomplete = raw
      .prepare(
        `select d.name from documents d left join meetings m on m.id = d.meeting_id
         where m.id is null
            or (d.status = 'primary' and (
                 (select count(*) from items i where i.meeting_id = m.id) <> json_array_length(d.document_json, '$.items')
              or (select count(*) from participants p where p.meeting_id = m.id) <>
                   json_array_length(d.document_json, '$.present') + json_array_length(d.document_json, '$.absent')
                   + json_array_length(d.document_json, '$.guests')
              or not exists (select 1 from search_docs s where s.type = 'meeting' and s.target_id = m.id)))`,
      )
      .all();
    expect(incomplete).toEqual([]);
    // Follow-up links are computed when the import ends; until then the stored meetings wait in a durable queue.
    const queued = (raw.prepare('select count(*) as n from relink_queue').get() as { n: number }).n;
    const meetings = (raw.prepare('select count(*) as n from meetings').get() as { n: number }).n;
    expect(queued).toBe(meetings);
    raw.close();

    const rerun = cli('import', input, '--db', db, '--json');
    let output = '';
    rerun.stdout?.on('data', (d) => {
      output += String(d);
    });
    expect(await exited(rerun)).toBe(0);
    const summary = JSON.parse(output) as Record<'unchanged' | 'imported' | 'duplicates' | 'failed', unknown[]>;
    expect(summary.failed).toEqual([]);
    expect(summary.unchanged).toHaveLength(partial);
    expect(summary.imported.length + summary.duplicates.length).toBe(DOCUMENTS - partial);
    // Read-only: the CLI's migrations (search, accounts) are not this test's to know.
    const store = await openSqliteStore({ path: db, readonly: true });
    expect(await store.read((s) => s.documents.count())).toBe(DOCUMENTS);
    expect(await store.read((s) => s.followUps.relinkQueued())).toBe(0);
    await store.close();
    // The re-run linked what the killed run had queued: the same links as an import that was never interrupted.
    const clean = join(dir, 'clean.db');
    expect(await exited(cli('import', input, '--db', clean))).toBe(0);
    const links = (path: string) => {
      const connection = new Database(path, { readonly: true });
      const rows = connection.prepare('select id, score, evidence_json, status from followup_links order by id').all();
      connection.close();
      return rows;
    };
    const expected = links(clean);
    expect(expected.length).toBeGreaterThan(0);
    expect(links(db)).toEqual(expected);
  }, 240_000);

  it('a reader keeps answering while another process imports (WAL)', async () => {
    const db = join(dir, 'busy.db');
    const child = cli('import', input, '--db', db, '--batch', String(BATCH));
    const done = exited(child);
    (await counter(db, 60_000)).close();
    const reader = await openSqliteStore({ path: db, readonly: true });
    const seen: number[] = [];
    let slowest = 0;
    while (seen.length === 0 || seen.at(-1)! < DOCUMENTS) {
      const started = performance.now();
      const n = await reader.read(async (s) => {
        await s.meetings.list({ year: 2016 });
        return s.documents.count();
      });
      slowest = Math.max(slowest, performance.now() - started);
      seen.push(n);
      if (child.exitCode !== null && n < DOCUMENTS) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await done).toBe(0);
    await reader.close();
    expect(seen.at(-1)).toBe(DOCUMENTS);
    expect(new Set(seen.filter((n) => n > 0 && n < DOCUMENTS)).size).toBeGreaterThan(2);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(slowest).toBeLessThan(1000);
  }, 240_000);
});
