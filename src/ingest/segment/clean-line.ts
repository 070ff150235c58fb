/**
 * Line-level normalisation shared by all stages: Unicode NFC, no-break and odd spaces to plain spaces, and
 * Markdown emphasis/heading markers removed (the protocols' Word styles arrive as `**`, `*`, `#`).
 */
export function normaliseLine(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]/g, ' ')
    .replace(/\uFEFF/g, '')
    .replace(/\s+$/, '');
}

/** The line without Markdown markup: for classification and for the text we store. */
export function stripMarkup(line: string): string {
  return line
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .replace(/(^|[\s(])\*(?=\S)|(?<=\S)\*(?=[\s).,:;]|$)/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Lowercased letters-and-digits key, for comparing lines that differ only in punctuation or spacing. */
export function lineKey(line: string): string {
  return line.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
