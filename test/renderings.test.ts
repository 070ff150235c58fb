import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../src/ingest/pipeline.js';
import { comparable, FIXTURES, goldenCases, readExpected } from './support/golden.js';
import { assertValidDocument } from './support/schema.js';

const SEEDS = ['seed-2011-06', 'seed-2016-10', 'seed-2018-04', 'seed-2019-05', 'seed-2024-02'];
const RENDERINGS = join(FIXTURES, 'renderings');

/** Every rendering of a seed must give the seed's expected document (source aside; PDF/DOCX lines differ). */
const cases = SEEDS.flatMap((seed) =>
  [
    { file: `${seed}.pdf`, format: 'pdf', lines: false },
    { file: `${seed}.docx`, format: 'docx', lines: false },
    { file: `${seed}.cp1252.txt`, format: 'txt', lines: true },
    { file: `${seed}.utf16.txt`, format: 'txt', lines: true },
    { file: `${seed}.bom.txt`, format: 'txt', lines: true },
  ]
    .filter((c) => existsSync(join(RENDERINGS, c.file)))
    .map((c) => ({ ...c, seed })),
);

// Layout fixtures may carry their own renderings: test/fixtures/<case>/rendering.pdf|docx.
const ownRenderings = goldenCases().flatMap((c) =>
  ['pdf', 'docx']
    .filter((ext) => existsSync(join(c.dir, `rendering.${ext}`)))
    .map((ext) => ({ file: join(c.dir, `rendering.${ext}`), format: ext, lines: false, seed: c.name })),
);

describe('renderings of the seeds give the same document', () => {
  it('covers PDF, DOCX and other encodings of every seed', () => {
    expect(cases.filter((c) => c.format === 'pdf')).toHaveLength(5);
    expect(cases.filter((c) => c.format === 'docx')).toHaveLength(5);
    expect(cases.filter((c) => c.file.includes('cp1252'))).toHaveLength(4);
  });
  for (const c of [...cases, ...ownRenderings]) {
    it(c.file.replace(FIXTURES, ''), async () => {
      const bytes = new Uint8Array(readFileSync(isAbsolute(c.file) ? c.file : join(RENDERINGS, c.file)));
      const { document } = await parseProtocol({ bytes, name: c.file });
      assertValidDocument(document);
      expect(document.source.format).toBe(c.format);
      const expected = readExpected(join(FIXTURES, c.seed));
      expect(comparable(document, { lines: c.lines, source: false })).toEqual(
        comparable(expected, { lines: c.lines, source: false }),
      );
    });
  }
});
