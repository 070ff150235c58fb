import { CompiledQuery, type Migration, type QueryExecutorProvider, type RawBuilder, sql } from 'kysely';
import { ASSIGNMENT_ROLE_GROUP as GROUP_ROLE } from '../../domain/document.js';
import { matchKey } from '../../domain/match-keys.js';
import { analyzeForIndex } from '../../search/analyzer.js';
import { toFts5Match } from '../../search/fts5-match.js';
import type { ArchiveSession } from '../ports.js';
import type { SearchIndexer } from '../search-indexer.js';
import {
  type FacetCount,
  SEARCH_CAP,
  type SearchCounts,
  type SearchFilters,
  type SearchReader,
  type SearchRequest,
  type SearchResultType,
  type SearchSourceHit,
} from '../search-reader.js';
import { sessionStatements } from './session-statements.js';
import type { SqliteStatements } from './statements.js';

/*
 * Full-text search in SQLite FTS5. The FTS table holds analysed text only (stems, and compounds replaced by their
 * parts, see src/search/analyzer.ts); unicode61 merely splits it on spaces. It is contentless: snippets are built
 * from the archive's own rows, so no text is stored twice. `search_docs` maps each FTS row to what it indexes and
 * carries the columns filters and facets need.
 */

type Db = QueryExecutorProvider;

const COLUMNS = { words: ['title', 'body'], parts: ['title_parts', 'body_parts'] } as const;
/** bm25 weights in column order (title, body, title_parts, body_parts): a word in the title counts four times. */
const BM25 = sql.raw('bm25(search_fts, 4.0, 1.0, 2.0, 0.5)');
const PERSON_BM25 = sql.raw('bm25(search_person_fts, 4.0, 1.0, 2.0, 0.5)');
/**
 * FTS5 keeps rows in memory until this many bytes (or the end of the transaction), then writes them as a segment:
 * room for a whole import batch, so a batch becomes one segment instead of dozens to merge (default 1 MiB).
 */
const PENDING_BYTES = 16 * 1024 * 1024;

/** The FTS table a document type's analysed text lives in. */
function ftsTable(type: SearchResultType): 'search_fts' | 'search_person_fts' {
  return type === 'person' ? 'search_person_fts' : 'search_fts';
}

const searchMigration: Migration = {
  async up(db) {
    await sql`create virtual table search_fts using fts5(
      title, body, title_parts, body_parts,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
    )`.execute(db);
    await sql`create table search_docs (
      rowid integer primary key,
      doc_key text not null unique,
      type text not null check (type in ('item', 'decision', 'meeting', 'person')),
      target_id text not null,
      meeting_id text,
      date text,
      year text,
      body text,
      body_key text,
      decision_kind text,
      signature text
    )`.execute(db);
    await sql`create index search_docs_meeting on search_docs(meeting_id)`.execute(db);
    await sql`create index search_docs_target on search_docs(target_id)`.execute(db);
    // An archive imported before search was plugged in gets its index in 0101.
  },
};

/**
 * People get an FTS table of their own. Their documents are rewritten whenever a meeting shows a new spelling,
 * organisation or role, and a delete in the big table of items and decisions cost up to seconds (FTS5 rewrites
 * the tombstones of the large segment the row sits in); in a table of a few thousand rows it is cheap. Also sets
 * the pending-data size (PENDING_BYTES), and indexes an archive that has meetings but no index yet.
 */
const personTableMigration: Migration = {
  async up(db) {
    await sql`create virtual table search_person_fts using fts5(
      title, body, title_parts, body_parts,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
    )`.execute(db);
    for (const table of ['search_fts', 'search_person_fts']) {
      await sql.raw(`insert into ${table} (${table}, rank) values ('hashsize', ${PENDING_BYTES})`).execute(db);
    }
    const runner = kyselyRunner(db);
    const persons = await sql<{ rowid: number }>`select rowid from search_docs where type = 'person'`.execute(db);
    for (const { rowid } of persons.rows) await runner.run('delete from search_fts where rowid = ?', rowid);
    await sql`delete from search_docs where type = 'person'`.execute(db);
    const indexed = await sql<{ n: number }>`select count(*) as n from search_docs`.execute(db);
    // An archive without an index is indexed in 0102, once the year spans exist.
    if (indexed.rows[0]!.n > 0) {
      const people = await sql<{ id: string }>`select distinct person_id as id from participants
        where person_id is not null`.execute(db);
      await insertDocs(
        runner,
        personDocs(
          await loadPersons(
            runner,
            people.rows.map((p) => p.id),
          ),
        ),
      );
    }
  },
};

/**
 * The rowids each meeting year's documents span. A search with dates reads only that range of the FTS index: FTS5
 * hands out matches newest first and would otherwise walk every newer match before the first one in range (123 ms
 * for "budget" in 2019 among 100,000 protocols). Spans only grow (a delete leaves them), so they are bounds; the
 * date filter still decides. Tight when protocols are imported roughly in date order, harmless when not.
 */
const yearSpanMigration: Migration = {
  async up(db) {
    await sql`create table search_year_span (year text primary key, lo integer not null, hi integer not null)`.execute(
      db,
    );
    await sql`insert into search_year_span (year, lo, hi)
      select year, min(rowid), max(rowid) from search_docs where year is not null group by year`.execute(db);
    const indexed = await sql<{ n: number }>`select count(*) as n from search_docs`.execute(db);
    if (indexed.rows[0]!.n === 0) {
      const meetings = await sql<{ id: string }>`select id from meetings`.execute(db);
      await indexMeetingsRows(
        kyselyRunner(db),
        meetings.rows.map((m) => m.id),
      );
    }
  },
};

/** Migrations of the SQLite search index; pass them to `openSqliteStore({ migrations })`. */
export const SEARCH_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0100_search': searchMigration,
  '0101_search_persons': personTableMigration,
  '0102_search_year_spans': yearSpanMigration,
};

interface MeetingData {
  id: string;
  body: string | null;
  number: string | null;
  date: string | null;
  place: string | null;
}

interface ParticipantData {
  meetingId: string;
  list: string;
  name: string;
  organization: string | null;
  role: string | null;
  personId: string | null;
}

interface ItemData {
  id: string;
  meetingId: string;
  number: string | null;
  title: string;
  text: string;
  presenters: string;
  referral: string | null;
}

interface DecisionData {
  id: string;
  itemId: string;
  meetingId: string;
  text: string;
  kind: string;
  itemTitle: string;
  itemNumber: string | null;
}

const LIST_LABELS: Readonly<Record<string, string>> = {
  present: 'Närvarande',
  absent: 'Anmält förhinder',
  guest: 'Inbjudna gäster',
};

/** The title a meeting is indexed and shown with: "Kommundirektörsgruppen protokoll 5/2019". */
function meetingTitle(meeting: MeetingData): string {
  const number = meeting.number ? ` protokoll ${meeting.number}` : '';
  return `${meeting.body ?? 'Möte'}${number}`;
}

/** The text a meeting is indexed and shown with: place and attendance, as in the protocol's header. */
function meetingText(meeting: MeetingData, participants: readonly ParticipantData[]): string {
  const lines = meeting.place ? [meeting.place] : [];
  for (const list of ['present', 'absent', 'guest']) {
    const people = participants
      .filter((p) => p.list === list)
      .map((p) => [p.name, p.role === GROUP_ROLE ? null : p.role, p.organization].filter(Boolean).join(', '));
    if (people.length > 0) lines.push(`${LIST_LABELS[list]}: ${people.join('; ')}`);
  }
  return lines.join(' · ');
}

function itemText(item: ItemData): string {
  const presenters = JSON.parse(item.presenters) as string[];
  return [item.text, presenters.length > 0 ? `Föredragande: ${presenters.join(', ')}` : '', item.referral ?? '']
    .filter(Boolean)
    .join('\n');
}

interface PersonData {
  id: string;
  name: string;
  spellings: string[];
  organisations: string[];
  roles: string[];
}

/** A person's searchable text: other spellings, organisations represented (as written) and roles. */
function personText(person: PersonData): string {
  return [person.spellings.filter((s) => s !== person.name), person.organisations, person.roles]
    .filter((list) => list.length > 0)
    .map((list) => list.join(', '))
    .join(' · ');
}

/** The facts a person's document was built from, or null when there is none (or it predates this format). */
function indexedFacts(signature: string | null | undefined): PersonData | null {
  if (!signature) return null;
  try {
    const facts = JSON.parse(signature) as PersonData;
    return Array.isArray(facts.spellings) && Array.isArray(facts.organisations) && Array.isArray(facts.roles)
      ? facts
      : null;
  } catch {
    return null;
  }
}

/** True when `known` (a person's indexed facts) already covers `seen` (the facts of one meeting). */
function covers(known: PersonData, seen: PersonData): boolean {
  const all = (have: string[], want: string[]) => want.every((value) => have.includes(value));
  return (
    known.name === seen.name &&
    all(known.spellings, seen.spellings) &&
    all(known.organisations, seen.organisations) &&
    all(known.roles, seen.roles)
  );
}

/**
 * Runs SQL with `?` parameters: the session's prepared statements while importing, Kysely in the migration that
 * indexes an existing archive and on the (less frequent) read path.
 */
interface Runner {
  all<T>(source: string, ...params: unknown[]): T[] | Promise<T[]>;
  run(source: string, ...params: unknown[]): unknown;
  /** Inserts one row and returns its rowid. */
  insert(source: string, ...params: unknown[]): number | Promise<number>;
}

function statementRunner(statements: SqliteStatements): Runner {
  return {
    all: (source, ...params) => statements.all(source, ...params),
    run: (source, ...params) => statements.run(source, ...params),
    insert: (source, ...params) => Number(statements.prepare(source).run(...params).lastInsertRowid),
  };
}

function kyselyRunner(db: Db): Runner {
  const execute = async <T>(source: string, params: unknown[]) =>
    (await db.getExecutor().executeQuery<T>(CompiledQuery.raw(source, params))).rows;
  return {
    all: (source, ...params) => execute(source, params),
    run: (source, ...params) => execute(source, params),
    insert: async (source, ...params) => {
      const rows = await execute<{ rowid: number }>(`${source} returning rowid`, params);
      return rows[0]!.rowid;
    },
  };
}

/** `(?, ?, ?)` for a list of values. */
function placeholders(values: readonly unknown[]): string {
  return `(${values.map(() => '?').join(', ')})`;
}

async function loadMeeting(db: Runner, meetingId: string): Promise<MeetingData | undefined> {
  const rows = await db.all<MeetingData>('select id, body, number, date, place from meetings where id = ?', meetingId);
  return rows[0];
}

async function loadParticipants(db: Runner, meetingIds: readonly string[]): Promise<ParticipantData[]> {
  if (meetingIds.length === 0) return [];
  return db.all<ParticipantData>(
    `select meeting_id as "meetingId", list, name, organization, role, person_id as "personId"
     from participants where meeting_id in ${placeholders(meetingIds)}
     order by meeting_id, case list when 'present' then 0 when 'absent' then 1 else 2 end, position`,
    ...meetingIds,
  );
}

const ITEM_SELECT = `i.id, i.meeting_id as "meetingId", i.number, i.title, i.text,
  i.presenters_json as presenters, i.referral_text as referral`;
const ITEM_COLUMNS = sql.raw(ITEM_SELECT);

const DECISION_SELECT = `d.id, d.item_id as "itemId", d.meeting_id as "meetingId", d.text, d.kind,
  i.title as "itemTitle", i.number as "itemNumber"`;
const DECISION_COLUMNS = sql.raw(DECISION_SELECT);

/** Everything known about people across the archive; costs a scan of their participations, so used sparingly. */
async function loadPersons(db: Runner, personIds: readonly string[]): Promise<PersonData[]> {
  if (personIds.length === 0) return [];
  const rows = await db.all<{
    id: string;
    name: string;
    spellings: string | null;
    organisations: string | null;
    roles: string | null;
  }>(
    `select p.id, p.name,
      (select group_concat(spelling, char(31)) from (
         select name as spelling from participants where person_id = p.id
         union select name from assignment_assignees where person_id = p.id
         union select spelling from person_aliases where person_id = p.id)) as spellings,
      (select group_concat(organization, char(31)) from (
         select distinct organization from participants where person_id = p.id and organization is not null))
        as organisations,
      (select group_concat(role, char(31)) from (
         select distinct role from participants where person_id = p.id and role is not null)) as roles
    from persons p where p.id in ${placeholders(personIds)}`,
    ...personIds,
  );
  const split = (list: string | null) => (list ? list.split('\u001f').sort((x, y) => x.localeCompare(y, 'sv')) : []);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    spellings: split(row.spellings),
    organisations: split(row.organisations),
    roles: split(row.roles),
  }));
}

interface NewDoc {
  type: SearchResultType;
  targetId: string;
  meeting: MeetingData | null;
  decisionKind?: string;
  signature?: string;
  title: string;
  text: string;
}

/** Inserts each document's row, then its analysed text under the same rowid. */
async function insertDocs(db: Runner, docs: readonly NewDoc[]): Promise<void> {
  const spans = new Map<string, { lo: number; hi: number }>();
  for (const doc of docs) {
    const { meeting } = doc;
    const rowid = await db.insert(
      `insert into search_docs (doc_key, type, target_id, meeting_id, date, year, body, body_key, decision_kind, signature)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      `${doc.type}:${doc.targetId}`,
      doc.type,
      doc.targetId,
      meeting?.id ?? null,
      meeting?.date ?? null,
      meeting?.date?.slice(0, 4) ?? null,
      meeting?.body ?? null,
      meeting?.body ? matchKey(meeting.body) : null,
      doc.decisionKind ?? null,
      doc.signature ?? null,
    );
    const title = analyzeForIndex(doc.title);
    const text = analyzeForIndex(doc.text);
    await db.run(
      `insert into ${ftsTable(doc.type)} (rowid, title, body, title_parts, body_parts) values (?, ?, ?, ?, ?)`,
      rowid,
      title.words,
      text.words,
      title.parts,
      text.parts,
    );
    const year = doc.meeting?.date?.slice(0, 4);
    if (year) {
      const span = spans.get(year);
      if (span) span.hi = Math.max(span.hi, rowid);
      else spans.set(year, { lo: rowid, hi: rowid });
    }
  }
  for (const [year, { lo, hi }] of spans) {
    await db.run(
      `insert into search_year_span (year, lo, hi) values (?, ?, ?)
       on conflict (year) do update set lo = min(lo, excluded.lo), hi = max(hi, excluded.hi)`,
      year,
      lo,
      hi,
    );
  }
}

async function removeMeetingRows(db: Runner, meetingId: string): Promise<void> {
  // The rowids first: FTS5 answers `rowid in (subquery)` by scanning the whole index, which made every import
  // slower the larger the archive grew; a delete by one rowid is a direct lookup. A new meeting has none.
  const rows = await db.all<{ rowid: number }>('select rowid from search_docs where meeting_id = ?', meetingId);
  for (const { rowid } of rows) await db.run('delete from search_fts where rowid = ?', rowid);
  if (rows.length > 0) await db.run('delete from search_docs where meeting_id = ?', meetingId);
}

/**
 * (Re)indexes meetings, their items and decisions, and refreshes the people who appear in them. All deletes come
 * before all inserts, and the caller runs this last in its transaction: FTS5 writes the rows it has pending as a new
 * segment whenever another statement opens a savepoint, and merging thousands of tiny segments cost seconds per
 * batch; written together, a batch's rows become one segment.
 */
async function indexMeetingsRows(db: Runner, meetingIds: readonly string[]): Promise<void> {
  for (const meetingId of meetingIds) await removeMeetingRows(db, meetingId);
  const docs: NewDoc[] = [];
  const participants: ParticipantData[] = [];
  for (const meetingId of meetingIds) {
    const meeting = await loadMeeting(db, meetingId);
    if (!meeting) continue;
    const attended = await loadParticipants(db, [meetingId]);
    participants.push(...attended);
    docs.push({
      type: 'meeting',
      targetId: meeting.id,
      meeting,
      title: meetingTitle(meeting),
      text: meetingText(meeting, attended),
    });
    for (const item of await db.all<ItemData>(`select ${ITEM_SELECT} from items i where i.meeting_id = ?`, meetingId)) {
      docs.push({ type: 'item', targetId: item.id, meeting, title: item.title, text: itemText(item) });
    }
    const decisions = await db.all<DecisionData>(
      `select ${DECISION_SELECT} from decisions d join items i on i.id = d.item_id where d.meeting_id = ?`,
      meetingId,
    );
    for (const decision of decisions) {
      docs.push({
        type: 'decision',
        targetId: decision.id,
        meeting,
        decisionKind: decision.kind,
        title: decision.itemTitle,
        text: decision.text,
      });
    }
  }
  docs.push(...(await stalePersonDocs(db, meetingIds, participants)));
  await insertDocs(db, docs);
}

/**
 * The documents to (re)write for the people in some meetings, their old ones deleted. Loading a person's facts
 * scans all their participations, so it is done only when the meetings show something their document lacks (a new
 * person, spelling, organisation or role, or a new name), and once per person however many of the meetings they
 * attended; re-importing an archive does not rescan everyone.
 */
async function stalePersonDocs(
  db: Runner,
  meetingIds: readonly string[],
  participants: readonly ParticipantData[],
): Promise<NewDoc[]> {
  const assignees: Array<{ personId: string; name: string }> = [];
  for (const meetingId of meetingIds) {
    assignees.push(
      ...(await db.all<{ personId: string; name: string }>(
        `select aa.person_id as "personId", aa.name from assignment_assignees aa
         join assignments a on a.id = aa.assignment_id where a.meeting_id = ? and aa.person_id is not null`,
        meetingId,
      )),
    );
  }
  const seen = new Map<string, PersonData>();
  const facts = (personId: string) => {
    let person = seen.get(personId);
    if (!person) {
      person = { id: personId, name: '', spellings: [], organisations: [], roles: [] };
      seen.set(personId, person);
    }
    return person;
  };
  for (const p of participants) {
    if (!p.personId) continue;
    const person = facts(p.personId);
    person.spellings.push(p.name);
    if (p.organization) person.organisations.push(p.organization);
    if (p.role) person.roles.push(p.role);
  }
  for (const a of assignees) facts(a.personId).spellings.push(a.name);
  const stale: string[] = [];
  for (const [id, person] of seen) {
    const row = await db.all<{ rowid: number; name: string; signature: string | null }>(
      `select d.rowid, p.name, d.signature from persons p
       left join search_docs d on d.doc_key = 'person:' || p.id where p.id = ?`,
      id,
    );
    if (!row[0]) continue;
    person.name = row[0].name;
    const known = indexedFacts(row[0].signature);
    if (known && covers(known, person)) continue;
    stale.push(id);
    if (row[0].rowid !== null) {
      await db.run('delete from search_person_fts where rowid = ?', row[0].rowid);
      await db.run('delete from search_docs where rowid = ?', row[0].rowid);
    }
  }
  return personDocs(await loadPersons(db, stale));
}

function personDocs(persons: readonly PersonData[]): NewDoc[] {
  return persons.map((person) => ({
    type: 'person',
    targetId: person.id,
    meeting: null,
    signature: JSON.stringify(person),
    title: person.name,
    text: personText(person),
  }));
}

/** A meeting's assignment `a` is open: no manual state says otherwise and no report-back has been confirmed. */
const ASSIGNMENT_IS_OPEN = sql`(case
  when a.id in (select assignment_id from assignment_states)
    then (select s.status from assignment_states s where s.assignment_id = a.id)
  when a.id in (select source_id from followup_links where kind = 'report-back' and status = 'confirmed')
    then 'reported'
  else 'open' end) = 'open'`;

/** The meetings (as search_docs rows `md`) a person document `d` is connected to, for date and body filters. */
function personMeetingFilter(condition: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`exists (select 1 from participants pa join search_docs md
    on md.type = 'meeting' and md.target_id = pa.meeting_id
    where pa.person_id = d.target_id and ${condition})`;
}

function filterSql(filters: SearchFilters): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [];
  if (filters.types && filters.types.length > 0) conditions.push(sql`d.type in (${sql.join(filters.types)})`);
  const meetingConditions: (alias: string) => RawBuilder<unknown>[] = (alias) => {
    const list: RawBuilder<unknown>[] = [];
    const column = (name: string) => sql.ref(`${alias}.${name}`);
    if (filters.bodyKey) list.push(sql`instr(${column('body_key')}, ${filters.bodyKey}) > 0`);
    if (filters.from) list.push(sql`${column('date')} >= ${filters.from}`);
    if (filters.to) list.push(sql`${column('date')} <= ${filters.to}`);
    return list;
  };
  const dated = meetingConditions('d');
  if (dated.length > 0) {
    const own = sql.join(dated, sql` and `);
    const viaMeetings = personMeetingFilter(sql.join(meetingConditions('md'), sql` and `));
    conditions.push(sql`((d.type <> 'person' and ${own}) or (d.type = 'person' and ${viaMeetings}))`);
  }
  if (filters.personIds && filters.personIds.length > 0) {
    const ids = sql.join(filters.personIds);
    const tookPart = (meeting: RawBuilder<unknown>) => sql`exists (select 1 from participants pa
      where pa.meeting_id = ${meeting} and pa.person_id in (${ids}) and pa.list <> 'absent')`;
    const assigned = (column: string) => sql`exists (select 1 from assignment_assignees aa
      join assignments a on a.id = aa.assignment_id
      where ${sql.ref(`a.${column}`)} = d.target_id and aa.person_id in (${ids}))`;
    conditions.push(sql`case d.type
      when 'person' then d.target_id in (${ids})
      when 'meeting' then ${tookPart(sql`d.target_id`)}
      when 'item' then ${tookPart(sql`d.meeting_id`)} or ${assigned('item_id')}
      else ${tookPart(sql`d.meeting_id`)} or ${assigned('decision_id')} end`);
  }
  if (filters.organisationIds && filters.organisationIds.length > 0) {
    const ids = sql.join(filters.organisationIds);
    const assigned = (column: string) => sql`exists (select 1 from assignment_assignees aa
      join assignments a on a.id = aa.assignment_id
      where ${sql.ref(`a.${column}`)} = d.target_id and (aa.organisation_id in (${ids}) or exists (
        select 1 from participants pa where pa.meeting_id = a.meeting_id and pa.person_id = aa.person_id
        and pa.organisation_id in (${ids}))))`;
    conditions.push(sql`case d.type
      when 'person' then exists (select 1 from participants pa
        where pa.person_id = d.target_id and pa.organisation_id in (${ids}))
      when 'meeting' then exists (select 1 from participants pa
        where pa.meeting_id = d.target_id and pa.organisation_id in (${ids}) and pa.list <> 'absent')
      when 'item' then ${assigned('item_id')}
      else ${assigned('decision_id')} end`);
  }
  if (filters.decisionKind) {
    // `+dk.kind`: the item's own decisions by the item index; the planner preferred the index by kind, and read
    // every decision of that kind for each matching item (52 s for one query in a 20,000-protocol archive).
    conditions.push(sql`((d.type = 'decision' and d.decision_kind = ${filters.decisionKind}) or (d.type = 'item'
      and exists (select 1 from decisions dk where dk.item_id = d.target_id and +dk.kind = ${filters.decisionKind})))`);
  }
  if (filters.openAssignments) {
    const open = (column: string) =>
      sql`exists (select 1 from assignments a where ${sql.ref(`a.${column}`)} = d.target_id and ${ASSIGNMENT_IS_OPEN})`;
    conditions.push(sql`case d.type
      when 'person' then exists (select 1 from assignment_assignees aa join assignments a on a.id = aa.assignment_id
        where aa.person_id = d.target_id and ${ASSIGNMENT_IS_OPEN})
      when 'meeting' then ${open('meeting_id')}
      when 'item' then ${open('item_id')}
      else ${open('decision_id')} end`);
  }
  if (filters.publishedOnly) {
    conditions.push(sql`not exists (select 1 from meeting_publication mp where mp.published = 0
      and mp.meeting_id = case when d.type = 'meeting' then d.target_id else d.meeting_id end)`);
  }
  return conditions.length === 0 ? sql`1 = 1` : sql.join(conditions, sql` and `);
}

interface DocRow {
  type: SearchResultType;
  targetId: string;
  meetingId: string | null;
  date: string | null;
  body: string | null;
  kind: string | null;
  score: number;
}

/** The matched and filtered documents, as a subquery with columns of `DocRow` plus `year`. */
function matched(request: Pick<SearchRequest, 'query' | 'filters'>): RawBuilder<unknown> {
  const match = toFts5Match(request.query, { words: [...COLUMNS.words], parts: [...COLUMNS.parts] });
  return sql`select d.type, d.target_id as "targetId", d.meeting_id as "meetingId", d.date, d.year, d.body,
      d.decision_kind as kind, -h.relevance as score
    from (select rowid, ${BM25} as relevance from search_fts where search_fts match ${match}) h
    join search_docs d on d.rowid = h.rowid
    where ${filterSql(request.filters)}`;
}

/** Fetches the original rows behind hits, in the order given. */
async function toSourceHits(db: Db, rows: readonly DocRow[]): Promise<SearchSourceHit[]> {
  const ids = (type: SearchResultType) => rows.filter((r) => r.type === type).map((r) => r.targetId);
  const byId = new Map<string, Omit<SearchSourceHit, 'score' | 'type' | 'date' | 'body'>>();
  const itemIds = ids('item');
  if (itemIds.length > 0) {
    const items = await sql<ItemData>`select ${ITEM_COLUMNS} from items i where i.id in (${sql.join(itemIds)})`.execute(
      db,
    );
    for (const item of items.rows) {
      byId.set(`item:${item.id}`, {
        id: item.id,
        meetingId: item.meetingId,
        meetingNumber: null,
        itemNumber: item.number,
        decisionKind: null,
        title: item.title,
        text: itemText(item),
      });
    }
  }
  const decisionIds = ids('decision');
  if (decisionIds.length > 0) {
    const decisions = await sql<DecisionData>`select ${DECISION_COLUMNS} from decisions d
      join items i on i.id = d.item_id where d.id in (${sql.join(decisionIds)})`.execute(db);
    for (const decision of decisions.rows) {
      byId.set(`decision:${decision.id}`, {
        id: decision.id,
        meetingId: decision.meetingId,
        meetingNumber: null,
        itemNumber: decision.itemNumber,
        decisionKind: decision.kind,
        title: decision.itemTitle,
        text: decision.text,
      });
    }
  }
  const meetingIds = [...new Set(rows.flatMap((r) => (r.meetingId ? [r.meetingId] : [])))];
  const meetings = new Map<string, MeetingData>();
  if (meetingIds.length > 0) {
    const result = await sql<MeetingData>`select id, body, number, date, place from meetings
      where id in (${sql.join(meetingIds)})`.execute(db);
    for (const meeting of result.rows) meetings.set(meeting.id, meeting);
  }
  const meetingHits = ids('meeting');
  const participants = await loadParticipants(kyselyRunner(db), meetingHits);
  for (const id of meetingHits) {
    const meeting = meetings.get(id);
    if (!meeting) continue;
    byId.set(`meeting:${id}`, {
      id,
      meetingId: id,
      meetingNumber: meeting.number,
      itemNumber: null,
      decisionKind: null,
      title: meetingTitle(meeting),
      text: meetingText(
        meeting,
        participants.filter((p) => p.meetingId === id),
      ),
    });
  }
  for (const person of await loadPersons(kyselyRunner(db), ids('person'))) {
    byId.set(`person:${person.id}`, {
      id: person.id,
      meetingId: null,
      meetingNumber: null,
      itemNumber: null,
      decisionKind: null,
      title: person.name,
      text: personText(person),
    });
  }
  // A row whose target disappeared (a person merged into another) is skipped until it is reindexed.
  return rows.flatMap((row) => {
    const source = byId.get(`${row.type}:${row.targetId}`);
    if (!source) return [];
    const meeting = row.meetingId ? meetings.get(row.meetingId) : undefined;
    return [
      {
        ...source,
        type: row.type,
        date: row.date,
        body: row.body,
        meetingNumber: meeting?.number ?? source.meetingNumber,
        score: row.score,
      },
    ];
  });
}

function tally<K extends string>(values: readonly (K | null)[]): FacetCount<K>[] {
  const counts = new Map<K, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }));
}

/** Full-text search over an SQLite archive: `SearchIndexer` for writes, `SearchReader` for queries. */
export class SqliteSearchIndex implements SearchIndexer, SearchReader {
  /** @param cap the most matches one search ranks and counts (`SEARCH_CAP`; smaller in tests). */
  constructor(private readonly cap = SEARCH_CAP) {}

  async indexMeetings(session: ArchiveSession, meetingIds: readonly string[]): Promise<void> {
    await indexMeetingsRows(statementRunner(sessionStatements(session)), meetingIds);
  }

  async removeMeeting(session: ArchiveSession, meetingId: string): Promise<void> {
    await removeMeetingRows(statementRunner(sessionStatements(session)), meetingId);
  }

  async search(
    session: ArchiveSession,
    request: SearchRequest,
  ): Promise<{ hits: SearchSourceHit[]; counts: SearchCounts }> {
    const db = session.db;
    // The newest matches that pass the filters, at most cap + 1 (the one more says whether there are more).
    // FTS5 hands out matches in rowid order, so `order by rowid desc limit` stops early instead of ranking and
    // counting every match of a common word.
    const match = toFts5Match(request.query, { words: [...COLUMNS.words], parts: [...COLUMNS.parts] });
    const types = request.filters.types;
    const { from, to } = request.filters;
    const span =
      from || to
        ? (
            await sql<{ lo: number | null; hi: number | null }>`select min(lo) as lo, max(hi) as hi
              from search_year_span where year >= ${from?.slice(0, 4) ?? ''} and year <= ${to?.slice(0, 4) ?? '9999'}`.execute(
              db,
            )
          ).rows[0]
        : undefined;
    const newest = async (table: 'search_fts' | 'search_person_fts', bm25: RawBuilder<unknown>) => {
      const fts = sql.table(table);
      // Only dated documents have a span; people are found through the meetings they attended.
      const within =
        span && table === 'search_fts' ? sql`${fts}.rowid between ${span.lo ?? 0} and ${span.hi ?? -1}` : sql`1 = 1`;
      const result = await sql<DocRow & { year: string | null; rowid: number }>`
        select d.rowid, d.type, d.target_id as "targetId", d.meeting_id as "meetingId", d.date, d.year, d.body,
          d.decision_kind as kind, -${bm25} as score
        from ${fts} join search_docs d on d.rowid = ${fts}.rowid
        where ${fts} match ${match} and ${within} and ${filterSql(request.filters)}
        order by ${fts}.rowid desc limit ${this.cap + 1}`.execute(db);
      return result.rows;
    };
    const wants = (person: boolean) => !types || types.some((t) => (t === 'person') === person);
    const found = [
      ...(wants(false) ? await newest('search_fts', BM25) : []),
      ...(wants(true) ? await newest('search_person_fts', PERSON_BM25) : []),
    ];
    const capped = found.length > this.cap;
    const rows = capped ? found.sort((a, b) => b.rowid - a.rowid).slice(0, this.cap) : found;
    const counts: SearchCounts = {
      total: rows.length,
      capped,
      types: tally(rows.map((r) => r.type)),
      years: tally(rows.map((r) => r.year)).sort((a, b) => a.value.localeCompare(b.value)),
      bodies: tally(rows.map((r) => r.body)).sort((a, b) => b.count - a.count),
      decisionKinds: tally(rows.map((r) => r.kind)).sort((a, b) => b.count - a.count),
    };
    if (rows.length === 0 || request.limit === 0) return { hits: [], counts };
    rows.sort(
      (a, b) =>
        b.score - a.score ||
        (b.date ?? '').localeCompare(a.date ?? '') ||
        (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0),
    );
    const page = rows.slice(request.offset, request.offset + request.limit);
    return { hits: await toSourceHits(db, page), counts };
  }

  async timeline(
    session: ArchiveSession,
    request: Omit<SearchRequest, 'limit' | 'offset'>,
    perYear: number,
  ): Promise<Array<{ year: string; count: number; hits: SearchSourceHit[] }>> {
    const db = session.db;
    const result = await sql<DocRow & { year: string; yearCount: number }>`select * from (
        select m.*, row_number() over (partition by m.year order by m.score desc, m.date desc, m."targetId") as position,
          count(*) over (partition by m.year) as "yearCount"
        from (${matched(request)}) m where m.year is not null)
      where position <= ${perYear} order by year, position`.execute(db);
    const hits = await toSourceHits(db, result.rows);
    const years = new Map(result.rows.map((row) => [row.year, row.yearCount]));
    return [...years].map(([year, count]) => ({
      year,
      count,
      hits: hits.filter((hit) => hit.date?.slice(0, 4) === year),
    }));
  }
}
