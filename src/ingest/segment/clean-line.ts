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
  // A character loop: this runs on every line, and the Unicode-class regex was the parser's hottest spot.
  const lower = line.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000)) {
      out += lower[i];
    }
  }
  return out;
}
