import { describe, expect, it } from 'vitest';
import { createHighlighter, highlight } from './highlight.js';
import { parseQuery } from './query-parser.js';

const text =
  'Kommundirektörsgruppen diskuterade traineeprogrammet. Beslutet blev att Traineegruppen presenterar ' +
  'utmaningarna för styrelsen. <Övrigt> & annat: vuxenutbildningsansökan från Crespín.';

describe('highlight', () => {
  it('marks words by their analysed form', () => {
    const snippet = highlight(text, parseQuery('besluten'), { maxLength: 0 });
    expect(snippet.plain).toContain('«Beslutet»');
    expect(snippet.matches).toBe(1);
  });

  it('marks compounds that contain the word, prefixes and folded spellings', () => {
    expect(highlight(text, parseQuery('ansökan'), { maxLength: 0 }).plain).toContain('«vuxenutbildningsansökan»');
    expect(highlight(text, parseQuery('trainee*'), { maxLength: 0 }).plain).toContain(
      '«traineeprogrammet». Beslutet blev att «Traineegruppen»',
    );
    expect(highlight(text, parseQuery('Crespin'), { maxLength: 0 }).plain).toContain('«Crespín»');
  });

  it('does not mark excluded words', () => {
    const snippet = highlight(text, parseQuery('styrelsen -beslut'), { maxLength: 0 });
    expect(snippet.plain).toContain('«styrelsen»');
    expect(snippet.plain).toContain(' Beslutet ');
  });

  it('escapes HTML and marks with <mark>', () => {
    const snippet = highlight(text, parseQuery('övrigt'), { maxLength: 0 });
    expect(snippet.html).toContain('&lt;<mark>Övrigt</mark>&gt; &amp; annat');
    expect(snippet.html).not.toMatch(/<(?!\/?mark>)/);
  });

  it('cuts a window on word boundaries around the most distinct matches, with ellipses', () => {
    const long = `${'Inledande text om ingenting särskilt. '.repeat(20)}Beslut om budget. ${'Mer fyllnad här. '.repeat(20)}Budget igen, och mer budget.`;
    const snippet = highlight(long, parseQuery('beslut budget'), { maxLength: 80 });
    expect(snippet.plain).toMatch(/^….*«Beslut» om «budget».*…$/);
    expect(snippet.plain.length).toBeLessThanOrEqual(80 + 2 + 4 * 2);
    expect(snippet.plain).not.toMatch(/…\S*[a-zåäö]…/);
  });

  it('returns the start of the text when nothing matches, and supports custom markers', () => {
    const highlighter = createHighlighter(parseQuery('flygplats'));
    expect(highlighter(text, { maxLength: 30 }).plain).toBe('Kommundirektörsgruppen…');
    expect(highlight('Om flygplatsen.', parseQuery('flygplats'), { open: '[', close: ']' }).plain).toBe(
      'Om [flygplatsen].',
    );
  });

  it('collapses whitespace and line breaks', () => {
    expect(highlight('Punkt 1\n\n  Beslut\tfattades', parseQuery('beslut')).plain).toBe('Punkt 1 «Beslut» fattades');
  });
});
