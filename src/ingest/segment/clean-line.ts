/**
 * Line-level normalisation shared by all stages: Unicode NFC, no-break and odd spaces to plain spaces, and
 * Markdown emphasis/heading markers removed (the protocols' Word styles arrive as `**`, `*`, `#`).
 */
export function normaliseLine(raw: string): string {
  // Two tests, not one pattern with two alternatives: alone, V8 checks "\s$" at the end only instead of at every
  // space (3x faster on the lines that need neither).
  if (!/[^\x20-\x7e\u00c0-\u00ff]/.test(raw) && !/\s$/.test(raw)) return raw;
  return raw
    .normalize('NFC')
    .replace(/\t/g, '  ')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ')
    .replace(/\uFEFF/g, '')
    .trimEnd();
}

const SINGLE_ASTERISK_RE = /(^|[\s(])\*(?=\S)|(?<=\S)\*(?=[\s).,:;]|$)/g;

/** The line without Markdown markup: for classification and for the text we store. */
export function stripMarkup(line: string): string {
  if (!/[*#_]|\s\s|^\s/.test(line)) return line;
  const unbolded = line.replace(/^\s*#{1,6}\s+/, '').replace(/\*\*|__/g, '');
  // The single-asterisk pattern tries its lookbehind at every position; most lines have no asterisk left.
  const plain = unbolded.includes('*') ? unbolded.replace(SINGLE_ASTERISK_RE, '$1') : unbolded;
  return plain.replace(/\s{2,}/g, ' ').trim();
}

/** Lowercased letters-and-digits key, for comparing lines that differ only in punctuation or spacing. */
export function lineKey(line: string): string {
  // A loop rather than a global replace, which matches at every space: this runs on most lines of a document.
  const lower = line.toLowerCase();
  let key = '';
  let from = 0;
  for (let i = 0; i < lower.length; i++) {
    if (isKeyChar(lower.charCodeAt(i))) continue;
    if (i > from) key += lower.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? lower : key + lower.slice(from);
}

/** The characters a key keeps: a–z, 0–9 and U+00C0–U+1FFF except × and ÷. */
function isKeyChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && c <= 0x1fff && c !== 0xd7 && c !== 0xf7);
}
