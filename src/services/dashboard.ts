import type { ArchiveStore } from '../store/ports.js';
import {
  type AssignmentList,
  type AssignmentSummary,
  assignmentListCounts,
  type Clock,
  newestOpenAssignments,
  postponedPage,
  type ReferralSummary,
} from './follow-up.js';
import { latestMeetings, type MeetingSummary } from './meetings.js';

export interface Dashboard {
  latest: MeetingSummary[];
  /** The newest open assignments not yet due (at most `assignments` of them). */
  open: AssignmentSummary[];
  /** The newest overdue assignments (at most `assignments` of them). */
  overdue: AssignmentSummary[];
  /** The newest postponed items that no later item has (confirmedly) taken up (at most `postponed` of them). */
  postponed: ReferralSummary[];
  /** How many there are in all, for the links to the full lists. */
  counts: Record<AssignmentList, number> & { postponed: number };
}

/**
 * The start page: the latest meetings, the newest open and overdue assignments, and postponed items not yet taken
 * up, each list capped, with the totals. Lists are read a page at a time, newest first, so they cost the same in
 * any archive; the totals are one aggregate each. With `publishedOnly`, meetings hidden from the public are left
 * out of everything.
 */
export async function dashboard(
  store: ArchiveStore,
  options: {
    clock: Clock;
    publishedOnly?: boolean;
    hidden?: ReadonlySet<string>;
    latest?: number;
    assignments?: number;
    postponed?: number;
  },
): Promise<Dashboard> {
  const hidden = options.hidden ?? new Set<string>();
  const publishedOnly = options.publishedOnly ?? false;
  const latest = await latestMeetings(store, { limit: options.latest ?? 10, hidden, publishedOnly });
  const { open, overdue } = await newestOpenAssignments(store, {
    clock: options.clock,
    limit: options.assignments ?? 20,
    hidden,
    publishedOnly,
  });
  const postponed = await postponedPage(store, { limit: options.postponed ?? 20, offset: 0, publishedOnly });
  const counts = await assignmentListCounts(store, { clock: options.clock, publishedOnly });
  return {
    latest,
    open,
    overdue,
    postponed: postponed.rows.filter((r) => !hidden.has(r.meetingId)),
    counts: { ...counts, postponed: postponed.total },
  };
}
