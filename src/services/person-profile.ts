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
 * Presenters are stored as written, so they are matched by any known spelling of the person's name.
 */
export async function personProfile(
  store: ArchiveStore,
  ref: string,
  options: { clock?: Clock; hidden?: ReadonlySet<string> } = {},
): Promise<PersonProfile> {
  const hidden = options.hidden ?? new Set<string>();
  const person = await showPerson(store, ref);
  const assignments = (await listAssignments(store, {}, options.clock ?? systemClock)).filter(
    (a) => !hidden.has(a.meetingId) && a.assignees.some((x) => x.personId === person.id),
  );
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
