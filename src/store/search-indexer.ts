import type { ArchiveSession } from './ports.js';

/**
 * The hook full-text search plugs into. The import service calls it inside the same transaction that writes a
 * meeting, so the index never disagrees with the archive. `session.meetings.bundle(meetingId)` gives every row
 * to index (meeting, items, decisions, assignments, participants with person and organisation ids);
 * `session.db` reaches the indexer's own tables (SQLite FTS5: migrations numbered 0100 and up).
 */
export interface SearchIndexer {
  /** (Re)indexes the meetings; call it last in a transaction that writes many (see the SQLite adapter). */
  indexMeetings(session: ArchiveSession, meetingIds: readonly string[]): Promise<void>;
  removeMeeting(session: ArchiveSession, meetingId: string): Promise<void>;
}

/** The indexer used until search is plugged in: the archive works without an index. */
export const noSearchIndexer: SearchIndexer = {
  async indexMeetings() {},
  async removeMeeting() {},
};
