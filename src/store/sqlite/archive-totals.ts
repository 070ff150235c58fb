import { type Migration, sql } from 'kysely';
import type { SqliteStatements } from './statements.js';

/*
 * Archive totals: the counts that statistics, the start page, the assignment lists and the decisions register sum
 * up over the whole archive, kept in one small table so that reading them costs a few rows at any archive size.
 *
 * What a meeting adds to the totals is a query over its own rows (the view `archive_total_contributions`): one for
 * the meeting, its items, postponed items not taken up, decisions by kind, attendance per person and organisation,
 * assignments by status and due date, assignees. Triggers on every table it reads note, before a meeting's rows
 * first change in a transaction, what the meeting contributed until then (as negative rows in
 * `archive_total_changes`) and mark it pending; the store's write ends by adding what the pending meetings
 * contribute now and folding the difference into `archive_totals` (`foldArchiveTotals`). So the totals are always
 * the sum of every meeting's contribution, however the rows were changed (import, re-import, deletion, publication,
 * assignment status, a confirmed link, a person merge), and a write costs the meetings it touches.
 *
 * Each count is kept per scope ('all', and 'public' for meetings not hidden from the public) and per year of the
 * meeting ('' for an undated meeting), and again under year '*' for every year together.
 */

/** What each meeting adds to which count: `counter`, `key` and `detail` name the count, `n` is the amount. */
const CONTRIBUTION_PARTS = `
  select id as meeting_id, 'meetings' as counter, '' as key, '' as detail, 1 as n from meetings
  union all
  select meeting_id, 'items', '', '', count(*) from items group by meeting_id
  union all
  -- Postponed items of dated meetings that no confirmed referral link has taken up (the start page's list).
  select i.meeting_id, 'postponed', '', '', count(*) from items i join meetings m on m.id = i.meeting_id
  where i.referral_text is not null and m.date >= '' and m.date < '9999-12-31'
    and not exists (select 1 from followup_links l
      where l.kind = 'referral' and l.source_id = i.id and l.status = 'confirmed')
  group by i.meeting_id
  union all
  -- By kind, with the meeting's body ('' for none), so the register can count any filter of the two and a year.
  select d.meeting_id, 'decisions', d.kind, coalesce(m.body, ''), count(*)
  from decisions d join meetings m on m.id = d.meeting_id group by d.meeting_id, d.kind
  union all
  select meeting_id, 'attended', '', '', 1 from participants where list = 'present' group by meeting_id
  union all
  -- A person or organisation counts once per meeting: present when listed present at all, else absent.
  select meeting_id, case when max(list = 'present') then 'person-present' else 'person-absent' end, person_id, '', 1
  from participants where list in ('present', 'absent') and person_id is not null group by meeting_id, person_id
  union all
  select meeting_id, case when max(list = 'present') then 'organisation-present' else 'organisation-absent' end,
    organisation_id, '', 1
  from participants where list in ('present', 'absent') and organisation_id is not null
  group by meeting_id, organisation_id
  union all
  -- By status (a manual state wins, else a confirmed report-back makes one reported) and due date ('' for none).
  select meeting_id, 'assignments', status, due, count(*) from (
    select a.meeting_id, coalesce(a.due, '') as due, case
      when a.id in (select assignment_id from assignment_states)
        then (select s.status from assignment_states s where s.assignment_id = a.id)
      when exists (select 1 from followup_links l
        where l.kind = 'report-back' and l.source_id = a.id and l.status = 'confirmed') then 'reported'
      else 'open' end as status
    from assignments a)
  group by meeting_id, status, due
  union all
  select a.meeting_id, 'assignee-organisation', aa.organisation_id, '', count(*)
  from assignments a join assignment_assignees aa on aa.assignment_id = a.id
  where aa.organisation_id is not null group by a.meeting_id, aa.organisation_id
  union all
  select a.meeting_id, 'assignee-person', aa.person_id, '', count(*)
  from assignments a join assignment_assignees aa on aa.assignment_id = a.id
  where aa.organisation_id is null and aa.person_id is not null group by a.meeting_id, aa.person_id
  union all
  -- Who has sat for which organisation as a member (present or absent): the organisations of a person assigned
  -- without one.
  select meeting_id, 'member', organisation_id, person_id, 1 from participants
  where list <> 'guest' and organisation_id is not null and person_id is not null
  group by meeting_id, organisation_id, person_id`;

/**
 * The contributions with the meeting's year and scope. A condition on `meeting_id` reaches each part of the union
 * (SQLite pushes it down), so one meeting's contribution is read through its own rows' indexes.
 */
const CONTRIBUTIONS_VIEW = `create view archive_total_contributions as
  select p.meeting_id, p.counter, s.scope, coalesce(substr(m.date, 1, 4), '') as year, p.key, p.detail, p.n
  from (${CONTRIBUTION_PARTS}) p
  join meetings m on m.id = p.meeting_id
  join (select 'all' as scope union all select 'public') s on s.scope = 'all'
    or not exists (select 1 from meeting_publication mp where mp.meeting_id = m.id and mp.published = 0)`;

/** A table a contribution reads, the columns that matter to it, and how a row names its meeting. */
interface Source {
  table: string;
  columns: string[];
  meeting: (row: 'new' | 'old') => string;
  /** Rows that matter at all (confirmed links only: suggestions never count). */
  when?: (row: 'new' | 'old') => string;
}

const ownMeeting = (row: string) => `${row}.meeting_id`;
const meetingOfAssignment = (row: string) => `(select meeting_id from assignments where id = ${row}.assignment_id)`;

const SOURCES: readonly Source[] = [
  { table: 'meetings', columns: ['id', 'date', 'body'], meeting: (row) => `${row}.id` },
  { table: 'items', columns: ['id', 'meeting_id', 'referral_text'], meeting: ownMeeting },
  { table: 'decisions', columns: ['meeting_id', 'kind'], meeting: ownMeeting },
  { table: 'participants', columns: ['meeting_id', 'list', 'person_id', 'organisation_id'], meeting: ownMeeting },
  { table: 'assignments', columns: ['id', 'meeting_id', 'due'], meeting: ownMeeting },
  {
    table: 'assignment_assignees',
    columns: ['assignment_id', 'person_id', 'organisation_id'],
    meeting: meetingOfAssignment,
  },
  { table: 'assignment_states', columns: ['assignment_id', 'status'], meeting: meetingOfAssignment },
  { table: 'meeting_publication', columns: ['meeting_id', 'published'], meeting: ownMeeting },
  {
    table: 'followup_links',
    columns: ['kind', 'source_id', 'source_meeting_id', 'status'],
    meeting: (row) => `${row}.source_meeting_id`,
    when: (row) => `${row}.status = 'confirmed'`,
  },
];

/**
 * The triggers that note a meeting's contribution before its rows first change in a transaction: before an insert
 * (the new row's meeting), a delete (the old row's) and an update of a column that matters (both).
 */
function triggerStatements(): string[] {
  const out: string[] = [];
  for (const source of SOURCES) {
    const events: Array<[string, string, 'new' | 'old']> = [
      ['insert', 'insert', 'new'],
      ['delete', 'delete', 'old'],
      ['update_old', `update of ${source.columns.join(', ')}`, 'old'],
      ['update_new', `update of ${source.columns.join(', ')}`, 'new'],
    ];
    for (const [name, event, row] of events) {
      const meeting = source.meeting(row);
      const conditions = [
        ...(source.when ? [source.when(row)] : []),
        `${meeting} is not null`,
        `not exists (select 1 from archive_totals_pending where meeting_id = ${meeting})`,
      ];
      out.push(`create trigger archive_totals_${source.table}_${name} before ${event} on ${source.table}
        when ${conditions.join(' and ')}
        begin
          insert into archive_total_changes (counter, scope, year, key, detail, n)
            select counter, scope, year, key, detail, -n from archive_total_contributions where meeting_id = ${meeting};
          insert into archive_totals_pending (meeting_id) values (${meeting});
        end`);
    }
  }
  return out;
}

/** How many triggers keep the totals; fewer means a table was rebuilt without them (see `checkArchiveTotals`). */
const TRIGGER_COUNT = SOURCES.length * 4;

/** Every count from scratch, each also under year '*'. */
const RECOUNT = `select counter, scope, case when every then '*' else year end as year, key, detail, sum(n) as n
  from archive_total_contributions cross join (select 0 as every union all select 1)
  group by 1, 2, 3, 4, 5`;
const REBUILD = `insert into archive_totals (counter, scope, year, key, detail, n) ${RECOUNT}`;

const SCHEMA = [
  `create table archive_totals (
    counter text not null,
    scope text not null check (scope in ('all', 'public')),
    year text not null,
    key text not null,
    detail text not null,
    n integer not null,
    primary key (counter, scope, year, key, detail)
  ) without rowid`,
  // Working tables of a write transaction, empty between transactions.
  'create table archive_totals_pending (meeting_id text primary key) without rowid',
  `create table archive_total_changes (
    counter text not null, scope text not null, year text not null, key text not null, detail text not null,
    n integer not null
  )`,
  CONTRIBUTIONS_VIEW,
];

const archiveTotals: Migration = {
  async up(db) {
    for (const statement of [...SCHEMA, ...triggerStatements(), REBUILD]) await sql.raw(statement).execute(db);
  },
};

/** The totals' migration (0311, after the read indexes). */
export const ARCHIVE_TOTALS_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0311_archive_totals': archiveTotals,
};

/** Whether this archive keeps totals (has migration 0311). */
export function hasArchiveTotals(q: SqliteStatements): boolean {
  return !!q.get("select 1 as found from sqlite_master where type = 'table' and name = 'archive_totals'");
}

/**
 * Adds what the pending meetings contribute now, folds the difference to what they contributed before into the
 * totals (a count that reaches zero is removed) and empties the working tables. Runs at the end of every write
 * transaction of an archive with totals; cheap when the transaction touched no meeting.
 */
export function foldArchiveTotals(q: SqliteStatements): void {
  if (!q.get('select 1 as found from archive_totals_pending limit 1')) return;
  q.run(`insert into archive_total_changes (counter, scope, year, key, detail, n)
    select counter, scope, year, key, detail, n from archive_total_contributions
    where meeting_id in (select meeting_id from archive_totals_pending)`);
  const changes = q.all<{ counter: string; scope: string; year: string; key: string; detail: string; n: number }>(
    `select counter, scope, case when every then '*' else year end as year, key, detail, sum(n) as n
     from archive_total_changes cross join (select 0 as every union all select 1)
     group by 1, 2, 3, 4, 5 having sum(n) <> 0`,
  );
  for (const c of changes) {
    const total = q.get<{ n: number }>(
      `insert into archive_totals (counter, scope, year, key, detail, n) values (?, ?, ?, ?, ?, ?)
       on conflict do update set n = n + excluded.n returning n`,
      c.counter,
      c.scope,
      c.year,
      c.key,
      c.detail,
      c.n,
    );
    if (total?.n === 0) {
      q.run(
        'delete from archive_totals where counter = ? and scope = ? and year = ? and key = ? and detail = ?',
        c.counter,
        c.scope,
        c.year,
        c.key,
        c.detail,
      );
    }
  }
  q.run('delete from archive_total_changes');
  q.run('delete from archive_totals_pending');
}

/**
 * Makes the totals right when the archive opens: recreates the triggers and recounts everything when some are
 * missing (SQLite drops a table's triggers with it, and a later migration may rebuild a table), then folds what
 * writes without the fold left pending (migrations). Returns whether it recounted.
 */
export function checkArchiveTotals(q: SqliteStatements): boolean {
  const triggers = q.get<{ n: number }>(
    "select count(*) as n from sqlite_master where type = 'trigger' and name like 'archive\\_totals\\_%' escape '\\'",
  );
  if (triggers?.n === TRIGGER_COUNT) {
    foldArchiveTotals(q);
    return false;
  }
  const names = q.all<{ name: string }>(
    "select name from sqlite_master where type = 'trigger' and name like 'archive\\_totals\\_%' escape '\\'",
  );
  for (const { name } of names) q.run(`drop trigger ${name}`);
  for (const statement of triggerStatements()) q.run(statement);
  recountArchiveTotals(q);
  return true;
}

/** Recounts every total from the archive's rows (what the migration does). */
export function recountArchiveTotals(q: SqliteStatements): void {
  q.run('delete from archive_totals');
  q.run('delete from archive_total_changes');
  q.run('delete from archive_totals_pending');
  q.run(REBUILD);
}

/** A recount from the archive's rows, as the totals should hold it (sorted as the table's key): what tests compare. */
export function recountedTotals(q: SqliteStatements): unknown[] {
  return q.all(`${RECOUNT} order by 1, 2, 3, 4, 5`);
}
