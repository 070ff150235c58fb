import { type CompoundLexicon, swedishCompoundLexicon } from './compound-lexicon.js';
import { splitCompound } from './compound-splitter.js';
import { normalizeWord, words } from './normalize.js';
import { stemSwedish } from './swedish-stemmer.js';

/** How one word is indexed and searched. */
export interface WordAnalysis {
  /** The normalised word (NFC, lower case, diacritics other than å/ä/ö folded); used for prefix matching. */
  normalized: string;
  /** Stem of the whole word. */
  stem: string;
  /** Stems of the compound parts in order, or [] when the word is not a compound. */
  parts: readonly string[];
}

/** The two token streams stored for a text: whole-word stems, and the same with compounds replaced by parts. */
export interface AnalyzedText {
  /** Stems of the words, space-separated, in text order. */
  words: string;
  /** Like `words`, but each compound is replaced by its part stems, so parts can be found as phrases. */
  parts: string;
}

const DIGITS_ONLY = /^\p{N}+$/u;
/** Longer "words" are URLs, hashes or PDF debris; they are cut so they cannot bloat the index. */
const MAX_WORD_LENGTH = 64;
/** Distinct words remembered (about 40 MB); past that the cache starts over, which costs less than the memory. */
const CACHE_LIMIT = 200_000;

const cache = new Map<string, WordAnalysis | null>();
let lexicon: CompoundLexicon | undefined;

/**
 * Analyses one word as written (any case or normalisation). Returns null for a "word" that normalises to nothing
 * (combining marks only). Results are cached, so the same word in a large archive is analysed once.
 */
export function analyzeWord(word: string): WordAnalysis | null {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const result = computeWordAnalysis(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}

function computeWordAnalysis(word: string): WordAnalysis | null {
  const normalized = normalizeWord(word).slice(0, MAX_WORD_LENGTH);
  if (normalized === '') return null;
  if (DIGITS_ONLY.test(normalized)) return { normalized, stem: normalized, parts: [] };
  lexicon ??= swedishCompoundLexicon();
  return { normalized, stem: stemSwedish(normalized), parts: splitCompound(normalized, lexicon) };
}

/**
 * The index tokens of a text: for every word its stem, followed by its part stems when it is a compound.
 * "Vuxenutbildningsansökan beviljades" → ["vuxenutbildningsansökan", "vuxen", "utbildning", "ansökan", "beviljad"].
 * Never throws.
 */
export function analyze(text: string): string[] {
  const tokens: string[] = [];
  for (const word of words(text)) {
    const analysis = analyzeWord(word);
    if (!analysis) continue;
    tokens.push(analysis.stem, ...analysis.parts);
  }
  return tokens;
}

/** The two streams an index stores for a text (see `AnalyzedText`). Never throws. */
export function analyzeForIndex(text: string): AnalyzedText {
  const whole: string[] = [];
  const parts: string[] = [];
  for (const word of words(text)) {
    const analysis = analyzeWord(word);
    if (!analysis) continue;
    whole.push(analysis.stem);
    if (analysis.parts.length > 0) parts.push(...analysis.parts);
    else parts.push(analysis.stem);
  }
  return { words: whole.join(' '), parts: parts.join(' ') };
}

/** The analysed words of a query fragment, in order; the query-side counterpart of `analyze`. */
export function analyzeQueryWords(text: string): WordAnalysis[] {
  const result: WordAnalysis[] = [];
  for (const word of words(text)) {
    const analysis = analyzeWord(word);
    if (analysis) result.push(analysis);
  }
  return result;
}

/** Loads the dictionary now rather than on the first word (for servers and benchmarks). */
export function warmUpAnalyzer(): void {
  lexicon ??= swedishCompoundLexicon();
}
