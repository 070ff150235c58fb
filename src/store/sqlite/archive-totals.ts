import { type Migration, sql } from 'kysely';
import type { SqliteStatements } from './statements.js';

/*
 * Archive totals: the counts that statistics, the start page, the assignment lists and the decisions register sum
 * up over the whole archive, kept in one small table so that reading them costs a few rows at any archive size.
 *
 * What a meeting adds to the totals is a query over its own rows (the view `archive_total_contributions`): one for
 * the meeting, its items, postponed items not taken up, decisions by kind, attendance per person and organisation,
 * assignments by status and due date, assignees. Triggers note, before a meeting's rows first change in a
 * transaction, what the meeting contributed until then (as negative rows in `archive_total_changes`) and mark it
 * pending (see `SOURCES` for what they watch); the store's write ends by adding what the pending meetings
 * contribute now and folding the difference into `archive_totals` (`foldArchiveTotals`). So the totals are always
 * the sum of every meeting's contribution, whichever way the rows changed (import, re-import, deletion,
 * publication, assignment status, a confirmed link, a person merge, a correction) as long as writes keep the one
 * rule `SOURCES` states, and a write costs the meetings it touches.
 *
 * Each count is kept per scope, 'public' for meetings the public may see and 'hidden' for the others (few; all
 * meetings are the two together), and per year of the meeting ('' for an undated meeting) and again under year '*'
 * for every year together; counts only ever read for all years (`ALL_YEARS_ONLY`) are kept under '*' alone.
 */

/**
 * What each meeting adds to which count: `counter`, `key` and `detail` name the count, `n` is the amount. `of`
 * restricts each part to some meetings, given the part's meeting column (all meetings when it returns 'true').
 */
const contributionParts = (of: (meetingColumn: string) => string) => `
  select id as meeting_id, 'meetings' as counter, '' as key, '' as detail, 1 as n from meetings where ${of('id')}
  union all
  select meeting_id, 'items', '', '', count(*) from items where ${of('meeting_id')} group by meeting_id
  union all
  -- Postponed items of dated meetings that no confirmed referral link has taken up (the start page's list).
  select i.meeting_id, 'postponed', '', '', count(*) from items i join meetings m on m.id = i.meeting_id
  where ${of('i.meeting_id')} and i.referral_text is not null and m.date >= '' and m.date < '9999-12-31'
    and not exists (select 1 from followup_links l
      where l.kind = 'referral' and l.source_id = i.id and l.status = 'confirmed')
  group by i.meeting_id
  union all
  -- By kind, with the meeting's body ('' for none), so the register can count any filter of the two and a year.
  select d.meeting_id, 'decisions', d.kind, coalesce(m.body, ''), count(*)
  from decisions d join meetings m on m.id = d.meeting_id where ${of('d.meeting_id')} group by d.meeting_id, d.kind
  union all
  select meeting_id, 'attended', '', '', 1 from participants where ${of('meeting_id')} and list = 'present'
  group by meeting_id
  union all
  -- A person or organisation counts once per meeting: present when listed present at all, else absent.
  select meeting_id, case when max(list = 'present') then 'person-present' else 'person-absent' end, person_id, '', 1
  from participants where ${of('meeting_id')} and list in ('present', 'absent') and person_id is not null
  group by meeting_id, person_id
  union all
  select meeting_id, case when max(list = 'present') then 'organisation-present' else 'organisation-absent' end,
    organisation_id, '', 1
  from participants where ${of('meeting_id')} and list in ('present', 'absent') and organisation_id is not null
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
    from assignments a where ${of('a.meeting_id')})
  group by meeting_id, status, due
  union all
  select a.meeting_id, 'assignee-organisation', aa.organisation_id, '', count(*)
  from assignments a join assignment_assignees aa on aa.assignment_id = a.id
  where ${of('a.meeting_id')} and aa.organisation_id is not null group by a.meeting_id, aa.organisation_id
  union all
  select a.meeting_id, 'assignee-person', aa.person_id, '', count(*)
  from assignments a join assignment_assignees aa on aa.assignment_id = a.id
  where ${of('a.meeting_id')} and aa.organisation_id is null and aa.person_id is not null
  group by a.meeting_id, aa.person_id
  union all
  -- Who has sat for which organisation as a member (present or absent): the organisations of a person assigned
  -- without one.
  select meeting_id, 'member', organisation_id, person_id, 1 from participants
  where ${of('meeting_id')} and list <> 'guest' and organisation_id is not null and person_id is not null
  group by meeting_id, organisation_id, person_id`;

/** Counts read only for the whole archive: kept under year '*' alone, which saves a row per year and key. */
const ALL_YEARS_ONLY = "('member', 'assignee-organisation', 'assignee-person')";

/** The contributions of some meetings (see `contributionParts`) with the meeting's scope and year. */
const contributions = (of: (meetingColumn: string) => string) => `
  select p.meeting_id, p.counter,
    case when exists (select 1 from meeting_publication mp where mp.meeting_id = m.id and mp.published = 0)
      then 'hidden' else 'public' end as scope,
    case when p.counter in ${ALL_YEARS_ONLY} then '*' else coalesce(substr(m.date, 1, 4), '') end as year,
    p.key, p.detail, p.n
  from (${contributionParts(of)}) p
  join meetings m on m.id = p.meeting_id`;

/**
 * Every meeting's contributions. A condition on `meeting_id` reaches each part of the union (SQLite pushes it
 * down), so one meeting's contribution is read through its own rows' indexes; `in (select …)` it does not push
 * down, hence `PENDING_CONTRIBUTIONS`.
 */
const CONTRIBUTIONS_VIEW = `create view archive_total_contributions as ${contributions(() => 'true')}`;

/** The contributions of the pending meetings, each part reading their rows through its index. */
const PENDING_CONTRIBUTIONS = contributions((column) => `${column} in (select meeting_id from archive_totals_pending)`);

/** The rows of `from` summed once under their year and once under '*' (once when their year is '*'). */
const BY_YEAR_AND_ALL = (from: string) => `select counter, scope, case when every then '*' else year end as year,
    key, detail, sum(n) as n
  from ${from} cross join (select 0 as every union all select 1) where every or year <> '*'
  group by 1, 2, 3, 4, 5`;

/** A table a contribution reads, the changes to watch, and how a row names its meeting. */
interface Source {
  table: string;
  /** Inserts and deletes to watch; updates are watched of `columns` (those a contribution reads). */
  watch: Array<'insert' | 'delete'>;
  columns: string[];
  meeting: (row: 'new' | 'old') => string;
  /** Rows that matter at all (confirmed links only: suggestions never count). */
  when?: (row: 'new' | 'old') => string;
}

const ownMeeting = (row: string) => `${row}.meeting_id`;
const meetingOfAssignment = (row: string) => `(select meeting_id from assignments where id = ${row}.assignment_id)`;

/*
 * Any trigger on a table, even one that never fires, makes SQLite keep a statement journal for each insert or
 * delete of it (a copy of every page the statement changes): on the tables an import writes by the hundred per
 * protocol that cost a third more import time. So the rows of a meeting (participants, items, decisions,
 * assignments, assignees) are watched for updates only (person merges, corrections): they are inserted and
 * deleted only together with their meeting's row (`meetings.replace` updates it first, `meetings.delete` deletes it
 * and cascades), which is watched. Follow-up links, written as suggestions by the ten thousand, are watched for a
 * change of status (a secretary's decision); a restore adds decided links before the meetings they belong to.
 * The archive-totals tests re-import, delete and change meetings every way the store can, so a write path that
 * breaks this rule fails them.
 */
const SOURCES: readonly Source[] = [
  { table: 'meetings', watch: ['insert', 'delete'], columns: ['id', 'date', 'body'], meeting: (row) => `${row}.id` },
  { table: 'items', watch: [], columns: ['id', 'meeting_id', 'referral_text'], meeting: ownMeeting },
  { table: 'decisions', watch: [], columns: ['meeting_id', 'kind'], meeting: ownMeeting },
  {
    table: 'participants',
    watch: [],
    columns: ['meeting_id', 'list', 'person_id', 'organisation_id'],
    meeting: ownMeeting,
  },
  { table: 'assignments', watch: [], columns: ['id', 'meeting_id', 'due'], meeting: ownMeeting },
  {
    table: 'assignment_assignees',
    watch: [],
    columns: ['assignment_id', 'person_id', 'organisation_id'],
    meeting: meetingOfAssignment,
  },
  {
    table: 'assignment_states',
    watch: ['insert', 'delete'],
    columns: ['assignment_id', 'status'],
    meeting: meetingOfAssignment,
  },
  {
    table: 'meeting_publication',
    watch: ['insert', 'delete'],
    columns: ['meeting_id', 'published'],
    meeting: ownMeeting,
  },
  {
    table: 'followup_links',
    watch: [],
    columns: ['kind', 'source_id', 'status'],
    meeting: (row) => `${row}.source_meeting_id`,
    when: (row) => `${row}.status = 'confirmed'`,
  },
];

/**
 * The triggers that note a meeting's contribution before its rows first change in a transaction: before a watched
 * insert (the new row's meeting), delete (the old row's) or update (both), the meeting is marked pending, and
 * marking it notes its contribution (one trigger on the pending table holds the contribution query).
 */
function triggerStatements(): string[] {
  const out: string[] = [
    `create trigger archive_totals_pending_snapshot after insert on archive_totals_pending
      begin
        insert into archive_total_changes (counter, scope, year, key, detail, n)
          select counter, scope, year, key, detail, -n from archive_total_contributions
          where meeting_id = new.meeting_id;
      end`,
  ];
  for (const source of SOURCES) {
    const update = `update of ${source.columns.join(', ')}`;
    const events: Array<[string, string, 'new' | 'old']> = [
      ...(source.watch.includes('insert') ? [['insert', 'insert', 'new'] as [string, string, 'new']] : []),
      ...(source.watch.includes('delete') ? [['delete', 'delete', 'old'] as [string, string, 'old']] : []),
      ['update_old', update, 'old'],
      ['update_new', update, 'new'],
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
          insert into archive_totals_pending (meeting_id) values (${meeting});
        end`);
    }
  }
  return out;
}

/** How many triggers keep the totals; fewer means a table was rebuilt without them (see `checkArchiveTotals`). */
const TRIGGER_COUNT = triggerStatements().length;

/** Every count from scratch. */
const RECOUNT = BY_YEAR_AND_ALL('archive_total_contributions');
const REBUILD = `insert into archive_totals (counter, scope, year, key, detail, n) ${RECOUNT}`;

const SCHEMA = [
  `create table archive_totals (
    counter text not null,
    scope text not null check (scope in ('public', 'hidden')),
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
    select counter, scope, year, key, detail, n from (${PENDING_CONTRIBUTIONS})`);
  const changes = q.all<{ counter: string; scope: string; year: string; key: string; detail: string; n: number }>(
    `${BY_YEAR_AND_ALL('archive_total_changes')} having sum(n) <> 0`,
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
