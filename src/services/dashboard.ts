import type { ArchiveStore } from '../store/ports.js';
import {
  type AssignmentSummary,
  type Clock,
  listAssignments,
  listReferrals,
  type ReferralSummary,
} from './follow-up.js';
import { listMeetings, type MeetingSummary } from './meetings.js';

export interface Dashboard {
  latest: MeetingSummary[];
  open: AssignmentSummary[];
  overdue: AssignmentSummary[];
  /** Postponed items that no later item has (confirmedly) taken up. */
  postponed: ReferralSummary[];
}

/** The start page: the latest meetings, open and overdue assignments, and postponed items not yet taken up. */
export async function dashboard(
  store: ArchiveStore,
  options: { clock: Clock; hidden?: ReadonlySet<string>; latest?: number },
): Promise<Dashboard> {
  const hidden = options.hidden ?? new Set<string>();
  const meetings = (await listMeetings(store)).filter((m) => !hidden.has(m.id));
  const assignments = (await listAssignments(store, { open: true }, options.clock)).filter(
    (a) => !hidden.has(a.meetingId),
  );
  const postponed = (await listReferrals(store)).filter((r) => r.status !== 'taken-up' && !hidden.has(r.meetingId));
  const newestFirst = <T extends { date: string | null }>(rows: T[]) =>
    [...rows].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  return {
    latest: newestFirst(meetings).slice(0, options.latest ?? 5),
    open: newestFirst(assignments.filter((a) => !a.overdue)),
    overdue: newestFirst(assignments.filter((a) => a.overdue)),
    postponed: newestFirst(postponed),
  };
}
