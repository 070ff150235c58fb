import { type Kysely, sql } from 'kysely';
import { seriesOfNaturalKey } from '../../domain/match-keys.js';
import type {
  ArchiveSession,
  AssignmentRepository,
  AssignmentView,
  AuditLog,
  CorrectionRepository,
  DatedItem,
  DocumentInfo,
  DocumentRepository,
  FlagRepository,
  FollowUpLinkRepository,
  MeetingBundle,
  MeetingRepository,
  MembershipRepository,
  OrganisationRepository,
  PersonRepository,
  StatsOptions,
  StatsRepository,
} from '../ports.js';
import type {
  ArchiveSchema,
  AssigneeRow,
  AssignmentStateRow,
  DocumentRow,
  FollowupLinkRow,
  MeetingRow,
  MembershipRow,
} from '../schema.js';
import { authSessions, publication, users } from './account-repositories.js';
import { bindStatements } from './session-statements.js';
import { type SqliteStatements, selectList } from './statements.js';

/*
 * The repositories are written with Kysely's query builder (no SQLite dialect features except `on conflict`, which
 * PostgreSQL shares), so a PostgreSQL adapter can reuse them with its own migrations. The methods an import calls
 * for every document and row use prepared statements instead (`SqliteStatements`, plain SQL as well).
 */

type Db = Kysely<ArchiveSchema>;

const MEETING_SELECT = selectList('id natural_key document_id body organization number date start_time end_time place');
const ITEM_COLUMNS =
  'id meeting_id position natural_key number title text presenters_json referral_to referral_date referral_text';
const ITEM_SELECT = selectList(ITEM_COLUMNS);
const PARTICIPANT_SELECT = selectList(
  'id meeting_id list position name organization role from_time to_time note is_group person_id organisation_id',
);
const DATED_ITEM_SELECT = `${selectList(ITEM_COLUMNS, 'i')}, m.date as date, m.body as body,
  m.natural_key as "naturalKey_"`;
const DOCUMENT_INFO_SELECT = selectList(
  'id sha256 name format text document_json parser_version meeting_id status imported_at updated_at',
);
const ASSIGNMENT_VIEW_SELECT = `${selectList('id decision_id item_id meeting_id position task due due_text', 'a')},
  m.date as date, m.body as body, i.title as "itemTitle", i.number as "itemNumber", d.text as "decisionText"`;
const ASSIGNMENT_VIEW_FROM = `from assignments a join meetings m on m.id = a.meeting_id
  join items i on i.id = a.item_id join decisions d on d.id = a.decision_id`;
/**
 * The same for the meetings of one series: `cross join` keeps the meetings' key range as the outer loop, where the
 * planner would otherwise scan every assignment (the importer asks this for every series of every batch); the
 * order is by natural key, the same as by date within a series, so the planner is not drawn to the date index.
 */
const SERIES_ASSIGNMENT_VIEW_FROM = `from meetings m cross join assignments a on a.meeting_id = m.id
  join items i on i.id = a.item_id join decisions d on d.id = a.decision_id`;
const SERIES_ASSIGNMENT_VIEW_ORDER = 'order by m.natural_key, i.position, d.position, a.position';
const ASSIGNMENT_VIEW_ORDER = 'order by m.date, i.position, d.position, a.position';
const LINK_SELECT = selectList(
  'id kind source_id source_meeting_id target_item_id target_meeting_id score evidence_json status decided_at decided_by note',
);

/** `= ?` or `is null`, so one statement serves a body and the meetings without one. */
function bodyIs(column: string, body: string | null): string {
  return body === null ? `${column} is null` : `${column} = ?`;
}

function bodyParam(body: string | null): string[] {
  return body === null ? [] : [body];
}

/**
 * The meetings of a series dated in [from, to] (`to` exclusive when `before`), as a range of the unique index on
 * natural keys: a dated meeting's key is its series, `|` and its ISO date (see `seriesKey`).
 */
function seriesRange(column: string, series: string, from = '', to = '\uffff', before = false): [string, string[]] {
  return [`${column} >= ? and ${column} ${before ? '<' : '<='} ?`, [`${series}|${from}`, `${series}|${to}`]];
}

/** A row of DATED_ITEM_SELECT: a dated item with its meeting's natural key, from which its series is cut. */
type DatedItemRow = Omit<DatedItem, 'series'> & { naturalKey_: string };

function withSeries({ naturalKey_, ...row }: DatedItemRow): DatedItem {
  return { ...row, series: seriesOfNaturalKey(naturalKey_) };
}

/** Collects `where` conditions and their parameters for the few queries whose filters vary. */
class Conditions {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  add(condition: string, ...params: unknown[]): void {
    this.parts.push(condition);
    this.params.push(...params);
  }
  get sql(): string {
    return this.parts.length > 0 ? `where ${this.parts.join(' and ')}` : '';
  }
}

const DOCUMENT_INFO_COLUMNS = [
  'id',
  'sha256',
  'name',
  'format',
  'text',
  'documentJson',
  'parserVersion',
  'meetingId',
  'status',
  'importedAt',
  'updatedAt',
] as const;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function documents(db: Db, q: SqliteStatements): DocumentRepository {
  return {
    async findBySha(sha256) {
      return q.get(`select ${DOCUMENT_INFO_SELECT} from documents where sha256 = ?`, sha256);
    },
    async get(id) {
      return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async insert(row) {
      q.insert('documents', { ...row, bytes: asBuffer(row.bytes) });
    },
    async update(id, patch) {
      q.update('documents', 'id', id, patch.bytes ? { ...patch, bytes: asBuffer(patch.bytes) } : patch);
    },
    async listForMeeting(meetingId) {
      return db
        .selectFrom('documents')
        .select(DOCUMENT_INFO_COLUMNS)
        .where('meetingId', '=', meetingId)
        .orderBy('importedAt')
        .orderBy('id')
        .execute() as Promise<DocumentInfo[]>;
    },
    async page(offset, limit) {
      return db.selectFrom('documents').selectAll().orderBy('id').limit(limit).offset(offset).execute();
    },
    async count() {
      const row = await db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async replaceWarnings(documentId, warnings) {
      q.run('delete from warnings where document_id = ?', documentId);
      for (const row of warnings) q.insert('warnings', row);
    },
    async warnings(documentId) {
      return db.selectFrom('warnings').selectAll().where('documentId', '=', documentId).orderBy('position').execute();
    },
  };
}

function meetings(db: Db, q: SqliteStatements): MeetingRepository {
  return {
    async get(id) {
      return q.get(`select ${MEETING_SELECT} from meetings where id = ?`, id);
    },
    async findByIdPrefix(prefix) {
      return db
        .selectFrom('meetings')
        .selectAll()
        .where(sql<boolean>`id like ${`${escapeLike(prefix)}%`} escape '\\'`)
        .limit(10)
        .execute();
    },
    async list(filter = {}) {
      const where = new Conditions();
      if (filter.year !== undefined)
        where.add('date >= ? and date <= ?', `${filter.year}-01-01`, `${filter.year}-12-31`);
      if (filter.body !== undefined) where.add(bodyIs('body', filter.body), ...bodyParam(filter.body));
      if (filter.series !== undefined) {
        // The dates are part of the key range: a separate `date >=` would tempt the planner to the date index.
        const [condition, params] = seriesRange('natural_key', filter.series, filter.from, filter.to);
        where.add(condition, ...params);
      } else {
        if (filter.from) where.add('date >= ?', filter.from);
        if (filter.to) where.add('date <= ?', filter.to);
      }
      const limit = filter.limit === undefined ? '' : `limit ${Math.max(0, Math.floor(filter.limit))}`;
      return q.all(`select ${MEETING_SELECT} from meetings ${where.sql} order by date, id ${limit}`, ...where.params);
    },
    async replace(bundle) {
      const { meeting } = bundle;
      if (q.get('select 1 as found from meetings where id = ?', meeting.id)) {
        const { id, ...rest } = meeting;
        q.update('meetings', 'id', id, rest);
        // Children first where a cascade would not reach them in one step.
        for (const table of ['participants', 'signatures', 'adjournments', 'items']) {
          q.run(`delete from ${table} where meeting_id = ?`, id);
        }
      } else {
        q.insert('meetings', meeting);
      }
      for (const row of bundle.participants) q.insert('participants', row);
      for (const row of bundle.items) q.insert('items', row);
      for (const row of bundle.decisions) q.insert('decisions', row);
      for (const row of bundle.assignments) q.insert('assignments', row);
      for (const row of bundle.assignees) q.insert('assignment_assignees', row);
      for (const row of bundle.signatures) q.insert('signatures', row);
      for (const row of bundle.adjournments) q.insert('adjournments', row);
    },
    async delete(id) {
      q.run('delete from meetings where id = ?', id);
    },
    async bundle(id) {
      // Prepared statements: the meeting page reads a bundle per request, and Kysely compiled each of these anew.
      const meeting = q.get<MeetingRow>(`select ${MEETING_SELECT} from meetings where id = ?`, id);
      if (!meeting) return undefined;
      const bundle: MeetingBundle = {
        meeting,
        participants: q.all(
          `select ${PARTICIPANT_SELECT} from participants where meeting_id = ?
           order by case list when 'present' then 0 when 'absent' then 1 else 2 end, position`,
          id,
        ),
        items: q.all(`select ${ITEM_SELECT} from items where meeting_id = ? order by position`, id),
        decisions: q.all(
          `select ${selectList('id item_id meeting_id position text kind')} from decisions where meeting_id = ?
           order by item_id, position`,
          id,
        ),
        assignments: q.all(
          `select ${selectList('id decision_id item_id meeting_id position task due due_text')} from assignments
           where meeting_id = ? order by item_id, decision_id, position`,
          id,
        ),
        assignees: q.all(
          `select ${selectList('assignment_id position name person_id organisation_id', 'aa')}
           from assignment_assignees aa join assignments a on a.id = aa.assignment_id
           where a.meeting_id = ? order by aa.assignment_id, aa.position`,
          id,
        ),
        signatures: q.all(
          `select ${selectList('meeting_id position role title name person_id')} from signatures where meeting_id = ?
           order by position`,
          id,
        ),
        adjournments: q.all(
          `select ${selectList('meeting_id position from_time to_time')} from adjournments where meeting_id = ?
           order by position`,
          id,
        ),
      };
      return bundle;
    },
    async itemsBetween(series, from, to) {
      const [condition, params] = seriesRange('m.natural_key', series, from, to);
      return q
        .all<DatedItemRow>(
          `select ${DATED_ITEM_SELECT} from meetings m cross join items i on i.meeting_id = m.id
           where ${condition} order by m.date, i.position`,
          ...params,
        )
        .map(withSeries);
    },
    async referredItemsBefore(series, before, from = '') {
      const [condition, params] = seriesRange('m.natural_key', series, from, before, true);
      return q
        .all<DatedItemRow>(
          // cross join: the series' key range outside (see SERIES_ASSIGNMENT_VIEW_FROM), not all postponed items.
          `select ${DATED_ITEM_SELECT} from meetings m cross join items i on i.meeting_id = m.id
           where ${condition} and i.referral_text is not null order by m.date, i.position`,
          ...params,
        )
        .map(withSeries);
    },
    async items(meetingId) {
      return q.all(`select ${ITEM_SELECT} from items where meeting_id = ? order by position`, meetingId);
    },
    async getItem(id) {
      const row = q.get<DatedItemRow>(
        `select ${DATED_ITEM_SELECT} from meetings m join items i on i.meeting_id = m.id where i.id = ?`,
        id,
      );
      return row && withSeries(row);
    },
    async meetingOf(targetId) {
      const table = ({ m: 'meetings', i: 'items', d: 'decisions', a: 'assignments', pa: 'participants' } as const)[
        targetId.split('_')[0] as 'm' | 'i' | 'd' | 'a' | 'pa'
      ];
      if (!table) return undefined;
      if (table === 'meetings') return (await this.get(targetId))?.id;
      const row = await db.selectFrom(table).select('meetingId').where('id', '=', targetId).executeTakeFirst();
      return row?.meetingId;
    },
    async patchMeeting(id, patch) {
      return q.update('meetings', 'id', id, patch) > 0;
    },
    async patchItem(id, patch) {
      return q.update('items', 'id', id, patch) > 0;
    },
    async patchDecision(id, patch) {
      return q.update('decisions', 'id', id, patch) > 0;
    },
    async patchAssignment(id, patch) {
      return q.update('assignments', 'id', id, patch) > 0;
    },
    async patchParticipant(id, patch) {
      const r = await db.updateTable('participants').set(patch).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}

function persons(db: Db, q: SqliteStatements): PersonRepository {
  return {
    async get(id) {
      return q.get(`select id, name, created_at as "createdAt" from persons where id = ?`, id);
    },
    async list() {
      return db.selectFrom('persons').selectAll().orderBy('name').orderBy('id').execute();
    },
    async create(row) {
      q.insert('persons', row);
    },
    async rename(id, name) {
      await db.updateTable('persons').set({ name }).where('id', '=', id).execute();
    },
    async delete(id) {
      await db.deleteFrom('persons').where('id', '=', id).execute();
    },
    async resolveAlias(matchKey, organisationId) {
      // The organisation-specific alias sorts first ('' is the smallest text).
      const row = q.get<{ personId: string }>(
        `select person_id as "personId" from person_aliases
         where match_key = ? and organisation_id in (?, '') order by organisation_id desc limit 1`,
        matchKey,
        organisationId ?? '',
      );
      return row?.personId;
    },
    async putAlias(row) {
      q.insert(
        'person_aliases',
        row,
        `on conflict (match_key, organisation_id) do update set
           person_id = excluded.person_id, spelling = excluded.spelling, source = excluded.source`,
      );
    },
    async aliases(personId) {
      let q = db.selectFrom('personAliases').selectAll();
      if (personId) q = q.where('personId', '=', personId);
      return q.orderBy('matchKey').orderBy('organisationId').execute();
    },
    async reassign(from, to) {
      await db.updateTable('personAliases').set({ personId: to }).where('personId', '=', from).execute();
      await db.updateTable('participants').set({ personId: to }).where('personId', '=', from).execute();
      await db.updateTable('signatures').set({ personId: to }).where('personId', '=', from).execute();
      await db.updateTable('assignmentAssignees').set({ personId: to }).where('personId', '=', from).execute();
    },
    async moveAttendance(from, organisationId, to) {
      const r = await db
        .updateTable('participants')
        .set({ personId: to })
        .where('personId', '=', from)
        .where('organisationId', '=', organisationId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async attendance(personId) {
      return db
        .selectFrom('participants')
        .innerJoin('meetings', 'meetings.id', 'participants.meetingId')
        .selectAll('participants')
        .select(['meetings.date as date', 'meetings.body as body'])
        .where('participants.personId', '=', personId)
        .orderBy('meetings.date')
        .orderBy('participants.meetingId')
        .execute();
    },
    async spellings(personId) {
      const rows = await db
        .selectFrom('participants')
        .select('name')
        .distinct()
        .where('personId', '=', personId)
        .union(db.selectFrom('personAliases').select('spelling as name').where('personId', '=', personId))
        .execute();
      return [...new Set(rows.map((r) => r.name))].sort((a, b) => a.localeCompare(b, 'sv'));
    },
  };
}

function organisations(db: Db, q: SqliteStatements): OrganisationRepository {
  return {
    async get(id) {
      return q.get(
        `select ${selectList('id name kind code parent_id created_at')} from organisations where id = ?`,
        id,
      );
    },
    async list() {
      return db.selectFrom('organisations').selectAll().orderBy('kind').orderBy('name').execute();
    },
    async create(row) {
      q.insert('organisations', row);
    },
    async findByVariant(matchKey) {
      const row = q.get<{ id: string }>(
        'select organisation_id as id from organisation_variants where match_key = ?',
        matchKey,
      );
      return row?.id;
    },
    async putVariant(matchKey, organisationId) {
      q.insert('organisation_variants', { matchKey, organisationId }, 'on conflict (match_key) do nothing');
    },
    async variants() {
      return db.selectFrom('organisationVariants').selectAll().orderBy('matchKey').execute();
    },
  };
}

/**
 * The `memberships` view counted over published meetings only: the same columns and grouping, with meetings hidden
 * from the public left out of the counts, the dates and the first and last meeting.
 */
async function publishedMemberships(db: Db, where: 'person' | 'organisation', id: string): Promise<MembershipRow[]> {
  const published = (alias: string) => sql`not exists (select 1 from meeting_publication mp
    where mp.meeting_id = ${sql.ref(`${alias}.id`)} and mp.published = 0)`;
  const edge = (direction: 'asc' | 'desc') => sql`(select m2.id
    from participants p2 join meetings m2 on m2.id = p2.meeting_id
    where p2.person_id = p.person_id and p2.organisation_id = p.organisation_id and ${published('m2')}
    order by m2.date ${sql.raw(direction)} limit 1)`;
  const { rows } = await sql<MembershipRow>`
    select p.person_id as "personId", p.organisation_id as "organisationId",
           case when p.list = 'guest' then coalesce(p.role, 'guest') else 'member' end as role,
           ${edge('asc')} as "firstMeetingId", min(m.date) as "firstDate",
           ${edge('desc')} as "lastMeetingId", max(m.date) as "lastDate",
           count(distinct p.meeting_id) as meetings,
           count(distinct case when p.list <> 'absent' then p.meeting_id end) as present
    from participants p join meetings m on m.id = p.meeting_id
    where p.person_id is not null and p.organisation_id is not null and ${published('m')}
      and ${where === 'person' ? sql`p.person_id = ${id}` : sql`p.organisation_id = ${id}`}
    group by p.person_id, p.organisation_id, case when p.list = 'guest' then coalesce(p.role, 'guest') else 'member' end
    order by "firstDate", "organisationId"`.execute(db);
  return rows;
}

function memberships(db: Db): MembershipRepository {
  const base = () => db.selectFrom('memberships').selectAll().orderBy('firstDate').orderBy('organisationId');
  return {
    async forPerson(personId, options) {
      if (options?.publishedOnly) return publishedMemberships(db, 'person', personId);
      return base().where('personId', '=', personId).execute();
    },
    async forOrganisation(organisationId, options) {
      if (options?.publishedOnly) return publishedMemberships(db, 'organisation', organisationId);
      return base().where('organisationId', '=', organisationId).execute();
    },
    async all() {
      return base().orderBy('personId').execute();
    },
  };
}

function assignments(db: Db, q: SqliteStatements): AssignmentRepository {
  type Row = Omit<AssignmentView, 'assignees' | 'state'>;
  function withContext(rows: Row[]): AssignmentView[] {
    return rows.map((row) => ({
      ...row,
      assignees: q.all<AssigneeRow>(
        `select ${selectList('assignment_id position name person_id organisation_id')}
         from assignment_assignees where assignment_id = ? order by position`,
        row.id,
      ),
      state:
        q.get<AssignmentStateRow>(
          `select ${selectList('assignment_id status note changed_at changed_by')}
           from assignment_states where assignment_id = ?`,
          row.id,
        ) ?? null,
    }));
  }
  return {
    async list(filter = {}) {
      const where = new Conditions();
      if (filter.meetingId) where.add('a.meeting_id = ?', filter.meetingId);
      if (filter.body !== undefined) where.add(bodyIs('m.body', filter.body), ...bodyParam(filter.body));
      if (filter.series !== undefined) {
        const [condition, params] = seriesRange('m.natural_key', filter.series, filter.from, filter.to);
        where.add(condition, ...params);
      } else {
        if (filter.from) where.add('m.date >= ?', filter.from);
        if (filter.to) where.add('m.date <= ?', filter.to);
      }
      const [from, order] =
        filter.series === undefined
          ? [ASSIGNMENT_VIEW_FROM, ASSIGNMENT_VIEW_ORDER]
          : [SERIES_ASSIGNMENT_VIEW_FROM, SERIES_ASSIGNMENT_VIEW_ORDER];
      return withContext(q.all<Row>(`select ${ASSIGNMENT_VIEW_SELECT} ${from} ${where.sql} ${order}`, ...where.params));
    },
    async findByIdPrefix(prefix) {
      return db
        .selectFrom('assignments')
        .selectAll()
        .where(sql<boolean>`id like ${`${escapeLike(prefix)}%`} escape '\\'`)
        .limit(10)
        .execute();
    },
    async forMeeting(meetingId) {
      return this.list({ meetingId });
    },
    async setState(row) {
      await db
        .insertInto('assignmentStates')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('assignmentId')
            .doUpdateSet({ status: row.status, note: row.note, changedAt: row.changedAt, changedBy: row.changedBy }),
        )
        .execute();
    },
    async states() {
      return db.selectFrom('assignmentStates').selectAll().orderBy('assignmentId').execute();
    },
  };
}

function followUps(db: Db, q: SqliteStatements): FollowUpLinkRepository {
  const suggest = (row: FollowupLinkRow) =>
    q.insert(
      'followup_links',
      row,
      `on conflict (id) do update set score = excluded.score, evidence_json = excluded.evidence_json,
         source_meeting_id = excluded.source_meeting_id, target_meeting_id = excluded.target_meeting_id`,
    );
  return {
    async get(id) {
      return db.selectFrom('followupLinks').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async findByIdPrefix(prefix) {
      return db
        .selectFrom('followupLinks')
        .selectAll()
        .where(sql<boolean>`id like ${`${escapeLike(prefix)}%`} escape '\\'`)
        .limit(10)
        .execute();
    },
    async suggest(row) {
      suggest(row);
    },
    async replaceSuggestions(sourceId, rows) {
      // Linking recomputes the same suggestions over and over as windows overlap; writing only what changed keeps
      // the table's five indexes out of every transaction's dirty pages.
      const stored = new Map(
        q
          .all<
            Pick<FollowupLinkRow, 'id' | 'status' | 'score' | 'evidenceJson' | 'sourceMeetingId' | 'targetMeetingId'>
          >(
            `select id, status, score, evidence_json as "evidenceJson", source_meeting_id as "sourceMeetingId",
                    target_meeting_id as "targetMeetingId"
             from followup_links where source_id = ?`,
            sourceId,
          )
          .map((row) => [row.id, row]),
      );
      const wanted = new Set(rows.map((row) => row.id));
      for (const old of stored.values()) {
        if (old.status === 'suggested' && !wanted.has(old.id)) q.run('delete from followup_links where id = ?', old.id);
      }
      for (const row of rows) {
        const old = stored.get(row.id);
        const same =
          old &&
          old.score === row.score &&
          old.evidenceJson === row.evidenceJson &&
          old.sourceMeetingId === row.sourceMeetingId &&
          old.targetMeetingId === row.targetMeetingId;
        if (!same) suggest(row);
      }
    },
    async put(row) {
      const { id, ...rest } = row;
      await db
        .insertInto('followupLinks')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(rest))
        .execute();
    },
    async clearSuggestionsFrom(sourceId) {
      q.run("delete from followup_links where status = 'suggested' and source_id = ?", sourceId);
    },
    async clearSuggestions(meetingId) {
      // Two statements, so each uses its index (an `or` across two columns may scan the table).
      q.run("delete from followup_links where status = 'suggested' and source_meeting_id = ?", meetingId);
      q.run("delete from followup_links where status = 'suggested' and target_meeting_id = ?", meetingId);
    },
    async decide(id, status, by, at, note) {
      await db
        .updateTable('followupLinks')
        .set({ status, decidedBy: by, decidedAt: at, note })
        .where('id', '=', id)
        .execute();
    },
    async queueRelink(meetingIds) {
      for (const id of meetingIds) q.run('insert into relink_queue (meeting_id) values (?) on conflict do nothing', id);
    },
    async nextRelink(limit) {
      const rows = q.all<{ id: string }>(
        `select r.meeting_id as id from relink_queue r left join meetings m on m.id = r.meeting_id
         order by m.natural_key, r.meeting_id limit ?`,
        limit,
      );
      return rows.map((r) => r.id);
    },
    async dequeueRelink(meetingIds) {
      for (const id of meetingIds) q.run('delete from relink_queue where meeting_id = ?', id);
    },
    async relinkQueued() {
      return q.get<{ n: number }>('select count(*) as n from relink_queue')!.n;
    },
    async list(filter = {}) {
      const where = new Conditions();
      if (filter.kind) where.add('kind = ?', filter.kind);
      if (filter.sourceId) where.add('source_id = ?', filter.sourceId);
      if (filter.status) where.add('status = ?', filter.status);
      return q.all(
        `select ${LINK_SELECT} from followup_links ${where.sql} order by source_id, score desc, id`,
        ...where.params,
      );
    },
  };
}

function flags(db: Db, q: SqliteStatements): FlagRepository {
  return {
    async put(row) {
      q.insert(
        'flags',
        row,
        'on conflict (id) do update set details_json = excluded.details_json, meeting_id = excluded.meeting_id',
      );
    },
    async remove(id) {
      q.run('delete from flags where id = ?', id);
    },
    async clear(kind, meetingId) {
      await db.deleteFrom('flags').where('kind', '=', kind).where('meetingId', '=', meetingId).execute();
    },
    async list(filter = {}) {
      let q = db.selectFrom('flags').selectAll();
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      if (filter.meetingId) q = q.where('meetingId', '=', filter.meetingId);
      return q.orderBy('meetingId').orderBy('id').execute();
    },
  };
}

function corrections(db: Db, q: SqliteStatements): CorrectionRepository {
  return {
    async put(row) {
      await db
        .insertInto('corrections')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['targetId', 'field']).doUpdateSet({
            valueJson: row.valueJson,
            meetingId: row.meetingId,
            createdAt: row.createdAt,
            createdBy: row.createdBy,
          }),
        )
        .execute();
    },
    async forMeeting(meetingId) {
      return q.all(
        `select ${selectList('target_id field meeting_id value_json created_at created_by')}
         from corrections where meeting_id = ? order by created_at`,
        meetingId,
      );
    },
    async all() {
      return db.selectFrom('corrections').selectAll().orderBy('targetId').orderBy('field').execute();
    },
  };
}

function audit(db: Db, q: SqliteStatements): AuditLog {
  return {
    async append(entry) {
      q.insert('audit_log', {
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        targetId: entry.targetId,
        detailsJson: JSON.stringify(entry.details ?? null),
      });
    },
    async list(limit = 100) {
      return db.selectFrom('auditLog').selectAll().orderBy('id', 'desc').limit(limit).execute();
    },
  };
}

function stats(db: Db): StatsRepository {
  const inYear = (year?: number) =>
    year === undefined ? sql`1 = 1` : sql`m.date >= ${`${year}-01-01`} and m.date <= ${`${year}-12-31`}`;
  // A meeting is hidden from the public only by an explicit `published = 0`.
  const seen = (options?: StatsOptions) =>
    options?.publishedOnly
      ? sql`not exists (select 1 from meeting_publication mp where mp.meeting_id = m.id and mp.published = 0)`
      : sql`1 = 1`;
  const attendance = async (
    groupColumn: 'organisation_id' | 'person_id',
    join: string,
    extra: string,
    year?: number,
    options?: StatsOptions,
  ) => {
    const { rows } = await sql<{ id: string; name: string; present: number; absent: number; meetings: number }>`
      select g.id as id, g.name as name,
             count(distinct case when p.list = 'present' then p.meeting_id end) as present,
             count(distinct case when p.list = 'absent' and p.meeting_id not in (
               select p3.meeting_id from participants p3
               where p3.${sql.raw(groupColumn)} = g.id and p3.list = 'present') then p.meeting_id end) as absent,
             count(distinct p.meeting_id) as meetings
      from participants p
      join meetings m on m.id = p.meeting_id
      join ${sql.raw(join)} g on g.id = p.${sql.raw(groupColumn)}
      where p.list in ('present', 'absent') and ${inYear(year)} and ${seen(options)} ${sql.raw(extra)}
      group by g.id, g.name
      order by g.name, g.id`.execute(db);
    return rows.map((r) => ({
      ...r,
      present: Number(r.present),
      absent: Number(r.absent),
      meetings: Number(r.meetings),
    }));
  };
  return {
    async meetingsPerYear(options) {
      const { rows } = await sql<{ year: string; count: number }>`
        select substr(m.date, 1, 4) as year, count(*) as count from meetings m
        where m.date is not null and ${seen(options)}
        group by substr(m.date, 1, 4) order by year`.execute(db);
      return rows.map((r) => ({ year: r.year, count: Number(r.count) }));
    },
    async itemsPerYear(options) {
      const { rows } = await sql<{ year: string; count: number }>`
        select substr(m.date, 1, 4) as year, count(*) as count from items i join meetings m on m.id = i.meeting_id
        where m.date is not null and ${seen(options)} group by substr(m.date, 1, 4) order by year`.execute(db);
      return rows.map((r) => ({ year: r.year, count: Number(r.count) }));
    },
    async meetingCount(options) {
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from meetings m where ${seen(options)}`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },
    async decisionsByKind(year, options) {
      const { rows } = await sql<{ kind: string; count: number }>`
        select d.kind as kind, count(*) as count from decisions d join meetings m on m.id = d.meeting_id
        where ${inYear(year)} and ${seen(options)} group by d.kind order by d.kind`.execute(db);
      return rows.map((r) => ({ kind: r.kind, count: Number(r.count) }));
    },
    async attendanceByMunicipality(year, options) {
      return attendance('organisation_id', 'organisations', "and g.kind = 'municipality'", year, options);
    },
    async attendanceByPerson(year, options) {
      return attendance('person_id', 'persons', '', year, options);
    },
    async meetingsWithAttendance(year, options) {
      // Per meeting, one probe of the participants index; counting distinct meetings over every present
      // participant took 2.8 s on 100,000 protocols.
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from meetings m where ${inYear(year)} and ${seen(options)}
        and exists (select 1 from participants p where p.meeting_id = m.id and p.list = 'present')`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },
  };
}

/**
 * Binds every repository to one Kysely handle (a transaction or a connection) and to the prepared statements of
 * the same connection.
 */
export function createSession(db: Db, q: SqliteStatements): ArchiveSession {
  const session: ArchiveSession = {
    db,
    // Nothing is kept derived from the rows unless the store says otherwise (see SqliteArchiveStore.session).
    settle: async () => {},
    documents: documents(db, q),
    meetings: meetings(db, q),
    persons: persons(db, q),
    organisations: organisations(db, q),
    memberships: memberships(db),
    assignments: assignments(db, q),
    followUps: followUps(db, q),
    flags: flags(db, q),
    corrections: corrections(db, q),
    audit: audit(db, q),
    stats: stats(db),
    users: users(db),
    authSessions: authSessions(db),
    publication: publication(db),
  };
  return bindStatements(session, q);
}

export type { DocumentRow, MeetingRow };
