import type { DecisionKind } from '../domain/document.js';
import type { SearchQuery } from '../search/query.js';
import type { ArchiveSession } from './ports.js';

/**
 * The most matches one search ranks and counts: the newest ones (by index order, which is import order). Ranking
 * and counting every match of a word found in every protocol would cost time in proportion to the archive; a
 * person narrows such a search with filters, which apply before the cap.
 */
export const SEARCH_CAP = 1000;

/** What a search can return. */
export const SEARCH_RESULT_TYPES = ['item', 'decision', 'meeting', 'person'] as const;
export type SearchResultType = (typeof SEARCH_RESULT_TYPES)[number];

/** Filters beside the query text; all optional, all combined with AND. Names are already resolved to ids. */
export interface SearchFilters {
  types?: readonly SearchResultType[];
  /** Part of the meeting body's name, folded like `matchKey` ("kommundirektörsgruppen"). */
  bodyKey?: string;
  /** Inclusive ISO dates (YYYY-MM-DD) of the meeting. */
  from?: string;
  to?: string;
  /** Results connected to any of these people: meetings they took part in, assignments they were given. */
  personIds?: readonly string[];
  /** Results connected to any of these organisations: their representatives, assignments given to them. */
  organisationIds?: readonly string[];
  /** Decisions of this kind, and items with such a decision. */
  decisionKind?: DecisionKind;
  /** Only results with an assignment that is still open. */
  openAssignments?: boolean;
  /** Leave out everything of meetings hidden from the public (what anonymous readers may not see). */
  publishedOnly?: boolean;
}

export interface SearchRequest {
  query: SearchQuery;
  filters: SearchFilters;
  limit: number;
  offset: number;
}

/** One hit with the original (not analysed) text to build a snippet from. */
export interface SearchSourceHit {
  type: SearchResultType;
  id: string;
  meetingId: string | null;
  /** Meeting date (ISO) and body, for items, decisions and meetings. */
  date: string | null;
  body: string | null;
  meetingNumber: string | null;
  itemNumber: string | null;
  decisionKind: string | null;
  title: string;
  text: string;
  /** Relevance, higher is better (comparable within one search only). */
  score: number;
}

export interface FacetCount<K extends string = string> {
  value: K;
  count: number;
}

/**
 * Counts over every result that matches query and filters, not only the page; or, when `capped`, over the
 * `total` newest of them (a query that matches more is ranked and counted among those, see `SEARCH_CAP`).
 */
export interface SearchCounts {
  total: number;
  /** More results match than were counted and ranked: `total` is a lower bound. */
  capped: boolean;
  types: FacetCount<SearchResultType>[];
  /** By meeting year, oldest first; persons have no year and are not counted here. */
  years: FacetCount[];
  bodies: FacetCount[];
  decisionKinds: FacetCount[];
}

/**
 * The read side of full-text search, implemented by each storage adapter next to its `SearchIndexer`.
 * Runs inside a store session so results agree with the archive rows they point to.
 */
export interface SearchReader {
  search(session: ArchiveSession, request: SearchRequest): Promise<{ hits: SearchSourceHit[]; counts: SearchCounts }>;
  /**
   * The best `perYear` hits of each meeting year and the number of hits that year, for topic timelines; years
   * oldest first. Not capped: a timeline follows a topic through the whole archive.
   */
  timeline(
    session: ArchiveSession,
    request: Omit<SearchRequest, 'limit' | 'offset'>,
    perYear: number,
  ): Promise<Array<{ year: string; count: number; hits: SearchSourceHit[] }>>;
}
