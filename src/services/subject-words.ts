import { analyzeWord } from '../search/analyzer.js';
import { words } from '../search/normalize.js';
import { stemSwedish } from '../search/swedish-stemmer.js';

/*
 * The words follow-up linking compares: the search analyser's stems (src/search/analyzer.ts), so linking and
 * search agree on what counts as the same word ("projektet" and "projekt", "flygplatsen" and "flygplats"), plus
 * the parts of compounds ("flygplatsfrågan" shares "flygplats" with "flygplatsen"). Words that say nothing about
 * the subject (function words, the vocabulary of every protocol, short words, numbers) are left out.
 */

export type Analyzer = (text: string) => string[];

const STOPWORDS = new Set(
  (
    'att och som för med till från den det detta dessa denna har hade ska skall kan inte även samt eller på av ' +
    'är var blir blev vara sin sitt sina hos vid under över efter inom utan mellan mot om alla andra kommer ' +
    'uppdra uppdras uppdrag uppdraget redovisa redovisas redovisning beslut beslutar mötet möte gruppen ' +
    'ärendet ärende information informationen tacka arbeta fram vidare respektive kommundirektörsgruppen ' +
    'kommundirektörgruppen kommundirektörsmöte styrelsen styrelsemötet familjen helsingborg'
  ).split(/\s+/),
);

/** The stopwords as stems too, so inflected forms ("besluten", "uppdragen") are left out as well. */
const STOP_STEMS = new Set([...STOPWORDS].map(stemSwedish));
const MIN_LENGTH = 4;
const DIGITS = /^\p{N}+$/u;

/**
 * Verbs and their nouns meet ("utvärdera", "utvärderingen" → "utvärd"; "planera", "planering" → "plan"): an
 * assignment is worded as a task and reported back as a topic, and Snowball, tuned for search, keeps them apart.
 */
function fold(stem: string): string {
  let folded = stem;
  for (const ending of [/n?ing$/, /er$/]) {
    const shorter = folded.replace(ending, '');
    if (shorter.length >= MIN_LENGTH) folded = shorter;
  }
  return folded;
}

function isSubject(normalized: string, stem: string): boolean {
  return normalized.length >= MIN_LENGTH && !STOPWORDS.has(normalized) && !STOP_STEMS.has(stem) && !DIGITS.test(stem);
}

/** Distinct subject words of a text (stems, then the stems of compound parts, folded), in first-seen order. */
export const subjectWords: Analyzer = (text) => {
  const out = new Set<string>();
  for (const word of words(text)) {
    const analysis = analyzeWord(word);
    if (!analysis || !isSubject(analysis.normalized, analysis.stem)) continue;
    out.add(fold(analysis.stem));
    for (const part of analysis.parts) if (isSubject(part, part)) out.add(fold(part));
  }
  return [...out];
};
