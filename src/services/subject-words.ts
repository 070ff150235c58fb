import { matchKey } from '../domain/match-keys.js';

/*
 * A deliberately small analyser for follow-up linking: content words folded and crudely stemmed, so "projektet"
 * and "projekt" meet. Full Swedish analysis belongs to src/search; linking takes any `Analyzer`, and the
 * composition root can hand it the search analyser once that exists.
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

const SUFFIXES = [
  'ingarna',
  'ingar',
  'ing',
  'ernas',
  'arnas',
  'ornas',
  'heten',
  'ingen',
  'ningen',
  'erna',
  'arna',
  'orna',
  'ande',
  'ende',
  'ning',
  'het',
  'ens',
  'ets',
  'en',
  'et',
  'er',
  'ar',
  'or',
  'na',
  'a',
  'e',
  's',
];

// Longest first, so "utvärderingen" loses "ingen", not just "en".
SUFFIXES.sort((a, b) => b.length - a.length);

function stem(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Distinct content words of a text, folded and stemmed, in first-seen order. */
export const subjectWords: Analyzer = (text) => {
  const out = new Set<string>();
  for (const word of matchKey(text).split(' ')) {
    if (word.length < 4 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    out.add(stem(word));
  }
  return [...out];
};
