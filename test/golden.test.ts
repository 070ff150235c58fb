import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../src/ingest/pipeline.js';
import { comparable, goldenCases, readExpected } from './support/golden.js';
import { assertValidDocument } from './support/schema.js';

const update = process.env.UPDATE_GOLDEN === '1';

describe('golden documents', () => {
  for (const c of goldenCases()) {
    it(c.name, async () => {
      const bytes = new Uint8Array(readFileSync(c.source));
      const { document } = await parseProtocol({ bytes, name: c.source });
      assertValidDocument(document);
      if (update) writeFileSync(join(c.dir, 'expected.json'), `${JSON.stringify(document, null, 2)}\n`);
      const expected = readExpected(c.dir);
      expect(comparable(document, { lines: true, source: true })).toEqual(
        comparable(expected, { lines: true, source: true }),
      );
    });
  }
});
