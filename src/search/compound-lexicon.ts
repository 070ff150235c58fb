import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normalizeWord } from './normalize.js';
import { stemSwedish } from './swedish-stemmer.js';

/**
 * What the Swedish Hunspell dictionary (dictionary-sv) knows about compounds, reduced to what splitting needs.
 *
 * The dictionary marks word forms that may begin (flag X), continue (U) or end (Y) a compound, and derives the
 * linking forms with suffix rules whose continuation carries those flags: "utbildning" → "utbildnings-" (begin,
 * middle), "vecka" → "vecko-", "ränta" → "ränte-". nspell drops continuation flags when it expands affixes, so we
 * read the two files ourselves; expanding only the linking rules (and the forms of words with very short stems)
 * keeps loading under a second. Other compound ends are compared by stem, so "-grupperna" needs no expansion.
 */
export interface CompoundLexicon {
  /** Stem of the word a begin form belongs to ("utbildnings" → "utbildning"), or undefined. */
  beginStem(form: string): string | undefined;
  /** Stem of the word a middle form belongs to, or undefined. */
  middleStem(form: string): string | undefined;
  /** Stem of `form` when it may end a compound ("grupperna" → "grupp"), or undefined. */
  endStem(form: string): string | undefined;
}

const BEGIN_FLAG = 'X';
const MIDDLE_FLAG = 'U';
const END_FLAG = 'Y';
const ONLY_IN_COMPOUND_FLAG = 'Z';
const FORBIDDEN_FLAG = '%';
const NEEDAFFIX_FLAG = '¤';
const PLAIN_WORD = /^\p{L}+$/u;
/**
 * Ends whose stem is this short are checked against the exact inflected forms of the dictionary word instead of by
 * stem, because a short stem is shared by too many unrelated endings ("kontoret" is not "konto" + "ret").
 */
const SHORT_STEM = 3;

interface SuffixEntry {
  strip: string;
  add: string;
  flags: string;
  condition: RegExp;
}

class HunspellCompoundLexicon implements CompoundLexicon {
  constructor(
    private readonly begin: ReadonlyMap<string, string>,
    private readonly middle: ReadonlyMap<string, string>,
    private readonly endStems: ReadonlySet<string>,
    private readonly shortEnds: ReadonlyMap<string, string>,
  ) {}
  beginStem(form: string): string | undefined {
    return this.begin.get(form);
  }
  middleStem(form: string): string | undefined {
    return this.middle.get(form);
  }
  endStem(form: string): string | undefined {
    const short = this.shortEnds.get(form);
    if (short !== undefined) return short;
    const stem = stemSwedish(form);
    return stem.length > SHORT_STEM && this.endStems.has(stem) ? stem : undefined;
  }
}

/** Builds the lexicon from the text of a Hunspell .aff and .dic pair (single-character flags, suffixes only). */
export function buildCompoundLexicon(aff: string, dic: string): CompoundLexicon {
  const rules = parseSuffixes(aff);
  const begin = new Map<string, string>();
  const middle = new Map<string, string>();
  const endStems = new Set<string>();
  const shortEnds = new Map<string, string>();
  const lines = dic.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const slash = line.indexOf('/');
    if (slash < 0) continue;
    const flags = line.slice(slash + 1).trimEnd();
    if (flags.includes(FORBIDDEN_FLAG)) continue;
    const word = normalizeWord(line.slice(0, slash));
    if (!PLAIN_WORD.test(word)) continue;
    const isEnd = flags.includes(END_FLAG);
    let stem: string | undefined;
    const stemOf = () => {
      stem ??= stemSwedish(word);
      return stem;
    };
    const shortEnd = isEnd && word.length >= 3 && stemOf().length <= SHORT_STEM;
    if (!flags.includes(NEEDAFFIX_FLAG)) {
      if (flags.includes(BEGIN_FLAG) && !begin.has(word)) begin.set(word, stemOf());
      if (flags.includes(MIDDLE_FLAG) && !middle.has(word)) middle.set(word, stemOf());
      if (isEnd) endStems.add(stemOf());
      if (shortEnd) shortEnds.set(word, stemOf());
    }
    const linking = flags.includes(BEGIN_FLAG) || flags.includes(MIDDLE_FLAG) || rulesLink(flags, rules);
    if (!linking && !shortEnd) continue;
    for (const flag of flags) {
      for (const entry of rules.get(flag) ?? []) {
        if (!word.endsWith(entry.strip) || !entry.condition.test(word)) continue;
        const form = word.slice(0, word.length - entry.strip.length) + entry.add;
        if (!PLAIN_WORD.test(form)) continue;
        if (entry.flags.includes(BEGIN_FLAG) && !begin.has(form)) begin.set(form, stemOf());
        if (entry.flags.includes(MIDDLE_FLAG) && !middle.has(form)) middle.set(form, stemOf());
        if (shortEnd && !entry.flags.includes(ONLY_IN_COMPOUND_FLAG) && !shortEnds.has(form)) {
          shortEnds.set(form, stemOf());
        }
      }
    }
  }
  return new HunspellCompoundLexicon(begin, middle, endStems, shortEnds);
}

function rulesLink(flags: string, rules: ReadonlyMap<string, SuffixEntry[]>): boolean {
  for (const flag of flags) {
    if (rules.get(flag)?.some((e) => e.flags.includes(BEGIN_FLAG) || e.flags.includes(MIDDLE_FLAG))) return true;
  }
  return false;
}

/** The suffix rules of an .aff file by flag. */
function parseSuffixes(aff: string): Map<string, SuffixEntry[]> {
  const rules = new Map<string, SuffixEntry[]>();
  for (const line of aff.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] !== 'SFX' || fields.length < 5) continue;
    const [, flag, strip, addWithFlags, condition] = fields as [string, string, string, string, string];
    const [add = '', flags = ''] = addWithFlags.split('/');
    const entry: SuffixEntry = {
      strip: strip === '0' ? '' : strip,
      add: add === '0' ? '' : add,
      flags,
      condition: new RegExp(`${condition === '.' ? '' : condition}$`, 'u'),
    };
    const list = rules.get(flag) ?? [];
    list.push(entry);
    rules.set(flag, list);
  }
  return rules;
}

let swedish: CompoundLexicon | undefined;

/** The Swedish lexicon from dictionary-sv, built on first use (about 0.5 s) and kept for the process. */
export function swedishCompoundLexicon(): CompoundLexicon {
  if (!swedish) {
    const dir = dirname(createRequire(import.meta.url).resolve('dictionary-sv'));
    swedish = buildCompoundLexicon(
      readFileSync(join(dir, 'index.aff'), 'utf8'),
      readFileSync(join(dir, 'index.dic'), 'utf8'),
    );
  }
  return swedish;
}
