import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { ArchiveSession, ArchiveStore, MeetingFilter } from '../store/ports.js';
import type { AssignmentStatus, MeetingRow } from '../store/schema.js';
import { assignmentStatus } from './follow-up.js';

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
  return store.read(async (session) => {
    const out: MeetingSummary[] = [];
    for (const m of await session.meetings.list(filter)) out.push(await summarize(session, m));
    return out;
  });
}

/**
 * The `limit` newest meetings not in `hidden`, newest first (undated last, ties by id), as `listMeetings` sums them
 * up. Reads the page through the date index instead of summing up the whole archive.
 */
export async function latestMeetings(
  store: ArchiveStore,
  options: { limit: number; hidden?: ReadonlySet<string> },
): Promise<MeetingSummary[]> {
  if (options.limit <= 0) return [];
  return store.read(async (session) => {
    const hidden = [...(options.hidden ?? [])];
    const page = (dated: boolean, limit: number) => {
      let query = session.db.selectFrom('meetings').selectAll();
      if (hidden.length > 0) query = query.where('id', 'not in', hidden);
      // Dated meetings newest first through the date index; then the undated ones, which sort as ''.
      return dated
        ? query.where('date', '>', '').orderBy('date', 'desc').orderBy('id').limit(limit).execute()
        : query.where(sql<boolean>`coalesce(date, '') = ''`).orderBy('id').limit(limit).execute();
    };
    const rows = await page(true, options.limit);
    if (rows.length < options.limit) rows.push(...(await page(false, options.limit - rows.length)));
    const out: MeetingSummary[] = [];
    for (const m of rows) out.push(await summarize(session, m));
    return out;
  });
}

async function summarize(session: ArchiveSession, m: MeetingRow): Promise<MeetingSummary> {
  const bundle = await session.meetings.bundle(m.id);
  return {
    id: m.id,
    body: m.body,
    number: m.number,
    date: m.date,
    place: m.place,
    items: bundle?.items.length ?? 0,
    decisions: bundle?.decisions.length ?? 0,
    present: bundle?.participants.filter((p) => p.list === 'present').length ?? 0,
    documents: (await session.documents.listForMeeting(m.id)).length,
    flags: [...new Set((await session.flags.list({ meetingId: m.id })).map((f) => f.kind))],
  };
}

async function findMeeting(session: ArchiveSession, ref: string) {
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
  return store.read(async (session) => {
    const meeting = await findMeeting(session, ref);
    const bundle = (await session.meetings.bundle(meeting.id))!;
    const orgs = new Map((await session.organisations.list()).map((o) => [o.id, o.name]));
    const assignments = await session.assignments.forMeeting(meeting.id);
    const documents = await session.documents.listForMeeting(meeting.id);
    const primary = documents.find((d) => d.status === 'primary');
    const statusOf = new Map<string, AssignmentStatus>();
    for (const a of assignments) {
      const links = (await session.followUps.list({ kind: 'report-back', sourceId: a.id })).filter(
        (l) => l.status !== 'rejected',
      );
      statusOf.set(a.id, assignmentStatus(a, links));
    }
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
  });
}
