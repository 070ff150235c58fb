/**
 * Word-level normalisation shared by indexing, querying and highlighting: Unicode NFC, lower case, and
 * diacritics folded away except on the Swedish letters å, ä and ö ("Crespín" ≡ "crespin", "Åstorp" stays).
 */

/** Letters, digits and combining marks; everything else separates words. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const NEEDS_FOLDING = /[^\p{ASCII}åäö]/u;
const COMBINING_MARK = /\p{M}/u;
const RING_ABOVE = '\u030a';
const DIAERESIS = '\u0308';

/** Letters that have no decomposition but a natural Swedish reading. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  æ: 'ä',
  ø: 'ö',
  ß: 'ss',
  œ: 'oe',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  đ: 'd',
  ı: 'i',
};

export interface WordSpan {
  /** The word exactly as it appears in the text. */
  word: string;
  /** UTF-16 offsets into the text: `text.slice(start, end) === word`. */
  start: number;
  end: number;
}

/** Splits text into words (runs of letters, digits and combining marks) with their offsets. */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    spans.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

/** The words of a text, without offsets. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** NFC, lower case, diacritics folded except å/ä/ö. The result may be empty (a word of marks only). */
export function normalizeWord(word: string): string {
  const lower = word.normalize('NFC').toLowerCase();
  return NEEDS_FOLDING.test(lower) ? foldDiacritics(lower) : lower;
}

function foldDiacritics(lower: string): string {
  let out = '';
  let base = '';
  for (const char of lower.normalize('NFD')) {
    if (COMBINING_MARK.test(char)) {
      const keep = (char === RING_ABOVE && base === 'a') || (char === DIAERESIS && (base === 'a' || base === 'o'));
      if (keep) out += char;
      continue;
    }
    base = char;
    out += SPECIAL_LETTERS[char] ?? char;
  }
  return out.normalize('NFC');
}
