import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertValidDocument } from './support/schema.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'main.js');
const example = (year: string) => join(root, 'examples', `kommundirektorsgruppen-${year}.txt`);
const bad = (name: string) => join(root, 'test', 'fixtures', 'bad', name);

/** Runs the built CLI as a user would; resolves with the exit code instead of throwing on a non-zero one. */
async function protokoll(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd: root, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('protokoll parse (the built command)', () => {
  beforeAll(async () => {
    // The suite runs against dist/, which `npm install` builds; rebuild so a local run tests the current source.
    // Type errors are the typecheck step's business (tsc emits regardless), so the exit code is not checked here.
    await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root }).catch(() => undefined);
  }, 120_000);

  it('prints a Swedish summary of a protocol', async () => {
    const { code, stdout } = await protokoll('parse', example('2016-10'));
    expect(code).toBe(0);
    expect(stdout).toContain('Kommundirektörsgruppen, protokoll 10/2016');
    expect(stdout).toContain('2016-11-18 kl 08:30–12:30, Mind Park E7, Helsingborg');
    expect(stdout).toMatch(/Varningar \(\d+\)/);
  });

  it('prints exactly one protokoll/1 object for one file, JSON Lines for several', async () => {
    const one = await protokoll('parse', '--json', example('2019-05'));
    expect(one.code).toBe(0);
    const document = JSON.parse(one.stdout);
    assertValidDocument(document);
    expect(document.number).toBe('5/2019');

    const many = await protokoll('parse', '--json', example('2011-06'), example('2024-02'));
    const lines = many.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) assertValidDocument(JSON.parse(line));
  });

  it('exits 1 with one line per failed file naming it and a reason a person can act on', async () => {
    const files = ['budget.xlsx', 'scanned.pdf', 'legacy.doc', 'zip-bomb.docx', 'notes.txt', 'empty.txt', 'image.png'];
    const { code, stdout, stderr } = await protokoll('parse', example('2018-04'), ...files.map(bad), 'missing.txt');
    expect(code).toBe(1);
    expect(stdout).toContain('protokoll 4/2018');
    const errors = stderr.trim().split('\n');
    expect(errors).toHaveLength(files.length + 1);
    expect(errors.join('\n')).not.toMatch(/\n\s+at /);
    expect(stderr).toContain(`${bad('budget.xlsx')}: unsupported format: .xlsx`);
    expect(stderr).toContain(`${bad('scanned.pdf')}: no text layer: scanned PDFs need OCR first`);
    expect(stderr).toContain(`${bad('notes.txt')}: not a protocol: no date, attendance or items found`);
    expect(stderr).toMatch(/zip-bomb\.docx: refused: .*zip bomb/);
    expect(stderr).toContain('missing.txt: no such file');
  });

  it('exits 2 for usage errors', async () => {
    expect((await protokoll('parse')).code).toBe(2);
    expect((await protokoll('parse', '--no-such-option', example('2016-10'))).code).toBe(2);
  });
});
