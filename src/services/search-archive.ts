import { DECISION_KINDS, type DecisionKind } from '../domain/document.js';
import { AppError } from '../domain/errors.js';
import { matchKey } from '../domain/match-keys.js';
import { createHighlighter } from '../search/highlight.js';
import { parseQuery } from '../search/query-parser.js';
import type { ArchiveSession, ArchiveStore } from '../store/ports.js';
import type {
  SearchCounts,
  SearchFilters,
  SearchReader,
  SearchResultType,
  SearchSourceHit,
} from '../store/search-reader.js';
import { resolveOrganisation } from './resolve-organisations.js';

/** What a person asks for: the query text and filters as typed (names, Swedish words, partial dates). */
export interface SearchInput {
  query: string;
  /** Result types, English or Swedish ("ärende", "beslut", "möte", "person"); default all. */
  types?: readonly string[];
  /** Part of the meeting body's name ("Kommundirektörsgruppen"). */
  body?: string;
  /** Meeting date bounds: YYYY, YYYY-MM or YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  /** Person by id or name (any known spelling, or part of the name). */
  person?: string;
  /** Organisation by id or name ("Klippan", "Helsingborgs stad"). */
  organisation?: string;
  /** Decision kind, English or Swedish ("uppdrag", "godkännande", …). */
  kind?: string;
  /** Only results with an assignment that is still open. */
  open?: boolean;
  /** Only what the public may read (meetings not hidden by a secretary). */
  publishedOnly?: boolean;
  limit?: number;
  offset?: number;
  /** Also group the best hits by year. */
  timeline?: boolean;
  /** Hits per year in the timeline. Default 3. */
  perYear?: number;
  /** Markers around matches in the plain snippets. Default « and ». */
  marks?: { open: string; close: string };
}

export interface SearchHit {
  type: SearchResultType;
  id: string;
  meetingId: string | null;
  date: string | null;
  body: string | null;
  meetingNumber: string | null;
  itemNumber: string | null;
  decisionKind: string | null;
  title: string;
  /** Title with matches marked: `titleHtml` escaped with `<mark>`, `titleMarked` with the plain markers. */
  titleHtml: string;
  titleMarked: string;
  /** An excerpt of the text around the best matches. */
  snippet: string;
  snippetHtml: string;
  score: number;
}

export interface SearchResult {
  query: string;
  filters: SearchFilters;
  total: number;
  offset: number;
  limit: number;
  counts: SearchCounts;
  hits: SearchHit[];
  /** With `timeline`: every year with hits, oldest first, its count and best hits. */
  timeline?: Array<{ year: string; count: number; hits: SearchHit[] }>;
}

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 100;
const DEFAULT_PER_YEAR = 3;
const SNIPPET_LENGTH = 200;

const TYPE_WORDS: Readonly<Record<string, SearchResultType>> = {
  item: 'item',
  items: 'item',
  ärende: 'item',
  ärenden: 'item',
  punkt: 'item',
  decision: 'decision',
  decisions: 'decision',
  beslut: 'decision',
  meeting: 'meeting',
  meetings: 'meeting',
  möte: 'meeting',
  möten: 'meeting',
  protokoll: 'meeting',
  person: 'person',
  persons: 'person',
  personer: 'person',
};

const KIND_WORDS: Readonly<Record<string, DecisionKind>> = {
  information: 'information',
  godkännande: 'approval',
  godkänt: 'approval',
  uppdrag: 'assignment',
  hänskjutning: 'referral',
  bordläggning: 'referral',
  flyttad: 'referral',
  avslag: 'rejection',
  övrigt: 'other',
  annat: 'other',
};

/**
 * Searches the archive: parses the query (AppError invalid-query for a malformed one), resolves the filters
 * (invalid-input for a bad date, kind or type; not-found for an unknown person or organisation), runs the index in
 * one read snapshot and marks the matches in titles and snippets taken from the original text.
 */
export async function searchArchive(
  store: ArchiveStore,
  reader: SearchReader,
  input: SearchInput,
): Promise<SearchResult> {
  const query = parseQuery(input.query);
  const limit = checkCount(input.limit ?? DEFAULT_SEARCH_LIMIT, 'limit', 1, MAX_SEARCH_LIMIT);
  const offset = checkCount(input.offset ?? 0, 'offset', 0, Number.MAX_SAFE_INTEGER);
  const perYear = checkCount(input.perYear ?? DEFAULT_PER_YEAR, 'perYear', 1, MAX_SEARCH_LIMIT);
  const highlighter = createHighlighter(query);
  const marks = input.marks ?? { open: '«', close: '»' };
  const present = (hit: SearchSourceHit): SearchHit => {
    const title = highlighter(hit.title, { maxLength: 0, ...marks });
    const snippet = highlighter(hit.text, { maxLength: SNIPPET_LENGTH, ...marks });
    const { text: _text, ...rest } = hit;
    return {
      ...rest,
      titleHtml: title.html,
      titleMarked: title.plain,
      snippet: snippet.plain,
      snippetHtml: snippet.html,
    };
  };

  return store.read(async (session) => {
    const filters = await resolveFilters(session, input);
    const { hits, counts } = await reader.search(session, { query, filters, limit, offset });
    const result: SearchResult = {
      query: input.query,
      filters,
      total: counts.total,
      offset,
      limit,
      counts,
      hits: hits.map(present),
    };
    if (input.timeline) {
      const years = await reader.timeline(session, { query, filters }, perYear);
      result.timeline = years.map((year) => ({ year: year.year, count: year.count, hits: year.hits.map(present) }));
    }
    return result;
  });
}

function checkCount(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError('invalid-input', `${name} måste vara ett heltal mellan ${min} och ${max} (fick ${value}).`);
  }
  return value;
}

async function resolveFilters(session: ArchiveSession, input: SearchInput): Promise<SearchFilters> {
  const filters: SearchFilters = {};
  if (input.types && input.types.length > 0) {
    filters.types = [...new Set(input.types.flatMap((t) => t.split(',')).map(resultType))];
  }
  if (input.body?.trim()) filters.bodyKey = matchKey(input.body);
  if (input.from) filters.from = dateBound(input.from, 'start');
  if (input.to) filters.to = dateBound(input.to, 'end');
  if (filters.from && filters.to && filters.from > filters.to) {
    throw new AppError('invalid-input', `Från-datumet ${input.from} ligger efter till-datumet ${input.to}.`);
  }
  if (input.person?.trim()) filters.personIds = await personIds(session, input.person.trim());
  if (input.organisation?.trim()) filters.organisationIds = await organisationIds(session, input.organisation.trim());
  if (input.kind) filters.decisionKind = decisionKind(input.kind);
  if (input.open) filters.openAssignments = true;
  if (input.publishedOnly) filters.publishedOnly = true;
  return filters;
}

function resultType(word: string): SearchResultType {
  const type = TYPE_WORDS[word.trim().toLowerCase()];
  if (!type) {
    throw new AppError('invalid-input', `Okänd resultattyp "${word}". Välj bland ärende, beslut, möte och person.`);
  }
  return type;
}

function decisionKind(word: string): DecisionKind {
  const lower = word.trim().toLowerCase();
  const kind = (DECISION_KINDS as readonly string[]).includes(lower) ? (lower as DecisionKind) : KIND_WORDS[lower];
  if (!kind) {
    throw new AppError(
      'invalid-input',
      `Okänd beslutstyp "${word}". Välj bland information, godkännande, uppdrag, hänskjutning, avslag och övrigt.`,
    );
  }
  return kind;
}

const DATE_BOUND = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** "2016" → 2016-01-01 or 2016-12-31; "2016-05" → 2016-05-01 or 2016-05-31 (compared as strings, so 31 is safe). */
function dateBound(text: string, side: 'start' | 'end'): string {
  const match = DATE_BOUND.exec(text.trim());
  const month = Number(match?.[2] ?? 1);
  const day = Number(match?.[3] ?? 1);
  if (!match || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new AppError('invalid-input', `Datumet "${text}" kan inte läsas. Skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.`);
  }
  const [, year, mm, dd] = match;
  if (side === 'start') return `${year}-${mm ?? '01'}-${dd ?? '01'}`;
  return `${year}-${mm ?? '12'}-${dd ?? '31'}`;
}

/** Everyone the text can mean: an id, a known spelling, or a part of a name ("Lundberg"). */
async function personIds(session: ArchiveSession, ref: string): Promise<string[]> {
  const byId = await session.persons.get(ref);
  if (byId) return [byId.id];
  const key = matchKey(ref);
  const aliases = (await session.persons.aliases()).filter((a) => a.matchKey === key).map((a) => a.personId);
  if (aliases.length > 0) return [...new Set(aliases)];
  const partial = (await session.persons.list()).filter((p) => ` ${matchKey(p.name)} `.includes(` ${key} `));
  if (partial.length > 0) return partial.map((p) => p.id);
  throw new AppError('not-found', `Ingen person i arkivet heter "${ref}". Se protokoll person list.`);
}

async function organisationIds(session: ArchiveSession, ref: string): Promise<string[]> {
  const byId = await session.organisations.get(ref);
  if (byId) return [byId.id];
  const known = await resolveOrganisation(session, ref, { create: false });
  if (known) return [known];
  const key = matchKey(ref);
  const partial = (await session.organisations.list()).filter((o) => matchKey(o.name).includes(key));
  if (partial.length > 0) return partial.map((o) => o.id);
  throw new AppError('not-found', `Ingen organisation i arkivet heter "${ref}".`);
}
