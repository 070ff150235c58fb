import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProtocolDocument } from '../../src/domain/document.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Golden cases: folders under test/fixtures with a source file and an expected.json. */
export function goldenCases(): { name: string; dir: string; source: string }[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const dir = join(FIXTURES, d.name);
      const files = readdirSync(dir);
      const source = files.find((f) => f.startsWith('source.'));
      return source && files.includes('expected.json') ? [{ name: d.name, dir, source: join(dir, source) }] : [];
    });
}

export function readExpected(dir: string): ProtocolDocument {
  return JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as ProtocolDocument;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The document as golden tests compare it: item text whitespace-insensitive (line wrapping differs between
 * formats), warnings as code and line (messages are prose for people), and, when `lines` is false, warnings
 * as codes only (line numbers differ between a text file and its PDF rendering).
 */
export function comparable(doc: ProtocolDocument, options: { lines: boolean; source: boolean }): unknown {
  return {
    ...doc,
    source: options.source ? doc.source : null,
    items: doc.items.map((i) => ({
      ...i,
      text: squash(i.text),
      decisions: i.decisions.map((d) => ({ ...d, text: squash(d.text) })),
      referral: i.referral ? { ...i.referral, text: squash(i.referral.text) } : null,
    })),
    warnings: doc.warnings.map((w) => (options.lines ? `${w.code}@${w.line}` : w.code)).sort(),
  };
}
