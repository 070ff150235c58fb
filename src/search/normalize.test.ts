import { describe, expect, it } from 'vitest';
import { normalizeWord, wordSpans, words } from './normalize.js';

describe('normalizeWord', () => {
  it('lowercases and keeps å, ä and ö', () => {
    expect(normalizeWord('ÅSTORP')).toBe('åstorp');
    expect(normalizeWord('Ängelholm')).toBe('ängelholm');
    expect(normalizeWord('Örkelljunga')).toBe('örkelljunga');
  });

  it('folds other diacritics', () => {
    expect(normalizeWord('Crespín')).toBe('crespin');
    expect(normalizeWord('Güll')).toBe('gull');
    expect(normalizeWord('idéer')).toBe('ideer');
    expect(normalizeWord('Trainéegrupp')).toBe('traineegrupp');
    expect(normalizeWord('Søren')).toBe('sören');
  });

  it('treats decomposed and composed input alike', () => {
    expect(normalizeWord('A\u030astorp')).toBe('åstorp');
    expect(normalizeWord('Cre\u0301spin')).toBe('crespin');
    expect(normalizeWord('o\u0308')).toBe('ö');
  });

  it('keeps marks that are not diacritics of Latin letters from producing empty words unless there is nothing else', () => {
    expect(normalizeWord('\u0301')).toBe('');
  });
});

describe('wordSpans', () => {
  it('splits on everything but letters, digits and marks, with offsets into the original text', () => {
    const text = 'Herman Crespín (från kl 09.00), Höganäs';
    const spans = wordSpans(text);
    expect(spans.map((s) => s.word)).toEqual(['Herman', 'Crespín', 'från', 'kl', '09', '00', 'Höganäs']);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.word);
  });

  it('agrees with words()', () => {
    const text = 'covid-19 & 1/1 2020: Anmäلت';
    expect(words(text)).toEqual(wordSpans(text).map((s) => s.word));
  });
});
