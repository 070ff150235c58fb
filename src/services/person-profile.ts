import { sql } from 'kysely';
import { matchKey } from '../domain/match-keys.js';
import type { ArchiveStore } from '../store/ports.js';
import { type AssignmentSummary, type Clock, listAssignments, systemClock } from './follow-up.js';
import { type PersonDetail, showPerson } from './resolve-people.js';

export interface Presentation {
  meetingId: string;
  date: string | null;
  itemId: string;
  itemNumber: string | null;
  itemTitle: string;
  /** The presenter line as written ("Carina Leffler, Stadsdirektör"). */
  as: string;
}

export interface PersonProfile extends PersonDetail {
  assignments: AssignmentSummary[];
  presentations: Presentation[];
}

/**
 * A person's page: memberships over time, attendance, the assignments given to them and the items they presented.
 * Presenters are stored as written, so they are matched by any known spelling of the person's name. Meetings in
 * `hidden`, and with `publishedOnly` every meeting hidden from the public, are left out of all of it (the
 * memberships are then counted over published meetings).
 */
export async function personProfile(
  store: ArchiveStore,
  ref: string,
  options: { clock?: Clock; hidden?: ReadonlySet<string>; publishedOnly?: boolean } = {},
): Promise<PersonProfile> {
  const hidden = options.hidden ?? new Set<string>();
  const person = await showPerson(store, ref);
  // Only the meetings where the person was given something, not the whole archive.
  const assignmentMeetings = await store.read(async (session) =>
    (
      await session.db
        .selectFrom('assignmentAssignees')
        .innerJoin('assignments', 'assignments.id', 'assignmentAssignees.assignmentId')
        .select('assignments.meetingId')
        .distinct()
        .where('assignmentAssignees.personId', '=', person.id)
        .execute()
    ).map((r) => r.meetingId),
  );
  const assignments: AssignmentSummary[] = [];
  for (const meetingId of assignmentMeetings) {
    if (hidden.has(meetingId)) continue;
    const listed = await listAssignments(store, { meetingId }, options.clock ?? systemClock);
    assignments.push(...listed.filter((a) => a.assignees.some((x) => x.personId === person.id)));
  }
  assignments.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  if (options.publishedOnly) {
    const names = new Map(person.memberships.map((m) => [m.organisationId, m]));
    const visible = await store.read((session) => session.memberships.forPerson(person.id, { publishedOnly: true }));
    person.memberships = visible.map((m) => ({
      ...m,
      organisation: names.get(m.organisationId)?.organisation ?? m.organisationId,
      organisationKind: names.get(m.organisationId)?.organisationKind ?? 'other',
    }));
  }
  const keys = [...new Set([person.name, ...person.spellings].map(matchKey))].filter((k) => k.length > 0);
  const meetingIds = [...new Set(person.attendance.map((a) => a.meetingId))];
  const presentations = await store.read(async (session) => {
    const out: Presentation[] = [];
    // A presenter usually also attends; guests are in the attendance lists too, so these meetings suffice.
    for (const meetingId of meetingIds) {
      if (hidden.has(meetingId)) continue;
      const meeting = await session.meetings.get(meetingId);
      for (const item of await session.meetings.items(meetingId)) {
        for (const presenter of JSON.parse(item.presentersJson) as string[]) {
          const key = ` ${matchKey(presenter)} `;
          if (keys.some((k) => key.includes(` ${k} `))) {
            out.push({
              meetingId,
              date: meeting?.date ?? null,
              itemId: item.id,
              itemNumber: item.number,
              itemTitle: item.title,
              as: presenter,
            });
          }
        }
      }
    }
    return out.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  });
  return {
    ...person,
    attendance: person.attendance.filter((a) => !hidden.has(a.meetingId)),
    assignments,
    presentations,
  };
}

/** A line of the person list: name, organisations sat for, number of meetings and the years they span. */
export interface PersonListRow {
  id: string;
  name: string;
  organisations: string[];
  meetings: number;
  firstDate: string | null;
  lastDate: string | null;
}

/**
 * One page of the persons, by name (Swedish order), with the number of persons: the registry's names sorted in
 * memory (the registry stays small next to the archive), the counts in SQL for the page only. With
 * `publishedOnly`, only persons listed at a published meeting, counted over published meetings.
 */
export async function personListPage(
  store: ArchiveStore,
  options: { publishedOnly?: boolean; limit: number; offset: number },
): Promise<{ rows: PersonListRow[]; total: number }> {
  const seen = options.publishedOnly
    ? sql`not exists (select 1 from meeting_publication mp where mp.meeting_id = m.id and mp.published = 0)`
    : sql`1 = 1`;
  return store.read(async (session) => {
    const { rows: persons } = options.publishedOnly
      ? await sql<{ id: string; name: string }>`
          select p.id as id, p.name as name from persons p where exists (select 1 from participants pa
            join meetings m on m.id = pa.meeting_id where pa.person_id = p.id and ${seen})`.execute(session.db)
      : await sql<{ id: string; name: string }>`select id, name from persons`.execute(session.db);
    const collator = new Intl.Collator('sv');
    persons.sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
    const slice = persons.slice(options.offset, options.offset + options.limit);
    if (slice.length === 0) return { rows: [], total: persons.length };
    const ids = slice.map((p) => p.id);
    const { rows: counts } = await sql<{ id: string; meetings: number; first: string | null; last: string | null }>`
      select pa.person_id as id, count(distinct pa.meeting_id) as meetings, min(m.date) as first, max(m.date) as last
      from participants pa join meetings m on m.id = pa.meeting_id
      where pa.person_id in (${sql.join(ids)}) and ${seen} group by pa.person_id`.execute(session.db);
    const { rows: orgs } = await sql<{ id: string; name: string }>`
      select pa.person_id as id, o.name as name
      from participants pa join meetings m on m.id = pa.meeting_id join organisations o on o.id = pa.organisation_id
      where pa.person_id in (${sql.join(ids)}) and ${seen}
      group by pa.person_id, o.id, o.name order by pa.person_id, min(m.date), o.id`.execute(session.db);
    const countOf = new Map(counts.map((r) => [r.id, r]));
    const orgsOf = new Map<string, string[]>();
    for (const o of orgs) orgsOf.set(o.id, [...(orgsOf.get(o.id) ?? []), o.name]);
    return {
      total: persons.length,
      rows: slice.map((p) => ({
        id: p.id,
        name: p.name,
        organisations: [...new Set(orgsOf.get(p.id) ?? [])],
        meetings: Number(countOf.get(p.id)?.meetings ?? 0),
        firstDate: countOf.get(p.id)?.first ?? null,
        lastDate: countOf.get(p.id)?.last ?? null,
      })),
    };
  });
}
