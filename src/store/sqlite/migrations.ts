import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { matchKey, stableId } from '../../domain/match-keys.js';
import { knownOrganisations } from '../../domain/organisations.js';

/*
 * Migrations live in code so the package ships no loose SQL files. Names sort: 0001–0099 belong to the archive,
 * 0100 and up to full-text search, 0200 and up to accounts and publication (account-migrations.ts); the last two
 * are passed in through `openSqliteStore({ migrations })`. A migration, once released, never changes: add a new one.
 */

async function exec(db: Kysely<unknown>, statements: string): Promise<void> {
  for (const statement of statements.split(/;\s*\n/)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

const archive: Migration = {
  async up(db) {
    await exec(
      db,
      `
create table organisations (
  id text primary key,
  name text not null,
  kind text not null,
  code text,
  parent_id text references organisations(id) on delete set null,
  created_at text not null
);
create table organisation_variants (
  match_key text primary key,
  organisation_id text not null references organisations(id) on delete cascade
);
create table persons (
  id text primary key,
  name text not null,
  created_at text not null
);
create table person_aliases (
  match_key text not null,
  organisation_id text not null default '',
  person_id text not null references persons(id) on delete cascade,
  spelling text not null,
  source text not null check (source in ('auto', 'manual')),
  primary key (match_key, organisation_id)
);
create index person_aliases_person on person_aliases(person_id);
create table meetings (
  id text primary key,
  natural_key text not null unique,
  document_id text not null,
  body text,
  organization text,
  number text,
  date text,
  start_time text,
  end_time text,
  place text
);
create index meetings_date on meetings(date);
create index meetings_body_date on meetings(body, date);
create table documents (
  id text primary key,
  sha256 text not null unique,
  name text not null,
  format text not null,
  bytes blob not null,
  text text not null,
  document_json text not null,
  parser_version text not null,
  meeting_id text references meetings(id) on delete set null,
  status text not null check (status in ('primary', 'duplicate')),
  imported_at text not null,
  updated_at text not null
);
create index documents_meeting on documents(meeting_id);
create table participants (
  id text primary key,
  meeting_id text not null references meetings(id) on delete cascade,
  list text not null check (list in ('present', 'absent', 'guest')),
  position integer not null,
  name text not null,
  organization text,
  role text,
  from_time text,
  to_time text,
  note text,
  is_group integer not null default 0,
  person_id text references persons(id) on delete set null,
  organisation_id text references organisations(id) on delete set null
);
create index participants_meeting on participants(meeting_id);
create index participants_person on participants(person_id);
create index participants_organisation on participants(organisation_id);
create table items (
  id text primary key,
  meeting_id text not null references meetings(id) on delete cascade,
  position integer not null,
  natural_key text not null,
  number text,
  title text not null,
  text text not null,
  presenters_json text not null,
  referral_to text,
  referral_date text,
  referral_text text
);
create index items_meeting on items(meeting_id);
create table decisions (
  id text primary key,
  item_id text not null references items(id) on delete cascade,
  meeting_id text not null references meetings(id) on delete cascade,
  position integer not null,
  text text not null,
  kind text not null
);
create index decisions_meeting on decisions(meeting_id);
create index decisions_item on decisions(item_id);
create table assignments (
  id text primary key,
  decision_id text not null references decisions(id) on delete cascade,
  item_id text not null references items(id) on delete cascade,
  meeting_id text not null references meetings(id) on delete cascade,
  position integer not null,
  task text not null,
  due text,
  due_text text
);
create index assignments_meeting on assignments(meeting_id);
create table assignment_assignees (
  assignment_id text not null references assignments(id) on delete cascade,
  position integer not null,
  name text not null,
  person_id text references persons(id) on delete set null,
  organisation_id text references organisations(id) on delete set null,
  primary key (assignment_id, position)
);
create index assignees_person on assignment_assignees(person_id);
create table signatures (
  meeting_id text not null references meetings(id) on delete cascade,
  position integer not null,
  role text not null,
  title text,
  name text,
  person_id text references persons(id) on delete set null,
  primary key (meeting_id, position)
);
create table adjournments (
  meeting_id text not null references meetings(id) on delete cascade,
  position integer not null,
  from_time text,
  to_time text,
  primary key (meeting_id, position)
);
create table warnings (
  document_id text not null references documents(id) on delete cascade,
  position integer not null,
  code text not null,
  message text not null,
  line integer,
  primary key (document_id, position)
);
create view memberships as
  select p.person_id as person_id,
         p.organisation_id as organisation_id,
         case when p.list = 'guest' then coalesce(p.role, 'guest') else 'member' end as role,
         (select m2.id from participants p2 join meetings m2 on m2.id = p2.meeting_id
            where p2.person_id = p.person_id and p2.organisation_id = p.organisation_id
            order by m2.date asc limit 1) as first_meeting_id,
         min(m.date) as first_date,
         (select m2.id from participants p2 join meetings m2 on m2.id = p2.meeting_id
            where p2.person_id = p.person_id and p2.organisation_id = p.organisation_id
            order by m2.date desc limit 1) as last_meeting_id,
         max(m.date) as last_date,
         count(distinct p.meeting_id) as meetings,
         count(distinct case when p.list <> 'absent' then p.meeting_id end) as present
  from participants p join meetings m on m.id = p.meeting_id
  where p.person_id is not null and p.organisation_id is not null
  group by p.person_id, p.organisation_id, case when p.list = 'guest' then coalesce(p.role, 'guest') else 'member' end;
-- Manual state below: never cleared by a re-import, keyed by deterministic ids, so no foreign keys.
create table assignment_states (
  assignment_id text primary key,
  status text not null check (status in ('open', 'reported', 'done', 'cancelled')),
  note text,
  changed_at text not null,
  changed_by text not null
);
create table followup_links (
  id text primary key,
  kind text not null check (kind in ('report-back', 'referral')),
  source_id text not null,
  source_meeting_id text not null,
  target_item_id text not null,
  target_meeting_id text not null,
  score real not null,
  evidence_json text not null,
  status text not null check (status in ('suggested', 'confirmed', 'rejected')),
  decided_at text,
  decided_by text,
  note text
);
create index followup_links_source on followup_links(source_id);
create index followup_links_source_meeting on followup_links(source_meeting_id);
create index followup_links_target_meeting on followup_links(target_meeting_id);
create table flags (
  id text primary key,
  kind text not null,
  meeting_id text not null references meetings(id) on delete cascade,
  subject_id text not null,
  details_json text not null
);
create index flags_meeting on flags(meeting_id);
create table corrections (
  target_id text not null,
  field text not null,
  meeting_id text not null,
  value_json text not null,
  created_at text not null,
  created_by text not null,
  primary key (target_id, field)
);
create index corrections_meeting on corrections(meeting_id);
create table audit_log (
  id integer primary key autoincrement,
  at text not null,
  actor text not null,
  action text not null,
  target_id text,
  details_json text not null
)`,
    );
  },
};

const knownOrganisationsMigration: Migration = {
  async up(db) {
    const now = new Date(0).toISOString();
    for (const org of knownOrganisations()) {
      const id = stableId('o', org.key);
      await sql`insert into organisations (id, name, kind, code, parent_id, created_at)
                values (${id}, ${org.name}, ${org.kind}, ${org.code}, null, ${now})`.execute(db);
      for (const key of new Set(org.variants.map(matchKey))) {
        await sql`insert or ignore into organisation_variants (match_key, organisation_id) values (${key}, ${id})`.execute(
          db,
        );
      }
    }
  },
};

/**
 * Assignments by item and by decision: the search filter "open assignments" looks them up for every matching item
 * and decision, and without these it scanned the table each time.
 */
const assignmentIndexes: Migration = {
  async up(db) {
    await exec(
      db,
      `create index if not exists assignments_item on assignments(item_id);
create index if not exists assignments_decision on assignments(decision_id)`,
    );
  },
};

/**
 * Meetings whose follow-up links must be computed again. A large import stores its documents a batch per
 * transaction and queues their meetings here, in the same transaction; the links are computed once at the end, series
 * by series, instead of once per batch over windows that overlap (most of an import's time in a large archive). The
 * queue is durable, so an import killed after a batch leaves the work for the next import to finish.
 */
const relinkQueue: Migration = {
  async up(db) {
    await sql`create table relink_queue (meeting_id text primary key)`.execute(db);
  },
};

/** The archive's migrations, by name. */
export const ARCHIVE_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_archive': archive,
  '0002_known_organisations': knownOrganisationsMigration,
  '0003_assignment_indexes': assignmentIndexes,
  '0004_relink_queue': relinkQueue,
};

/** Serves migrations from memory; Kysely applies them in name order. */
export class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Readonly<Record<string, Migration>>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return { ...this.migrations };
  }
}
