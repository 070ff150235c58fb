import type { WordAnalysis } from './analyzer.js';

/**
 * A parsed search query, independent of any database. Field filters (body, dates, person, …) are not part of the
 * query string; they travel beside it.
 */
export interface SearchQuery {
  /** The query as the user typed it. */
  source: string;
  root: QueryNode;
}

export type QueryNode = MatchNode | AndNode | OrNode | NotNode;

/** A word, a hyphenated word ("covid-19", analysed to two words) or a quoted phrase: words in this order. */
export interface MatchNode {
  type: 'match';
  /** The words as typed, for messages. */
  text: string;
  words: readonly WordAnalysis[];
  /** `trainee*`: the last word is a prefix; it matches every stem or compound part that begins with its stem. */
  prefix: boolean;
}

export interface AndNode {
  type: 'and';
  children: readonly QueryNode[];
}

export interface OrNode {
  type: 'or';
  children: readonly QueryNode[];
}

/** Excludes documents that match `child`. Only valid as a child of `and` that has some other, positive child. */
export interface NotNode {
  type: 'not';
  child: QueryNode;
}
