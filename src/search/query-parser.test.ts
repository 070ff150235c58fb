import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import type { QueryNode } from './query.js';
import { MAX_QUERY_LENGTH, parseQuery } from './query-parser.js';

/** A compact rendering of the tree: stems, "phrases", prefix*, (a b) for AND, (a | b) for OR, -x for NOT. */
function show(node: QueryNode): string {
  switch (node.type) {
    case 'match': {
      const text = node.words.map((w) => w.stem).join(' ') + (node.prefix ? '*' : '');
      return node.words.length > 1 ? `"${text}"` : text;
    }
    case 'not':
      return `-${show(node.child)}`;
    case 'and':
      return `(${node.children.map(show).join(' ')})`;
    case 'or':
      return `(${node.children.map(show).join(' | ')})`;
  }
}

const parsed = (source: string) => show(parseQuery(source).root);

function invalid(source: string): AppError {
  try {
    parseQuery(source);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid-query');
    return error as AppError;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be rejected`);
}

describe('parseQuery', () => {
  it.each([
    ['besluten', 'beslut'],
    ['Besluten   om budget', '(beslut om budg)'],
    ['"mötet flyttades"', '"möt flytt"'],
    ['trainee*', 'traine*'],
    ['"nya trai"*', '"nya trai*"'],
    ['flyg OR tåg', '(flyg | tåg)'],
    ['flyg ELLER tåg', '(flyg | tåg)'],
    ['flyg AND tåg', '(flyg tåg)'],
    ['flyg och tåg', '(flyg och tåg)'],
    ['budget -2019', '(budg -2019)'],
    ['budget NOT 2019', '(budg -2019)'],
    ['budget INTE (2019 OR 2020)', '(budg -(2019 | 2020))'],
    ['a b OR c d', '((a b) | (c d))'],
    ['(a OR b) (c OR d)', '((a | b) (c | d))'],
    ['a (b -c)', '(a b -c)'],
    ['((airport))', 'airport'],
    ['covid-19', '"covid 19"'],
    ['Helsingborg - Ängelholm', '(helsingborg ängelholm)'],
    ['a & b', '(a b)'],
    ['“typografiska citat”', '"typografisk cit"'],
    ['Crespín', 'crespin'],
  ])('%s → %s', (source, expected) => {
    expect(parsed(source)).toBe(expected);
  });

  it('keeps compound parts for the index to match', () => {
    const root = parseQuery('vuxenutbildning').root;
    expect(root.type === 'match' && root.words[0]?.parts).toEqual(['vux', 'utbildning']);
  });

  it.each([
    ['', /Skriv något/],
    ['   ', /Skriv något/],
    ['"mötet', /Citattecknet vid tecken 1 avslutas aldrig/],
    ['a "b', /tecken 3/],
    ['(a OR b', /Parentesen \( vid tecken 1 stängs aldrig/],
    ['a OR b)', /Parentesen \) vid tecken 7 har ingen \(/],
    ['()', /Tomma parenteser/],
    ['OR', /OR vid tecken 1 står utan något att söka efter före sig/],
    ['a OR', /efter sig/],
    ['OR a', /före sig/],
    ['a OR OR b', /efter sig/],
    ['a AND', /AND vid tecken 3 står utan något att söka efter efter sig/],
    ['AND a', /före sig/],
    ['(AND a)', /före sig/],
    ['a (OR b)', /före sig/],
    ['NOT', /utesluta/],
    ['a NOT', /utesluta/],
    ['-budget', /utesluter bara/],
    ['NOT a NOT b', /utesluter bara/],
    ['a OR -b', /OR kan inte bara bestå av en uteslutning/],
    ['a NOT NOT b', /Dubbel uteslutning/],
    ['a -(-b)', /Dubbel uteslutning/],
    ['&', /inga ord att söka efter/],
    ['""', /Tom fras/],
    ['*', /\* vid tecken 1/],
    ['a*', /för kort/],
    ['x'.repeat(MAX_QUERY_LENGTH + 1), /för lång/],
    [Array.from({ length: 40 }, (_, i) => `ord${i}`).join(' '), /för många ord/],
  ])('rejects %j with a message a person understands', (source, message) => {
    expect(invalid(source).message).toMatch(message);
  });

  it('either returns a query or throws AppError(invalid-query), for any string', () => {
    const alphabet = fc.constantFrom(
      ...'ab ö1"()-*'.split(''),
      ' OR ',
      ' AND ',
      ' NOT ',
      ' ELLER ',
      'besluten',
      '”',
      '\u0301',
      '&',
    );
    const arbitraries = [
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.array(alphabet, { maxLength: 25 }).map((parts) => parts.join('')),
    ];
    for (const arbitrary of arbitraries) {
      fc.assert(
        fc.property(arbitrary, (source) => {
          try {
            const query = parseQuery(source);
            expect(query.source).toBe(source);
          } catch (error) {
            if (!(error instanceof AppError) || error.code !== 'invalid-query') throw error;
            expect(error.message.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 1000 },
      );
    }
  });
});
