import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { analyzeForIndex } from './analyzer.js';
import { toFts5Match } from './fts5-match.js';
import { parseQuery } from './query-parser.js';

const columns = { words: ['title', 'body'], parts: ['title_parts', 'body_parts'] };
const match = (source: string) => toFts5Match(parseQuery(source), columns);

describe('toFts5Match', () => {
  it('quotes every token and searches whole words in all columns', () => {
    expect(match('besluten')).toBe('{title body title_parts body_parts} : "beslut"');
  });

  it('also searches a compound as a phrase of its parts', () => {
    expect(match('vuxenutbildning')).toBe(
      '{title body title_parts body_parts} : "vuxenutbildning" OR {title_parts body_parts} : "vux utbildning"',
    );
  });

  it('compiles prefixes, phrases and operators', () => {
    expect(match('trainee*')).toBe('{title body title_parts body_parts} : "traine" *');
    expect(match('"nya mötet"')).toBe('{title body title_parts body_parts} : "nya möt"');
    expect(match('a OR b -c')).toBe(
      '({title body title_parts body_parts} : "a") OR ((({title body title_parts body_parts} : "b")) NOT ({title body title_parts body_parts} : "c"))',
    );
  });

  it('rejects column names that are not identifiers', () => {
    expect(() => toFts5Match(parseQuery('a'), { words: ['x y'], parts: [] })).toThrow();
  });

  describe('against SQLite FTS5', () => {
    let db: Database.Database;
    const documents = [
      { title: 'Vuxenutbildningsansökan', body: 'Ansökan från nätverket Vuxenutbildning beviljades.' },
      { title: 'Traineeprogrammet', body: 'Traineegrupperna presenterade sina projekt. Besluten protokollfördes.' },
      { title: 'Flygplatsen', body: 'Dialog om Ängelholm Helsingborg Airport. Mötet flyttades till 190816.' },
      { title: 'Budget 2019', body: 'Beslutet om budgeten sköts upp.' },
    ];
    beforeAll(() => {
      db = new Database(':memory:');
      db.exec(
        "CREATE VIRTUAL TABLE doc USING fts5(title, body, title_parts, body_parts, tokenize = 'unicode61 remove_diacritics 0')",
      );
      const insert = db.prepare('INSERT INTO doc (rowid, title, body, title_parts, body_parts) VALUES (?, ?, ?, ?, ?)');
      documents.forEach((doc, i) => {
        const title = analyzeForIndex(doc.title);
        const body = analyzeForIndex(doc.body);
        insert.run(i + 1, title.words, body.words, title.parts, body.parts);
      });
    });
    afterAll(() => db.close());

    const search = (source: string) =>
      db
        .prepare('SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY rowid')
        .all(match(source))
        .map((row) => (row as { rowid: number }).rowid);

    it.each([
      ['ansökan', [1]],
      ['vuxenutbildning', [1]],
      ['utbildning', [1]],
      ['traineegrupp', [2]],
      ['trainee*', [2]],
      ['beslut', [2, 4]],
      ['besluten -budget', [2]],
      ['"mötet flyttades"', [3]],
      ['"flyttades mötet"', []],
      ['airport OR budget', [3, 4]],
      ['(airport OR budget) NOT 2019', [3]],
      ['nätverk', [1]],
    ])('%s finds %j', (source, expected) => {
      expect(search(source)).toEqual(expected);
    });

    it('never produces an expression SQLite rejects, for any query the parser accepts', () => {
      const statement = db.prepare('SELECT count(*) FROM doc WHERE doc MATCH ?');
      const alphabet = fc.constantFrom(...'ab ö1"()-*'.split(''), ' OR ', ' NOT ', 'besluten', 'AND', 'NEAR', '^', ':');
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 60 }),
            fc.array(alphabet, { maxLength: 20 }).map((parts) => parts.join('')),
          ),
          (source) => {
            let expression: string;
            try {
              expression = match(source);
            } catch (error) {
              if (error instanceof AppError) return;
              throw error;
            }
            statement.get(expression);
          },
        ),
        { numRuns: 1000 },
      );
    });
  });
});
