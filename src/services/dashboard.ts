import type { ArchiveStore } from '../store/ports.js';
import {
  type AssignmentSummary,
  type Clock,
  listReferrals,
  newestOpenAssignments,
  type ReferralSummary,
} from './follow-up.js';
import { latestMeetings, type MeetingSummary } from './meetings.js';

export interface Dashboard {
  latest: MeetingSummary[];
  /** The newest open assignments not yet due (at most `assignments` of them). */
  open: AssignmentSummary[];
  /** The newest overdue assignments (at most `assignments` of them). */
  overdue: AssignmentSummary[];
  /** Postponed items that no later item has (confirmedly) taken up. */
  postponed: ReferralSummary[];
}

/**
 * The start page: the latest meetings, the newest open and overdue assignments, and postponed items not yet taken
 * up. Meetings and assignments are read a page at a time, newest first, so they cost the same in any archive.
 */
export async function dashboard(
  store: ArchiveStore,
  options: { clock: Clock; hidden?: ReadonlySet<string>; latest?: number; assignments?: number },
): Promise<Dashboard> {
  const hidden = options.hidden ?? new Set<string>();
  const latest = await latestMeetings(store, { limit: options.latest ?? 5, hidden });
  const { open, overdue } = await newestOpenAssignments(store, {
    clock: options.clock,
    limit: options.assignments ?? 10,
    hidden,
  });
  const postponed = (await listReferrals(store)).filter((r) => r.status !== 'taken-up' && !hidden.has(r.meetingId));
  return {
    latest,
    open,
    overdue,
    postponed: [...postponed].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '')),
  };
}
