/**
 * Line-level normalisation shared by all stages: Unicode NFC, no-break and odd spaces to plain spaces, and
 * Markdown emphasis/heading markers removed (the protocols' Word styles arrive as `**`, `*`, `#`).
 */
export function normaliseLine(raw: string): string {
  if (!/[^\x20-\x7e\u00c0-\u00ff]|\s$/.test(raw)) return raw;
  return raw
    .normalize('NFC')
    .replace(/\t/g, '  ')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ')
    .replace(/\uFEFF/g, '')
    .replace(/\s+$/, '');
}

/** The line without Markdown markup: for classification and for the text we store. */
export function stripMarkup(line: string): string {
  if (!/[*#_]|\s\s|^\s/.test(line)) return line;
  return line
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .replace(/(^|[\s(])\*(?=\S)|(?<=\S)\*(?=[\s).,:;]|$)/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Lowercased letters-and-digits key, for comparing lines that differ only in punctuation or spacing. */
export function lineKey(line: string): string {
  return line.toLowerCase().replace(/[^a-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff]+/g, '');
}
