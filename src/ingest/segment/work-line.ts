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
  return lines.map((l) => {
    const raw = normaliseLine(l.text);
    return { no: l.line, page: l.page, raw, text: stripMarkup(raw), noise: false };
  });
}
