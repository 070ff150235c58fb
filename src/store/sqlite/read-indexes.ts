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

/*
 * Meetings newest first with ties by id, as every list pages them (the API's meeting list, the decisions register,
 * assignments): with the id in the index the order is read from it, without a table lookup and a sort per row
 * (page ids at offset 900 of 5,000 meetings: 0.8 ms → 0.02 ms). One index row per protocol.
 */
const meetingsDateId: Migration = {
  async up(db) {
    await sql`create index meetings_date_id on meetings(date, id)`.execute(db);
    await sql`analyze meetings`.execute(db);
  },
};

/*
 * Confirmed follow-up links: an assignment's status (reported) and a postponed item's (taken up) ask only for these,
 * and without an index every such query read all 470,000 links of 100,000 protocols to find the few confirmed ones
 * (0.4–1.5 s for the newest open assignments of the start page). Partial, so the suggestions an import writes by
 * the hundred thousand never touch it: only a secretary's confirmation does.
 */
const confirmedLinks: Migration = {
  async up(db) {
    await sql`create index followup_links_confirmed on followup_links(kind, source_id) where status = 'confirmed'`.execute(
      db,
    );
  },
};

/** Migrations of the read indexes; part of the archive the CLI and the server open (APP_MIGRATIONS). */
export const READ_INDEX_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0300_read_indexes': readIndexes,
  '0301_meetings_date_id': meetingsDateId,
  '0310_followup_links_confirmed': confirmedLinks,
};
