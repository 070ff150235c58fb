import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../src/ingest/pipeline.js';
import { generateCorpus } from '../src/services/generate/corpus.js';
import { comparable } from './support/golden.js';
import { assertValidDocument } from './support/schema.js';

/** Paths where the parser's document differs from the generator's true one ("items[].decisions[].kind"). */
function differences(got: unknown, want: unknown, path = '', out: string[] = []): string[] {
  if (typeof got !== 'object' || typeof want !== 'object' || got === null || want === null) {
    if (got !== want) out.push(path);
    return out;
  }
  if (Array.isArray(got) || Array.isArray(want)) {
    const a = Array.isArray(got) ? got : [];
    const b = Array.isArray(want) ? want : [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) differences(a[i], b[i], `${path}[]`, out);
    return out;
  }
  const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
  for (const k of keys)
    differences((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], `${path}.${k}`, out);
  return out;
}

describe('parser on the generated corpus', () => {
  it('reads a few hundred generated protocols of every layout as the generator wrote them', async () => {
    let perfect = 0;
    let total = 0;
    const fields = new Map<string, number>();
    for (const protocol of generateCorpus({ count: 400, seed: 'golden-corpus' })) {
      const { document } = await parseProtocol({ bytes: new Uint8Array(protocol.bytes), name: protocol.name });
      assertValidDocument(document);
      const diff = differences(
        comparable(document, { lines: true, source: true }),
        comparable(protocol.expected, { lines: true, source: true }),
      );
      total++;
      if (diff.length === 0) perfect++;
      for (const d of new Set(diff)) fields.set(d, (fields.get(d) ?? 0) + 1);
    }
    // "Near perfectly": at most 1 % of documents with any difference at all.
    expect({ perfect, total, fields: Object.fromEntries(fields) }).toMatchObject({ total: 400 });
    expect(perfect / total, JSON.stringify(Object.fromEntries(fields))).toBeGreaterThanOrEqual(0.99);
  });
});
