import type { CompoundLexicon } from './compound-lexicon.js';

/** Shortest part we accept; the dictionary allows one letter, which makes nonsense splits in search. */
const MIN_PART = 3;
/** Words outside this range are not split: short ones are rarely compounds, long ones are rarely words. */
const MIN_WORD = 2 * MIN_PART;
const MAX_WORD = 48;

interface Split {
  stems: string[];
  shortest: number;
}

/**
 * Splits a normalised word into the stems of its parts, or returns [] when it is not a compound the dictionary
 * can account for: "vuxenutbildningsansökan" → ["vuxen", "utbildning", "ansökan"]. The finest split wins (most
 * parts; then the one whose shortest part is longest), because the dictionary also lists compounds such as
 * "vuxenutbildnings-" as begin forms: a query for "utbildning" must find the part inside, and a query for
 * "vuxenutbildning" (split the same way) finds "vuxen utbildning" as a phrase of parts.
 */
export function splitCompound(word: string, lexicon: CompoundLexicon): string[] {
  const n = word.length;
  if (n < MIN_WORD || n > MAX_WORD) return [];
  const memo = new Map<number, Split | null>();

  // Best split of word[i..] into middle parts and one end part; i > 0.
  const rest = (i: number): Split | null => {
    const known = memo.get(i);
    if (known !== undefined) return known;
    let best: Split | null = null;
    const endStem = lexicon.endStem(word.slice(i));
    if (endStem !== undefined) best = { stems: [endStem], shortest: n - i };
    for (let j = i + MIN_PART; j <= n - MIN_PART; j++) {
      const stem = lexicon.middleStem(word.slice(i, j));
      if (stem === undefined) continue;
      best = better(best, stem, j - i, rest(j));
    }
    memo.set(i, best);
    return best;
  };

  let best: Split | null = null;
  for (let j = MIN_PART; j <= n - MIN_PART; j++) {
    const stem = lexicon.beginStem(word.slice(0, j));
    if (stem === undefined) continue;
    best = better(best, stem, j, rest(j));
  }
  return best ? best.stems : [];
}

function better(current: Split | null, stem: string, length: number, tail: Split | null): Split | null {
  if (!tail) return current;
  const candidate = { stems: [stem, ...tail.stems], shortest: Math.min(length, tail.shortest) };
  if (!current) return candidate;
  if (candidate.stems.length !== current.stems.length) {
    return candidate.stems.length > current.stems.length ? candidate : current;
  }
  return candidate.shortest > current.shortest ? candidate : current;
}
