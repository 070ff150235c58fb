import { newStemmer } from 'snowball-stemmers';

const snowball = newStemmer('swedish');

/**
 * Snowball Swedish with two repairs, applied alike at index and query time so that an occasional over-stemmed
 * word ("budget" → "budg") still matches itself:
 * - a stem left ending in "s" is stemmed again, because Snowball removes the "s" of "plats" but not of "platsen"
 *   ("flygplatsen" → "flygplats" → "flygplat", like "flygplats");
 * - the definite neuter ending "-et", which Snowball leaves alone, is removed ("beslutet" → "beslut",
 *   "mötet" → "möt", like "besluten" and "möte"), and what is left is stemmed once more ("projektet" →
 *   "projekt" → "projek", like "projekt" and "projekten").
 * Expects a normalised word (see `normalizeWord`).
 */
export function stemSwedish(word: string): string {
  let stem = snowball.stem(word);
  if (stem !== word && stem.endsWith('s')) stem = snowball.stem(stem);
  if (stem.length >= 5 && stem.endsWith('et')) {
    while (stem.length >= 5 && stem.endsWith('et')) stem = stem.slice(0, -2);
    // What is left is the bare word, which Snowball may shorten further ("projekt" → "projek", as "projekten").
    stem = snowball.stem(stem);
  }
  return stem;
}
