import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { ArchiveSession, ArchiveStore, MeetingFilter } from '../store/ports.js';
import type { AssignmentStatus, MeetingRow } from '../store/schema.js';
import { type ReferralSummary, sessionMeetingReferrals, statusWithReportBack } from './follow-up.js';

export interface MeetingSummary {
  id: string;
  body: string | null;
  number: string | null;
  date: string | null;
  place: string | null;
  items: number;
  decisions: number;
  present: number;
  documents: number;
  flags: string[];
}

export interface MeetingDetail {
  id: string;
  body: string | null;
  organization: string | null;
  number: string | null;
  date: string | null;
  start: string | null;
  end: string | null;
  place: string | null;
  attendance: Array<{
    list: string;
    name: string;
    personId: string | null;
    organisation: string | null;
    organisationId: string | null;
    role: string | null;
    from: string | null;
    to: string | null;
    note: string | null;
  }>;
  items: Array<{
    id: string;
    number: string | null;
    title: string;
    presenters: string[];
    text: string;
    referral: { to: string | null; date: string | null; text: string | null } | null;
    decisions: Array<{
      id: string;
      kind: string;
      text: string;
      assignments: Array<{
        id: string;
        assignees: string[];
        task: string;
        due: string | null;
        status: AssignmentStatus;
      }>;
    }>;
  }>;
  adjournments: Array<{ from: string | null; to: string | null }>;
  signatures: Array<{ role: string; title: string | null; name: string | null; personId: string | null }>;
  documents: Array<{ id: string; name: string; sha256: string; format: string; status: string; parserVersion: string }>;
  warnings: Array<{ code: string; message: string; line: number | null }>;
  flags: Array<{ id: string; kind: string; subjectId: string; details: unknown }>;
}

/** Meetings in date order with counts, optionally for one year or body. */
export async function listMeetings(store: ArchiveStore, filter: MeetingFilter = {}): Promise<MeetingSummary[]> {
  return store.read(async (session) => summarize(session, await session.meetings.list(filter)));
}

/** Meetings `m` the viewer may see: with `publishedOnly`, not hidden from the public. */
function visible(publishedOnly: boolean | undefined) {
  return publishedOnly
    ? sql<boolean>`not exists (select 1 from meeting_publication mp where mp.meeting_id = m.id and mp.published = 0)`
    : sql<boolean>`1 = 1`;
}

/**
 * The `limit` newest meetings not in `hidden` (and, with `publishedOnly`, not hidden from the public), newest first
 * (undated last, ties by id), as `listMeetings` sums them up. Reads the page through the date index instead of
 * summing up the whole archive.
 */
export async function latestMeetings(
  store: ArchiveStore,
  options: { limit: number; hidden?: ReadonlySet<string>; publishedOnly?: boolean },
): Promise<MeetingSummary[]> {
  if (options.limit <= 0) return [];
  return store.read(async (session) => {
    const hidden = [...(options.hidden ?? [])];
    const notHidden = hidden.length > 0 ? sql`m.id not in (${sql.join(hidden)})` : sql`1 = 1`;
    const page = async (dated: boolean, limit: number) => {
      // Dated meetings newest first through the date index; then the undated ones, which sort as ''.
      const { rows } = await sql<MeetingRow>`
        select ${sql.raw(MEETING_COLUMNS)} from meetings m
        where ${notHidden} and ${visible(options.publishedOnly)}
          and ${dated ? sql`m.date > ''` : sql`coalesce(m.date, '') = ''`}
        order by ${dated ? sql`m.date desc, m.id` : sql`m.id`} limit ${limit}`.execute(session.db);
      return rows;
    };
    const rows = await page(true, options.limit);
    if (rows.length < options.limit) rows.push(...(await page(false, options.limit - rows.length)));
    return summarize(session, rows);
  });
}

/**
 * One page of the meetings, newest first (undated last), optionally of one year or body, with the number of
 * meetings matching: read through the meetings' (date, id) index, so a page costs its rows.
 */
export async function meetingListPage(
  store: ArchiveStore,
  options: { year?: number; body?: string; publishedOnly?: boolean; limit: number; offset: number },
): Promise<{ rows: MeetingSummary[]; total: number }> {
  return store.read(async (session) => {
    const where = sql.join(
      [
        visible(options.publishedOnly),
        options.year === undefined
          ? sql`1 = 1`
          : sql`m.date >= ${`${options.year}-01-01`} and m.date <= ${`${options.year}-12-31`}`,
        options.body === undefined ? sql`1 = 1` : sql`m.body = ${options.body}`,
      ],
      sql` and `,
    );
    const { rows: count } = await sql<{ n: number }>`select count(*) as n from meetings m where ${where}`.execute(
      session.db,
    );
    const { rows } = await sql<MeetingRow>`
      select ${sql.raw(MEETING_COLUMNS)} from meetings m where ${where}
      order by m.date desc, m.id desc limit ${Math.max(0, options.limit)} offset ${Math.max(0, options.offset)}`.execute(
      session.db,
    );
    return { rows: await summarize(session, rows), total: Number(count[0]?.n ?? 0) };
  });
}

/** The years and bodies the meeting list can be filtered by (of visible meetings), newest year first. */
export async function meetingFilterOptions(
  store: ArchiveStore,
  options: { publishedOnly?: boolean },
): Promise<{ years: string[]; bodies: string[] }> {
  return store.read(async (session) => {
    const { rows: years } = await sql<{ v: string }>`
      select distinct substr(m.date, 1, 4) as v from meetings m
      where m.date is not null and m.date <> '' and ${visible(options.publishedOnly)}`.execute(session.db);
    const { rows: bodies } = await sql<{ v: string }>`
      select distinct m.body as v from meetings m
      where m.body is not null and m.body <> '' and ${visible(options.publishedOnly)}`.execute(session.db);
    const collator = new Intl.Collator('sv');
    return {
      years: years.map((r) => r.v).sort((a, b) => b.localeCompare(a)),
      bodies: bodies.map((r) => r.v).sort(collator.compare),
    };
  });
}

const MEETING_COLUMNS = `m.id as id, m.natural_key as "naturalKey", m.document_id as "documentId", m.body as body,
  m.organization as organization, m.number as number, m.date as date, m.start_time as "startTime",
  m.end_time as "endTime", m.place as place`;

/** Counts for many meetings in a fixed number of queries (in chunks, under SQLite's limit of bound values). */
async function summarize(session: ArchiveSession, meetings: readonly MeetingRow[]): Promise<MeetingSummary[]> {
  const counts = new Map<string, { items: number; decisions: number; present: number; documents: number }>();
  const flags = new Map<string, string[]>();
  for (let at = 0; at < meetings.length; at += 500) {
    const ids = meetings.slice(at, at + 500).map((m) => m.id);
    const { rows } = await sql<{ id: string; items: number; decisions: number; present: number; documents: number }>`
      select m.id as id,
        (select count(*) from items i where i.meeting_id = m.id) as items,
        (select count(*) from decisions d where d.meeting_id = m.id) as decisions,
        (select count(*) from participants p where p.meeting_id = m.id and p.list = 'present') as present,
        (select count(*) from documents doc where doc.meeting_id = m.id) as documents
      from meetings m where m.id in (${sql.join(ids)})`.execute(session.db);
    for (const r of rows) {
      counts.set(r.id, {
        items: Number(r.items),
        decisions: Number(r.decisions),
        present: Number(r.present),
        documents: Number(r.documents),
      });
    }
    const { rows: kinds } = await sql<{ meetingId: string; kind: string }>`
      select meeting_id as "meetingId", kind from flags where meeting_id in (${sql.join(ids)})
      order by meeting_id, id`.execute(session.db);
    for (const f of kinds) flags.set(f.meetingId, [...(flags.get(f.meetingId) ?? []), f.kind]);
  }
  return meetings.map((m) => ({
    id: m.id,
    body: m.body,
    number: m.number,
    date: m.date,
    place: m.place,
    items: counts.get(m.id)?.items ?? 0,
    decisions: counts.get(m.id)?.decisions ?? 0,
    present: counts.get(m.id)?.present ?? 0,
    documents: counts.get(m.id)?.documents ?? 0,
    flags: [...new Set(flags.get(m.id) ?? [])],
  }));
}

async function findMeeting(session: ArchiveSession, ref: string) {
  // A full id is the common case (every link): one primary-key lookup, not a prefix scan.
  const byId = await session.meetings.get(ref);
  if (byId) return byId;
  const matches = await session.meetings.findByIdPrefix(ref);
  const exact = matches.find((m) => m.id === ref);
  if (exact) return exact;
  if (matches.length === 1) return matches[0]!;
  if (/^\d{4}-\d{2}-\d{2}$/.test(ref)) {
    const onDate = await session.meetings.list({ from: ref, to: ref });
    if (onDate.length === 1) return onDate[0]!;
    if (onDate.length > 1) throw new AppError('conflict', `${onDate.length} meetings on ${ref}; use an id.`);
  }
  if (matches.length > 1)
    throw new AppError('conflict', `${ref} matches ${matches.length} meetings; give more of the id.`);
  throw new AppError('not-found', `No meeting ${ref} (give an id, an id prefix or a date YYYY-MM-DD).`);
}

/** One meeting in full: attendance with registry ids, items with decisions and assignment status, documents, flags. */
export async function showMeeting(store: ArchiveStore, ref: string): Promise<MeetingDetail> {
  return store.read(async (session) => meetingDetail(session, await findMeeting(session, ref)));
}

/**
 * What the meeting page shows, in one read: the meeting as `showMeeting` has it, its postponed items and whether
 * it is published; undefined for an unknown id.
 */
export async function meetingPageData(
  store: ArchiveStore,
  id: string,
): Promise<{ meeting: MeetingDetail; referrals: ReferralSummary[]; published: boolean } | undefined> {
  return store.read(async (session) => {
    const row = await session.meetings.get(id);
    if (!row) return undefined;
    return {
      meeting: await meetingDetail(session, row),
      referrals: await sessionMeetingReferrals(session, id),
      published: await session.publication.isPublished(id),
    };
  });
}

async function meetingDetail(session: ArchiveSession, meeting: MeetingRow): Promise<MeetingDetail> {
  const bundle = (await session.meetings.bundle(meeting.id))!;
  const orgIds = [...new Set(bundle.participants.flatMap((p) => (p.organisationId ? [p.organisationId] : [])))];
  const orgs = new Map(
    orgIds.length === 0
      ? []
      : (await session.db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', orgIds).execute()).map(
          (o) => [o.id, o.name],
        ),
  );
  const assignments = await session.assignments.forMeeting(meeting.id);
  // The columns the page shows, not the documents' text and protokoll/1 JSON (tens of kilobytes each).
  const documents = await session.db
    .selectFrom('documents')
    .select(['id', 'name', 'sha256', 'format', 'status', 'parserVersion'])
    .where('meetingId', '=', meeting.id)
    .orderBy('importedAt')
    .orderBy('id')
    .execute();
  const primary = documents.find((d) => d.status === 'primary');
  // A status needs only whether a report-back is confirmed: one read of the confirmed links' index for all of
  // them, not every suggestion of each assignment with its evidence.
  const reported =
    assignments.length === 0
      ? new Set<string>()
      : new Set(
          (
            await session.db
              .selectFrom('followupLinks')
              .select('sourceId')
              .where('kind', '=', 'report-back')
              .where('status', '=', 'confirmed')
              .where(
                'sourceId',
                'in',
                assignments.map((a) => a.id),
              )
              .execute()
          ).map((l) => l.sourceId),
        );
  const statusOf = new Map<string, AssignmentStatus>(
    assignments.map((a) => [a.id, statusWithReportBack(a, reported.has(a.id))]),
  );
  return {
    id: meeting.id,
    body: meeting.body,
    organization: meeting.organization,
    number: meeting.number,
    date: meeting.date,
    start: meeting.startTime,
    end: meeting.endTime,
    place: meeting.place,
    attendance: bundle.participants.map((p) => ({
      list: p.list,
      name: p.name,
      personId: p.personId,
      organisation: p.organisationId ? (orgs.get(p.organisationId) ?? p.organization) : p.organization,
      organisationId: p.organisationId,
      role: p.role,
      from: p.fromTime,
      to: p.toTime,
      note: p.note,
    })),
    items: bundle.items.map((i) => ({
      id: i.id,
      number: i.number,
      title: i.title,
      presenters: JSON.parse(i.presentersJson) as string[],
      text: i.text,
      referral: i.referralText === null ? null : { to: i.referralTo, date: i.referralDate, text: i.referralText },
      decisions: bundle.decisions
        .filter((d) => d.itemId === i.id)
        .map((d) => ({
          id: d.id,
          kind: d.kind,
          text: d.text,
          assignments: assignments
            .filter((a) => a.decisionId === d.id)
            .map((a) => ({
              id: a.id,
              assignees: a.assignees.map((x) => x.name),
              task: a.task,
              due: a.due,
              status: statusOf.get(a.id) ?? 'open',
            })),
        })),
    })),
    adjournments: bundle.adjournments.map((a) => ({ from: a.fromTime, to: a.toTime })),
    signatures: bundle.signatures.map((s) => ({ role: s.role, title: s.title, name: s.name, personId: s.personId })),
    documents: documents.map((d) => ({
      id: d.id,
      name: d.name,
      sha256: d.sha256,
      format: d.format,
      status: d.status,
      parserVersion: d.parserVersion,
    })),
    warnings: primary
      ? (await session.documents.warnings(primary.id)).map(({ code, message, line }) => ({ code, message, line }))
      : [],
    flags: (await session.flags.list({ meetingId: meeting.id })).map((f) => ({
      id: f.id,
      kind: f.kind,
      subjectId: f.subjectId,
      details: JSON.parse(f.detailsJson),
    })),
  };
}
