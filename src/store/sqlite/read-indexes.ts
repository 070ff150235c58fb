import { type Migration, sql } from 'kysely';

/*
 * Indexes for the read side (names 0300 and up): what the web pages and the API ask for a page at a time. Each one
 * costs every import a little, so an index is here only when a measured query needs it.
 */
const readIndexes: Migration = {
  async up(db) {
    // Decisions of one kind: the API's count and page by kind read the index, not the table with its texts.
    await sql`create index decisions_kind_meeting on decisions(kind, meeting_id)`.execute(db);
    // Postponed items (a few percent of all items): the start page's referral list finds them without a scan.
    await sql`create index items_referred on items(meeting_id) where referral_text is not null`.execute(db);
    // A person's attendance by list: the statistics' per-person counts read it without touching the table.
    await sql`create index participants_person_list on participants(person_id, list, meeting_id)`.execute(db);
    await sql`analyze`.execute(db);
  },
};

/** Migrations of the read indexes; part of the archive the CLI and the server open (APP_MIGRATIONS). */
export const READ_INDEX_MIGRATIONS: Readonly<Record<string, Migration>> = { '0300_read_indexes': readIndexes };
