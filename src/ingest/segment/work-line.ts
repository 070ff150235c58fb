import type { SourceLine } from '../extract/lines.js';
import { normaliseLine, stripMarkup } from './clean-line.js';

/** A source line as the segmenter sees it. */
export interface WorkLine {
  /** 1-based line number in the extracted text (used in warnings). */
  no: number;
  page: number | null;
  /** NFC, spaces normalised, Markdown kept (needed to see "**" headings and column gaps). */
  raw: string;
  /** Without Markdown markup and with single spaces: what the interpreters read. */
  text: string;
  /** Page furniture, repeated headers, e-signature boilerplate: not content. */
  noise: boolean;
}

export function toWorkLines(lines: readonly SourceLine[]): WorkLine[] {
  const wide = lines.some((l) => BEYOND_LATIN1_RE.test(l.text));
  return lines.map((l) => {
    const normalised = normaliseLine(l.text);
    const raw = wide ? compact(normalised) : normalised;
    return { no: l.line, page: l.page, raw, text: stripMarkup(raw), noise: false };
  });
}

const BEYOND_LATIN1_RE = /[\u0100-\uffff]/;

/**
 * V8 stores a string with one byte per character when every character fits, and then runs regular expressions
 * several times faster (up to 15× for the name patterns). A single dash or curly quote in a file makes the whole
 * decoded text two-byte, and every line sliced from it stays so: lines that fit in Latin-1 are copied back into
 * one-byte strings. The text is unchanged.
 */
function compact(line: string): string {
  if (BEYOND_LATIN1_RE.test(line)) return line;
  if (line.length > scratch.length) return Buffer.from(line, 'latin1').toString('latin1');
  return scratch.toString('latin1', 0, scratch.write(line, 0, 'latin1'));
}

/** Reused for the copies: one buffer per line cost more than the copy itself. */
const scratch = Buffer.allocUnsafe(4096);
