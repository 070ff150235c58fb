import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/support/archive-factories.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import { buildProgram } from './program.js';

const SEEDS = '/work/shared/corpus/seeds';

/** Runs one command in-process and returns what it printed and its exit code. */
async function run(...args: string[]): Promise<{ stdout: string; exitCode: number | undefined }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(['node', 'protokoll', ...args]);
  } finally {
    spy.mockRestore();
  }
  const exitCode = typeof process.exitCode === 'number' ? process.exitCode : undefined;
  process.exitCode = undefined;
  return { stdout, exitCode };
}

describe.skipIf(!(await import('node:fs')).existsSync(SEEDS))('archive commands on the seed protocols', () => {
  let dir: string;
  let cleanup: () => void;
  let db: string;
  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    db = join(dir, 'archive.db');
    // A command that lost its --db must not touch data/protokoll.db.
    process.env.PROTOKOLL_DB = join(dir, 'wrong-default.db');
  });
  afterAll(() => {
    delete process.env.PROTOKOLL_DB;
    cleanup();
  });

  it('imports the seeds, then finds them unchanged; a bad file makes exit 1', async () => {
    const first = await run('import', SEEDS, '--db', db, '--json');
    expect(first.exitCode).toBe(EXIT_OK);
    expect(JSON.parse(first.stdout).imported).toHaveLength(5);
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'Inköpslista: mjölk, bröd.');
    const second = await run('import', SEEDS, bad, '--db', db, '--json');
    const summary = JSON.parse(second.stdout);
    expect(summary.unchanged).toHaveLength(5);
    expect(summary.failed).toHaveLength(1);
    expect(second.exitCode).toBe(EXIT_FAILURE);
  });

  it('answers the brief’s questions with --json', async () => {
    const meetings = JSON.parse((await run('meeting', 'list', '--year', '2019', '--db', db, '--json')).stdout);
    expect(meetings.map((m: { number: string }) => m.number)).toEqual(['5/2019']);
    const meeting = JSON.parse((await run('meeting', 'show', meetings[0].id.slice(0, 8), '--db', db, '--json')).stdout);
    expect(meeting.items.find((i: { number: string }) => i.number === '8')?.referral?.date).toBe('2019-08-16');
    const rikse = JSON.parse((await run('person', 'show', 'Tomas Rikse', '--db', db, '--json')).stdout);
    expect(rikse.memberships.map((m: { organisation: string }) => m.organisation)).toEqual(['Båstad', 'Klippan']);
    const stats = JSON.parse((await run('stats', '--year', '2016', '--db', db, '--json')).stdout);
    expect(stats.meetingsHeld).toBe(1);
    const klippan = stats.attendance.municipalities.find((m: { name: string }) => m.name === 'Klippan');
    expect(klippan).toMatchObject({ present: 1, rate: 1 });
    const open = JSON.parse((await run('uppdrag', '--open', '--db', db, '--json')).stdout);
    expect(open.length).toBeGreaterThan(0);
    const done = JSON.parse((await run('uppdrag', 'klar', open[0].id, '--note', 'klart', '--db', db, '--json')).stdout);
    expect(done).toMatchObject({ status: 'done', note: 'klart' });
    const exported = JSON.parse(
      (await run('export', '--format', 'csv', '--out', join(dir, 'csv'), '--db', db, '--json')).stdout,
    );
    expect(exported.files.length).toBeGreaterThan(5);
  });
});
