import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeForIndex, analyzeWord } from './analyzer.js';

/** True when the query word would find the document word: same stem, or its stem or run of parts among the document's parts. */
function finds(query: string, document: string): boolean {
  const q = analyzeWord(query)!;
  const d = analyzeWord(document)!;
  const parts = d.parts.length > 0 ? d.parts : [d.stem];
  const contains = (run: readonly string[]) => parts.some((_, i) => run.every((part, j) => parts[i + j] === part));
  return q.stem === d.stem || contains([q.stem]) || (q.parts.length > 0 && contains(q.parts));
}

describe('analyzeWord', () => {
  it('stems inflected forms to one stem', () => {
    const stems = ['beslut', 'besluten', 'beslutet', 'beslutets'].map((w) => analyzeWord(w)?.stem);
    expect(new Set(stems)).toEqual(new Set(['beslut']));
    expect(analyzeWord('mötet')?.stem).toBe(analyzeWord('möte')?.stem);
    expect(analyzeWord('kommunerna')?.stem).toBe(analyzeWord('kommun')?.stem);
    expect(analyzeWord('flygplatsen')?.stem).toBe(analyzeWord('flygplats')?.stem);
    expect(analyzeWord('kursens')?.stem).toBe(analyzeWord('kurs')?.stem);
  });

  it('folds diacritics but not å, ä, ö', () => {
    expect(analyzeWord('Crespín')?.stem).toBe(analyzeWord('Crespin')?.stem);
    expect(analyzeWord('Güll')?.stem).toBe(analyzeWord('Gull')?.stem);
    expect(analyzeWord('Åstorp')?.normalized).toBe('åstorp');
  });

  it('splits compounds into the stems of their parts, using the dictionary’s linking forms', () => {
    expect(analyzeWord('vuxenutbildningsansökan')?.parts).toEqual([
      analyzeWord('vuxen')?.stem,
      'utbildning',
      'ansökan',
    ]);
    expect(analyzeWord('traineegrupperna')?.parts).toEqual([analyzeWord('trainee')?.stem, 'grupp']);
    expect(analyzeWord('Kommundirektörsgruppens')?.parts).toEqual(['kommun', 'direktör', 'grupp']);
  });

  it.each([
    ['ansökan', 'vuxenutbildningsansökan'],
    ['vuxenutbildning', 'vuxenutbildningsansökan'],
    ['utbildning', 'vuxenutbildningsansökan'],
    ['traineegrupp', 'traineegrupperna'],
    ['grupp', 'traineegrupperna'],
    ['besluten', 'beslut'],
    ['beslut', 'beslutet'],
    ['direktör', 'Kommundirektörsgruppen'],
    ['nätverket', 'Skolchefsnätverket'],
    ['Crespin', 'Crespín'],
  ])('a search for %s finds %s', (query, document) => {
    expect(finds(query, document)).toBe(true);
  });

  it.each([
    ['ens', 'dagens'],
    ['ret', 'kontoret'],
    ['tur', 'kultur'],
    ['ant', 'praktikanter'],
  ])('does not split off inflections or invent parts: %s in %s', (query, document) => {
    expect(finds(query, document)).toBe(false);
  });

  it('leaves numbers alone', () => {
    expect(analyzeWord('190614')).toEqual({ normalized: '190614', stem: '190614', parts: [] });
  });

  it('returns null for a word with nothing to index', () => {
    expect(analyzeWord('\u0301')).toBeNull();
  });
});

describe('analyze', () => {
  it('indexes the whole-word stem followed by the part stems', () => {
    expect(analyze('Traineegrupperna träffades')).toEqual(['traineegrupp', 'traine', 'grupp', 'träff']);
  });

  it('produces two aligned streams for the index', () => {
    const text = 'Vuxenutbildningsansökan beviljades 2019';
    const { words, parts } = analyzeForIndex(text);
    expect(words.split(' ')).toHaveLength(3);
    expect(parts).toBe(`vux utbildning ansökan ${words.split(' ').slice(1).join(' ')}`);
  });

  it('never throws and yields only non-empty letter/digit tokens, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        for (const token of analyze(text)) expect(token).toMatch(/^[\p{L}\p{N}]+$/u);
        const { words, parts } = analyzeForIndex(text);
        expect(words.includes('  ')).toBe(false);
        expect(parts.includes('  ')).toBe(false);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        analyze(text);
      }),
      { numRuns: 500 },
    );
  });
});
