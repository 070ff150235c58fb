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
