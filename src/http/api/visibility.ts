import type { ArchiveSession } from '../../store/ports.js';

/*
 * What the API shows: published meetings and what belongs to them (the API answers anonymous callers; a secretary
 * hides a meeting through the publication flag). The two functions switch together: `isPublic` for one meeting,
 * `hiddenMeetings` for the lists (left out by `scopeCondition`).
 */

/** Whether an anonymous caller may see this meeting (and its document, items, decisions and assignments). */
export async function isPublic(session: ArchiveSession, meetingId: string): Promise<boolean> {
  return session.publication.isPublished(meetingId);
}

/** The list twin of `isPublic`: the meetings every list leaves out (usually none, so lists pay nothing). */
export async function hiddenMeetings(session: ArchiveSession): Promise<string[]> {
  return session.publication.unpublished();
}
