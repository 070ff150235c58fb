import { findMunicipality } from '../../domain/municipalities.js';
import { memo } from '../memo.js';

/**
 * What a capitalised word sequence is: a person's name or an organisation. Protocols write both the same way
 * ("Familjen Helsingborg", "Patrik Johansson"), so the decision rests on organisation words and the list of
 * municipalities.
 */

// U+FFFD stands for a letter lost in conversion ("G�ran").
const NAME_WORD = "[\\p{Lu}\uFFFD][\\p{Ll}'’\uFFFD]+(?:-[\\p{L}\uFFFD][\\p{Ll}'’\uFFFD]+)?(?![\\p{L}'’\uFFFD-])";
const PARTICLE = '(?:af|von|van|der|de|la|du|di)';
/** Two to four name words, optional particles, optional initial ("Mats R"). */
export const PERSON_NAME = `${NAME_WORD}(?:\\s+(?:${PARTICLE}\\s+)?${NAME_WORD}){1,3}`;
const PERSON_NAME_RE = new RegExp(`^${PERSON_NAME}$`, 'u');
const PERSON_PREFIX_RE = new RegExp(`^(${PERSON_NAME})`, 'u');
const NAME_WORD_RE = new RegExp(`^${NAME_WORD}$`, 'u');

/** Words that make a capitalised phrase an organisation, a place or a role rather than a person. */
const ORG_WORDS = new Set(
  [
    'familjen',
    'skåne',
    'skånes',
    'nordväst',
    'region',
    'regionen',
    'stad',
    'staden',
    'kommun',
    'kommunen',
    'kommuner',
    'sekretariatet',
    'nätverket',
    'styrelsen',
    'presidiet',
    'gruppen',
    'beta',
    'udvikling',
    'ab',
    'hb',
    'kb',
    'förvaltning',
    'förvaltningen',
    'länsstyrelsen',
    'arbetsförmedlingen',
    'försäkringskassan',
    'polisen',
    'skl',
    'skr',
    'kommunförbund',
    'förbundet',
    'bolaget',
    'universitet',
    'högskola',
    'trafikverket',
    'handelskammaren',
    'sverige',
    'stadsdirektör',
    'kommundirektör',
    'kommunchef',
    'sekretariatschef',
    'ordförande',
    'sekreterare',
    'mötet',
    'punkten',
    'ärendet',
    'beslut',
    'information',
  ].map((w) => w.toLowerCase()),
);
const ORG_SUFFIX_RE =
  /(förvaltningen|förvaltning|kontoret|kontor|nätverket|nätverk|enheten|bolaget|gruppen|grupp|kommun|kommuner|regionen|förbundet|centrum|huset|avdelningen|sektorn|byrån|staben|rådet|nämnden|styrelsen|institutet|akademin|verket)$/i;

/** True when the word is a municipality or a genitive of one ("Helsingborgs"). */
export function isPlaceWord(word: string): boolean {
  return findMunicipality(word) !== null || (word.endsWith('s') && findMunicipality(word.slice(0, -1)) !== null);
}

const ROLE_WORD_RE =
  /^(?:[\p{L}-]*(?:chef|direktör|sekreterare|ledare|strateg|handläggare|samordnare|controller|ansvarig|ordförande|ekonom|jurist|utvecklare|kommunikatör|koordinator|planerare|arkitekt|revisor|kommunalråd|oppositionsråd))$/iu;

/** True for a title such as "Ekonomichef" or "Kommundirektör", which protocols put before names. */
export function isRoleWord(word: string): boolean {
  return ROLE_WORD_RE.test(word);
}

/** True for a word that cannot be part of a person's name. */
export const isOrgWord: (word: string) => boolean = memo(orgWord);

function orgWord(word: string): boolean {
  const w = word.toLowerCase().replace(/[.,:;]$/, '');
  return ORG_WORDS.has(w) || ORG_SUFFIX_RE.test(w) || w.endsWith('-') || isPlaceWord(word);
}

/** True when the whole text is a person's name as protocols write it ("Jan-Inge Hansson", "Charlotta Kabo Stenberg"). */
export function isPersonName(text: string): boolean {
  const t = text.trim();
  if (!PERSON_NAME_RE.test(t)) return false;
  return !t.split(/\s+/).some(isOrgWord);
}

/**
 * The longest person's name at the start of the text, stopping before organisation or place words
 * ("Fredrik Hjort Fastighetsförvaltningen Helsingborg" → "Fredrik Hjort"). Null when the text does not start with one.
 */
export const leadingPersonName: (text: string) => string | null = memo(readLeadingPersonName);

function readLeadingPersonName(text: string): string | null {
  const m = PERSON_PREFIX_RE.exec(text.trim());
  if (!m) return null;
  const words = m[1]!.split(/\s+/);
  // "Ekonomichef Jörgen Åkesson": the title before the name is not part of it.
  while (words.length > 2 && isRoleWord(words[0]!)) words.shift();
  const kept: string[] = [];
  for (const word of words) {
    if (isOrgWord(word)) break;
    kept.push(word);
  }
  while (kept.length > 0 && /^(af|von|van|der|de|la|du|di)$/.test(kept[kept.length - 1]!)) kept.pop();
  if (kept.length < 2) return null;
  return kept.join(' ');
}

/** A single capitalised name word (used for initials and first names in prose). */
export function isNameWord(word: string): boolean {
  return NAME_WORD_RE.test(word) && !isOrgWord(word);
}

const PERSON_ANYWHERE_RE = new RegExp(PERSON_NAME, 'gu');

/** The first person's name anywhere in a text ("miljö- och byggchef Lars Tornberg" → "Lars Tornberg"). */
export function findPersonName(text: string): string | null {
  // An exec loop rather than matchAll, which clones the pattern on every call.
  PERSON_ANYWHERE_RE.lastIndex = 0;
  for (let m = PERSON_ANYWHERE_RE.exec(text); m; m = PERSON_ANYWHERE_RE.exec(text)) {
    const name = leadingPersonName(m[0]);
    if (name) return name;
  }
  return null;
}

/**
 * A person's name lowercased and without diacritics, so that "Herman Crespín" and "Herman Crespin" compare equal.
 * Names are nearly always Latin-1, and for those a table does the work of the NFD normalisation, which costs about
 * a microsecond per name.
 */
export function nameKey(name: string): string {
  let key = '';
  for (let i = 0; i < name.length; i++) {
    const folded = LATIN1_NAME_KEYS[name.charCodeAt(i)];
    if (folded === undefined) return foldName(name);
    key += folded;
  }
  return key;
}

function foldName(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/**
 * `foldName` of each Latin-1 character. Folding a Latin-1 string character by character gives the same key as
 * folding it whole: none of these characters is a combining mark, so NFD reorders nothing across them, and their
 * lowercase forms do not depend on the characters around them.
 */
const LATIN1_NAME_KEYS: readonly string[] = Array.from({ length: 256 }, (_, c) => foldName(String.fromCharCode(c)));
