import { sql } from 'kysely';
import type { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { matchKey } from '../../domain/match-keys.js';
import type { ArchiveSession } from '../../store/ports.js';
import type { Paged } from './read-meetings.js';
import type {
  OrganisationDetailSchema,
  OrganisationSummarySchema,
  PersonDetailSchema,
  PersonSummarySchema,
} from './schemas.js';

/*
 * Read models of the person and organisation registries for the API. Names are matched folded (case and accents
 * ignored, "crespin" finds Crespín) in memory: the registries hold people and organisations, not protocols, and
 * stay small next to the archive.
 */

type PersonSummary = z.infer<typeof PersonSummarySchema>;
type PersonDetail = z.infer<typeof PersonDetailSchema>;
type OrganisationSummary = z.infer<typeof OrganisationSummarySchema>;
type OrganisationDetail = z.infer<typeof OrganisationDetailSchema>;

/** The API answers the public: counts and dates are over published meetings (`meetings` joined). */
const PUBLISHED = sql<boolean>`not exists (select 1 from meeting_publication mp
  where mp.meeting_id = meetings.id and mp.published = 0)`;

async function personStats(session: ArchiveSession, ids: string[]) {
  if (ids.length === 0)
    return new Map<string, { meetings: number; firstDate: string | null; lastDate: string | null }>();
  const rows = await session.db
    .selectFrom('participants')
    .innerJoin('meetings', 'meetings.id', 'participants.meetingId')
    .select((eb) => [
      'participants.personId',
      eb.fn.count<number>('participants.meetingId').distinct().as('meetings'),
      eb.fn.min('meetings.date').as('firstDate'),
      eb.fn.max('meetings.date').as('lastDate'),
    ])
    .where('participants.personId', 'in', ids)
    .where(PUBLISHED)
    .groupBy('participants.personId')
    .execute();
  return new Map(
    rows.map((r) => [
      r.personId!,
      { meetings: Number(r.meetings), firstDate: r.firstDate as string | null, lastDate: r.lastDate as string | null },
    ]),
  );
}

/** A person the public may see: listed at a published meeting (as the web's person list has it). */
const LISTED_PUBLICLY = sql<boolean>`exists (select 1 from participants pa join meetings on meetings.id = pa.meeting_id
  where pa.person_id = p.id and ${PUBLISHED})`;

/** The persons the public may see; someone named only in hidden meetings is neither listed nor found by id. */
async function visiblePersons(session: ArchiveSession, id?: string): Promise<Array<{ id: string; name: string }>> {
  const only = id === undefined ? sql`1 = 1` : sql`p.id = ${id}`;
  const rows = await sql<{ id: string; name: string }>`select p.id, p.name from persons p
    where ${only} and ${LISTED_PUBLICLY} order by p.name, p.id`.execute(session.db);
  return rows.rows;
}

/** Persons by name, optionally only those whose name contains `q`, with their meeting span. */
export async function personPage(
  session: ArchiveSession,
  filter: { q?: string },
  page: { limit: number; offset: number },
  base: string,
): Promise<Paged<PersonSummary>> {
  let persons = await visiblePersons(session);
  if (filter.q) {
    const key = matchKey(filter.q);
    persons = persons.filter((p) => matchKey(p.name).includes(key));
  }
  const slice = persons.slice(page.offset, page.offset + page.limit);
  const stats = await personStats(
    session,
    slice.map((p) => p.id),
  );
  return {
    total: persons.length,
    rows: slice.map((p) => ({
      id: p.id,
      name: p.name,
      meetings: stats.get(p.id)?.meetings ?? 0,
      firstDate: stats.get(p.id)?.firstDate ?? null,
      lastDate: stats.get(p.id)?.lastDate ?? null,
      links: { self: `${base}/persons/${p.id}` },
    })),
  };
}

/** One person with every spelling and their memberships over time (organisation, role, first and last meeting). */
export async function personDetail(session: ArchiveSession, personId: string, base: string): Promise<PersonDetail> {
  const [person] = await visiblePersons(session, personId);
  if (!person) throw new AppError('not-found', `No person ${personId}.`);
  const stats = (await personStats(session, [person.id])).get(person.id);
  const orgs = new Map((await session.organisations.list()).map((o) => [o.id, o]));
  return {
    id: person.id,
    name: person.name,
    meetings: stats?.meetings ?? 0,
    firstDate: stats?.firstDate ?? null,
    lastDate: stats?.lastDate ?? null,
    links: { self: `${base}/persons/${person.id}` },
    spellings: await session.persons.spellings(person.id),
    memberships: (await session.memberships.forPerson(person.id, { publishedOnly: true })).map((m) => ({
      organisationId: m.organisationId,
      organisation: orgs.get(m.organisationId)?.name ?? m.organisationId,
      organisationKind: orgs.get(m.organisationId)?.kind ?? 'other',
      role: m.role,
      firstMeetingId: m.firstMeetingId,
      firstDate: m.firstDate,
      lastMeetingId: m.lastMeetingId,
      lastDate: m.lastDate,
      meetings: Number(m.meetings),
      present: Number(m.present),
    })),
  };
}

/** Organisations by kind and name, optionally of one kind or with `q` in the name. */
export async function organisationPage(
  session: ArchiveSession,
  filter: { q?: string; kind?: string },
  page: { limit: number; offset: number },
  base: string,
): Promise<Paged<OrganisationSummary>> {
  let rows = await session.organisations.list();
  if (filter.kind) rows = rows.filter((o) => o.kind === filter.kind);
  if (filter.q) {
    const key = matchKey(filter.q);
    rows = rows.filter((o) => matchKey(o.name).includes(key));
  }
  return {
    total: rows.length,
    rows: rows.slice(page.offset, page.offset + page.limit).map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      code: o.code,
      parentId: o.parentId,
      links: { self: `${base}/organisations/${o.id}` },
    })),
  };
}

/**
 * One organisation with its representatives over time and its attendance: the meetings (with attendance lists)
 * where someone of it was present, as a share of all such meetings — the rate `protokoll stats` gives a
 * municipality — optionally within one year.
 */
export async function organisationDetail(
  session: ArchiveSession,
  organisationId: string,
  year: number | undefined,
  base: string,
): Promise<OrganisationDetail> {
  const org = await session.organisations.get(organisationId);
  if (!org) throw new AppError('not-found', `No organisation ${organisationId}.`);
  const parent = org.parentId ? await session.organisations.get(org.parentId) : undefined;
  const memberships = await session.memberships.forOrganisation(org.id, { publishedOnly: true });
  const personIds = [...new Set(memberships.map((m) => m.personId))];
  const names = new Map(
    personIds.length === 0
      ? []
      : (await session.db.selectFrom('persons').select(['id', 'name']).where('id', 'in', personIds).execute()).map(
          (p) => [p.id, p.name],
        ),
  );
  const { db } = session;
  let attended = db
    .selectFrom('participants')
    .innerJoin('meetings', 'meetings.id', 'participants.meetingId')
    .select(['participants.meetingId', 'participants.list'])
    .distinct()
    .where('participants.organisationId', '=', org.id)
    .where('participants.list', 'in', ['present', 'absent'])
    .where(PUBLISHED);
  if (year !== undefined) {
    attended = attended.where('meetings.date', '>=', `${year}-01-01`).where('meetings.date', '<=', `${year}-12-31`);
  }
  const lists = await attended.execute();
  const present = new Set(lists.filter((l) => l.list === 'present').map((l) => l.meetingId));
  const absent = new Set(lists.filter((l) => l.list === 'absent' && !present.has(l.meetingId)).map((l) => l.meetingId));
  const withAttendance = await session.stats.meetingsWithAttendance(year, { publishedOnly: true });
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    code: org.code,
    parentId: org.parentId,
    links: { self: `${base}/organisations/${org.id}` },
    parent: parent ? { id: parent.id, name: parent.name } : null,
    representatives: memberships.map((m) => ({
      personId: m.personId,
      name: names.get(m.personId) ?? m.personId,
      role: m.role,
      firstMeetingId: m.firstMeetingId,
      firstDate: m.firstDate,
      lastMeetingId: m.lastMeetingId,
      lastDate: m.lastDate,
      meetings: Number(m.meetings),
      present: Number(m.present),
    })),
    attendance: {
      year: year ?? null,
      meetingsWithAttendance: withAttendance,
      present: present.size,
      absent: absent.size,
      rate: withAttendance ? Math.round((present.size / withAttendance) * 1000) / 1000 : null,
    },
  };
}
