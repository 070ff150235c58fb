import type { MatchNode, QueryNode, SearchQuery } from './query.js';

/** The FTS5 columns a query runs against: whole-word stems and compound-part streams (see `AnalyzedText`). */
export interface Fts5Columns {
  words: readonly string[];
  parts: readonly string[];
}

const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Compiles a parsed query to an FTS5 MATCH expression over analysed tokens. Every token is double-quoted, so
 * nothing a user types can reach FTS5 as syntax. A word matches its stem in the word columns or its part stems,
 * as a phrase, in the part columns: "vuxenutbildning" finds "vuxenutbildningsansökan" through "vuxen utbildning".
 * The part columns hold each compound's parts in place of the compound (see `AnalyzedText`).
 */
export function toFts5Match(query: SearchQuery, columns: Fts5Columns): string {
  for (const name of [...columns.words, ...columns.parts]) {
    if (!COLUMN_NAME.test(name)) throw new Error(`FTS5 column name must be a plain identifier: ${name}`);
  }
  if (columns.words.length === 0 && columns.parts.length === 0) throw new Error('FTS5 columns are required');
  return compile(query.root, columns);
}

function compile(node: QueryNode, columns: Fts5Columns): string {
  switch (node.type) {
    case 'match':
      return compileMatch(node, columns);
    case 'or':
      return node.children.map((child) => `(${compile(child, columns)})`).join(' OR ');
    case 'not':
      // The parser only lets NOT stand inside an AND with a positive sibling, where compileAnd handles it.
      throw new Error('NOT outside AND');
    case 'and': {
      const positive = node.children.filter((child) => child.type !== 'not');
      const negative = node.children.flatMap((child) => (child.type === 'not' ? [child.child] : []));
      let expression = positive.map((child) => `(${compile(child, columns)})`).join(' AND ');
      for (const child of negative) expression = `(${expression}) NOT (${compile(child, columns)})`;
      return expression;
    }
  }
}

function compileMatch(node: MatchNode, columns: Fts5Columns): string {
  const last = node.words.length - 1;
  const wholeTokens = node.words.map((word) => word.stem);
  const partTokens = node.words.flatMap((word, i) =>
    (node.prefix && i === last) || word.parts.length === 0 ? [word.stem] : word.parts,
  );
  const whole = phrase(wholeTokens, node.prefix);
  const parts = phrase(partTokens, node.prefix);
  if (columns.parts.length === 0) return filter(columns.words, whole);
  if (columns.words.length === 0) return filter(columns.parts, parts);
  const everywhere = filter([...columns.words, ...columns.parts], whole);
  // A compound may sit whole among another compound's parts ("nätverk" in "skol chef nätverk") or be split finer
  // than in the document, so both forms are tried.
  return whole === parts ? everywhere : `${everywhere} OR ${filter(columns.parts, parts)}`;
}

function phrase(tokens: readonly string[], prefix: boolean): string {
  const quoted = `"${tokens.map((token) => token.replaceAll('"', '""')).join(' ')}"`;
  return prefix ? `${quoted} *` : quoted;
}

function filter(columns: readonly string[], expression: string): string {
  return `{${columns.join(' ')}} : ${expression}`;
}
