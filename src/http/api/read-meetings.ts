import { type RawBuilder, sql } from 'kysely';
import type { z } from 'zod';
import { type DecisionKind, ProtocolDocumentSchema } from '../../domain/document.js';
import { AppError } from '../../domain/errors.js';
import { matchKey } from '../../domain/match-keys.js';
import { resolveOrganisation } from '../../services/resolve-organisations.js';
import type { ArchiveSession } from '../../store/ports.js';
import { isEmptyScope, type MeetingScope, needsMeetings, scopeCondition } from './meeting-scope.js';
import type {
  DecisionSummarySchema,
  ItemDetailSchema,
  ItemSummarySchema,
  MeetingMetaSchema,
  MeetingSummarySchema,
} from './schemas.js';
import { isPublic } from './visibility.js';

/*
 * Read models of meetings, items and decisions for the API: one page at a time, so a page costs its rows and not
 * the archive; only the total (one count in SQL) grows with the archive.
 */

type MeetingSummary = z.infer<typeof MeetingSummarySchema>;
type MeetingMeta = z.infer<typeof MeetingMetaSchema>;
type ItemSummary = z.infer<typeof ItemSummarySchema>;
type ItemDetailBase = Omit<z.infer<typeof ItemDetailSchema>, 'decisions'>;
type DecisionSummary = z.infer<typeof DecisionSummarySchema>;

export type Order = 'asc' | 'desc';

export interface Paged<T> {
  rows: T[];
  total: number;
}

const EMPTY = { rows: [], total: 0 };

async function visibleMeeting(session: ArchiveSession, meetingId: string, what: string) {
  const meeting = await session.meetings.get(meetingId);
  if (!meeting || !(await isPublic(session, meetingId))) {
    throw new AppError('not-found', `No ${what} ${meetingId}.`);
  }
  return meeting;
}

/** The rows of `ids`, in the order of `ids` (the page order the first query found). */
export function inOrder<T extends { id: string }>(ids: readonly string[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Runs a page query in two steps: the ids of the page first (ordered over index columns only), then the rows with
 * their counts for those ids. SQLite computes every selected column of every row it sorts, so one query with
 * counts would cost as much at offset 10,000 as counting the whole archive.
 */
export async function pageIds(session: ArchiveSession, query: RawBuilder<{ id: string }>): Promise<string[]> {
  return (await query.execute(session.db)).rows.map((r) => r.id);
}

/** Remembered totals per cache owner (the archive store): by query and parameters, valid for one data version. */
const totals = new WeakMap<object, Map<string, { version: string; n: number }>>();
const MAX_TOTALS = 512;

/**
 * The total of a page query. With `cache` (the store the session belongs to), the total is remembered until the
 * archive changes (SQLite's data_version, read in this session, and this connection's own changes): counting
 * every matching row costs as much as the archive is big, while the page itself does not.
 */
export async function countOf(
  session: ArchiveSession,
  query: RawBuilder<{ n: number }>,
  cache?: object,
): Promise<number> {
  const count = async () => Number((await query.execute(session.db)).rows[0]?.n ?? 0);
  if (!cache) return count();
  const compiled = query.compile(session.db);
  const key = `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
  const { rows } = await sql<{ version: number; changes: number }>`
    select (select data_version from pragma_data_version) as version, total_changes() as changes`.execute(session.db);
  const version = `${rows[0]?.version}:${rows[0]?.changes}`;
  let known = totals.get(cache);
  if (!known) {
    known = new Map();
    totals.set(cache, known);
  }
  const hit = known.get(key);
  if (hit && hit.version === version) return hit.n;
  const n = await count();
  if (known.size >= MAX_TOTALS) known.clear();
  known.set(key, { version, n });
  return n;
}

export function direction(order: Order): RawBuilder<unknown> {
  return sql.raw(order === 'asc' ? 'asc' : 'desc');
}

/** Meetings in the scope, newest first by default, with their item, decision and attendance counts. */
export async function meetingPage(
  session: ArchiveSession,
  scope: MeetingScope,
  page: { limit: number; offset: number; order: Order; cache?: object },
  base: string,
): Promise<Paged<MeetingSummary>> {
  if (isEmptyScope(scope)) return EMPTY;
  const where = scopeCondition(scope);
  const dir = direction(page.order);
  const total = await countOf(session, sql`select count(*) as n from meetings where ${where}`, page.cache);
  const ids = await pageIds(
    session,
    sql`select meetings.id as id from meetings where ${where}
        order by meetings.date ${dir}, meetings.id ${dir} limit ${page.limit} offset ${page.offset}`,
  );
  if (ids.length === 0) return { total, rows: [] };
  const rows = await session.db
    .selectFrom('meetings')
    .select(['id', 'body', 'organization', 'number', 'date', 'place'])
    .select((eb) => [
      eb
        .selectFrom('items')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('items.meetingId', '=', 'meetings.id')
        .as('items'),
      eb
        .selectFrom('decisions')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('decisions.meetingId', '=', 'meetings.id')
        .as('decisions'),
      eb
        .selectFrom('participants')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('participants.meetingId', '=', 'meetings.id')
        .where('participants.list', '=', 'present')
        .as('present'),
    ])
    .where('id', 'in', ids)
    .execute();
  return {
    total,
    rows: inOrder(ids, rows).map((r) => ({
      ...r,
      items: Number(r.items),
      decisions: Number(r.decisions),
      present: Number(r.present),
      links: { self: `${base}/meetings/${r.id}`, meta: `${base}/meetings/${r.id}/meta` },
    })),
  };
}

/**
 * The meeting's protocol as stored: the primary document's `protokoll/1` JSON, checked against the schema and
 * returned byte for byte. AppError not-found for an unknown or unpublished meeting.
 */
export async function meetingDocumentJson(session: ArchiveSession, meetingId: string): Promise<string> {
  await visibleMeeting(session, meetingId, 'meeting');
  const row = await session.db
    .selectFrom('meetings')
    .innerJoin('documents', 'documents.id', 'meetings.documentId')
    .select('documents.documentJson')
    .where('meetings.id', '=', meetingId)
    .executeTakeFirst();
  if (!row) throw new AppError('not-found', `No document for meeting ${meetingId}.`);
  const checked = ProtocolDocumentSchema.safeParse(JSON.parse(row.documentJson));
  if (!checked.success) {
    throw new AppError('database-error', `The stored document of ${meetingId} is not valid protokoll/1.`, {
      issues: checked.error.issues.slice(0, 5),
    });
  }
  return row.documentJson;
}

/** What the archive knows about a meeting beside its document: counts, source files, flags, corrections. */
export async function meetingMeta(session: ArchiveSession, meetingId: string, base: string): Promise<MeetingMeta> {
  const meeting = await visibleMeeting(session, meetingId, 'meeting');
  const { db } = session;
  const countOf = async (table: 'items' | 'decisions' | 'assignments') => {
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('meetingId', '=', meetingId)
      .executeTakeFirstOrThrow();
    return Number(n);
  };
  const lists = await db
    .selectFrom('participants')
    .select(['list', (eb) => eb.fn.countAll<number>().as('n')])
    .where('meetingId', '=', meetingId)
    .groupBy('list')
    .execute();
  const listCount = (list: string) => Number(lists.find((l) => l.list === list)?.n ?? 0);
  const documents = await db
    .selectFrom('documents')
    .select(['id', 'name', 'sha256', 'format', 'status', 'parserVersion', 'importedAt', 'updatedAt'])
    .where('meetingId', '=', meetingId)
    .orderBy('importedAt')
    .orderBy('id')
    .execute();
  const { n: warnings } = await db
    .selectFrom('warnings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('documentId', '=', meeting.documentId)
    .executeTakeFirstOrThrow();
  const self = `${base}/meetings/${meetingId}`;
  return {
    id: meeting.id,
    body: meeting.body,
    organization: meeting.organization,
    number: meeting.number,
    date: meeting.date,
    start: meeting.startTime,
    end: meeting.endTime,
    place: meeting.place,
    counts: {
      items: await countOf('items'),
      decisions: await countOf('decisions'),
      assignments: await countOf('assignments'),
      present: listCount('present'),
      absent: listCount('absent'),
      guests: listCount('guest'),
      warnings: Number(warnings),
    },
    corrections: (await session.corrections.forMeeting(meetingId)).length,
    documents,
    flags: (await session.flags.list({ meetingId })).map((f) => ({
      id: f.id,
      kind: f.kind,
      subjectId: f.subjectId,
      details: JSON.parse(f.detailsJson) as unknown,
    })),
    links: {
      document: self,
      items: `${base}/items?meeting=${meetingId}`,
      decisions: `${base}/decisions?meeting=${meetingId}`,
      assignments: `${base}/assignments?meeting=${meetingId}`,
    },
  };
}

function itemColumns(session: ArchiveSession) {
  return session.db
    .selectFrom('items')
    .innerJoin('meetings', 'meetings.id', 'items.meetingId')
    .select([
      'items.id',
      'items.meetingId',
      'meetings.date',
      'meetings.body',
      'meetings.number as meetingNumber',
      'items.number',
      'items.title',
      'items.presentersJson',
      'items.referralTo',
      'items.referralDate',
      'items.referralText',
    ]);
}

type ItemRowOut = Awaited<ReturnType<ReturnType<typeof itemColumns>['execute']>>[number];

function presentItem(r: ItemRowOut, base: string): Omit<ItemSummary, 'decisions'> {
  return {
    id: r.id,
    meetingId: r.meetingId,
    date: r.date,
    body: r.body,
    meetingNumber: r.meetingNumber,
    number: r.number,
    title: r.title,
    presenters: JSON.parse(r.presentersJson) as string[],
    referral: r.referralText === null ? null : { to: r.referralTo, date: r.referralDate, text: r.referralText },
    links: { self: `${base}/items/${r.id}`, meeting: `${base}/meetings/${r.meetingId}` },
  };
}

/** Agenda items in the scope, newest meeting first, in agenda order within a meeting. */
export async function itemPage(
  session: ArchiveSession,
  scope: MeetingScope,
  filter: { referred?: boolean },
  page: { limit: number; offset: number; order: Order; cache?: object },
  base: string,
): Promise<Paged<ItemSummary>> {
  if (isEmptyScope(scope)) return EMPTY;
  const referred =
    filter.referred === undefined
      ? sql`1 = 1`
      : filter.referred
        ? sql`items.referral_text is not null`
        : sql`items.referral_text is null`;
  const total = await countOf(
    session,
    needsMeetings(scope)
      ? sql`select count(*) as n from items join meetings on meetings.id = items.meeting_id
            where ${scopeCondition(scope)} and ${referred}`
      : sql`select count(*) as n from items where ${scopeCondition(scope, 'items.meeting_id')} and ${referred}`,
    page.cache,
  );
  const dir = direction(page.order);
  // CROSS JOIN keeps meetings as the outer loop, walked in date order by its index, so the page is found early.
  const ids = await pageIds(
    session,
    sql`select items.id as id from meetings cross join items on items.meeting_id = meetings.id
        where ${scopeCondition(scope)} and ${referred}
        order by meetings.date ${dir}, meetings.id ${dir}, items.position limit ${page.limit} offset ${page.offset}`,
  );
  if (ids.length === 0) return { total, rows: [] };
  const rows = await itemColumns(session)
    .select((eb) =>
      eb
        .selectFrom('decisions')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('decisions.itemId', '=', 'items.id')
        .as('decisions'),
    )
    .where('items.id', 'in', ids)
    .execute();
  return { total, rows: inOrder(ids, rows).map((r) => ({ ...presentItem(r, base), decisions: Number(r.decisions) })) };
}

/** One item with its text; the caller adds decisions with assignment status. */
export async function itemDetailBase(session: ArchiveSession, itemId: string, base: string): Promise<ItemDetailBase> {
  const row = await itemColumns(session).select('items.text').where('items.id', '=', itemId).executeTakeFirst();
  if (!row || !(await isPublic(session, row.meetingId))) throw new AppError('not-found', `No item ${itemId}.`);
  return { ...presentItem(row, base), text: row.text };
}

export interface DecisionFilter {
  kind?: DecisionKind;
  /** Organisation by id or name: decisions of its meetings, or that give it an assignment. */
  organisation?: string;
  itemId?: string;
  decisionId?: string;
}

interface ResolvedOrganisation {
  /** `meetings.organization` values as written in the protocols. */
  names: string[];
  ids: string[];
}

/** Every stored spelling and registry id an organisation reference can mean; empty when it means nothing. */
async function resolveOrganisationRef(session: ArchiveSession, ref: string): Promise<ResolvedOrganisation> {
  const key = matchKey(ref);
  const ids = new Set<string>();
  const byId = await session.organisations.get(ref);
  if (byId) ids.add(byId.id);
  else {
    const known = await resolveOrganisation(session, ref, { create: false });
    if (known) ids.add(known);
    for (const o of await session.organisations.list()) if (matchKey(o.name).includes(key)) ids.add(o.id);
  }
  // The protocols name the organiser as written; one registry organisation may have had several names.
  const names = new Set<string>();
  const written = await session.db
    .selectFrom('meetings')
    .select('organization')
    .distinct()
    .where('organization', 'is not', null)
    .execute();
  for (const { organization } of written) {
    const known = await resolveOrganisation(session, organization, { create: false });
    if ((known && ids.has(known)) || matchKey(organization!).includes(key)) names.add(organization!);
  }
  return { names: [...names], ids: [...ids] };
}

function decisionConditions(filter: DecisionFilter, org?: ResolvedOrganisation): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (filter.kind) parts.push(sql`decisions.kind = ${filter.kind}`);
  if (filter.itemId) parts.push(sql`decisions.item_id = ${filter.itemId}`);
  if (filter.decisionId) parts.push(sql`decisions.id = ${filter.decisionId}`);
  if (org) {
    const byName = org.names.length > 0 ? sql`meetings.organization in (${sql.join(org.names)})` : sql`0 = 1`;
    // Uncorrelated, so it runs once, not once per decision.
    const byAssignee =
      org.ids.length > 0
        ? sql`decisions.id in (select a.decision_id from assignment_assignees aa
                join assignments a on a.id = aa.assignment_id where aa.organisation_id in (${sql.join(org.ids)}))`
        : sql`0 = 1`;
    parts.push(sql`(${byName} or ${byAssignee})`);
  }
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** Decisions in the scope, newest meeting first, in agenda order; filtered by kind and organisation. */
export async function decisionPage(
  session: ArchiveSession,
  scope: MeetingScope,
  filter: DecisionFilter,
  page: { limit: number; offset: number; order: Order; cache?: object },
  base: string,
): Promise<Paged<DecisionSummary>> {
  if (isEmptyScope(scope)) return EMPTY;
  const org = filter.organisation ? await resolveOrganisationRef(session, filter.organisation) : undefined;
  if (org && org.names.length === 0 && org.ids.length === 0) return EMPTY;
  const conditions = decisionConditions(filter, org);
  const total = await countOf(
    session,
    needsMeetings(scope) || org
      ? sql`select count(*) as n from decisions join meetings on meetings.id = decisions.meeting_id
            where ${scopeCondition(scope)} and ${conditions}`
      : sql`select count(*) as n from decisions where ${scopeCondition(scope, 'decisions.meeting_id')} and ${conditions}`,
    page.cache,
  );
  const dir = direction(page.order);
  const ids = await pageIds(
    session,
    sql`select decisions.id as id from meetings cross join decisions on decisions.meeting_id = meetings.id
        join items on items.id = decisions.item_id
        where ${scopeCondition(scope)} and ${conditions}
        order by meetings.date ${dir}, meetings.id ${dir}, items.position, decisions.position
        limit ${page.limit} offset ${page.offset}`,
  );
  if (ids.length === 0) return { total, rows: [] };
  const rows = await session.db
    .selectFrom('decisions')
    .innerJoin('items', 'items.id', 'decisions.itemId')
    .innerJoin('meetings', 'meetings.id', 'decisions.meetingId')
    .select([
      'decisions.id',
      'decisions.meetingId',
      'decisions.itemId',
      'meetings.date',
      'meetings.body',
      'meetings.organization',
      'items.number as itemNumber',
      'items.title as itemTitle',
      'decisions.kind',
      'decisions.text',
    ])
    .select((eb) =>
      eb
        .selectFrom('assignments')
        .select(eb.fn.countAll<number>().as('n'))
        // The meeting first: assignments are indexed by meeting, not by decision.
        .whereRef('assignments.meetingId', '=', 'decisions.meetingId')
        .whereRef('assignments.decisionId', '=', 'decisions.id')
        .as('assignments'),
    )
    .where('decisions.id', 'in', ids)
    .execute();
  return {
    total,
    rows: inOrder(ids, rows).map((r) => ({
      ...r,
      kind: r.kind as DecisionKind,
      assignments: Number(r.assignments),
      links: {
        self: `${base}/decisions/${r.id}`,
        item: `${base}/items/${r.itemId}`,
        meeting: `${base}/meetings/${r.meetingId}`,
      },
    })),
  };
}
