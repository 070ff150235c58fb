import { type InsertObject, type Kysely, sql } from 'kysely';
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
  StatsRepository,
} from '../ports.js';
import type { ArchiveSchema, AssigneeRow, DocumentRow, MeetingRow } from '../schema.js';

/*
 * The repositories are written with Kysely's query builder only (no SQLite dialect features except
 * `on conflict`, which PostgreSQL shares), so a PostgreSQL adapter can reuse them with its own migrations.
 */

type Db = Kysely<ArchiveSchema>;

/** SQLite allows at most 32766 bound parameters per statement; stay well below with every table's width. */
const CHUNK = 200;

async function insertChunked<T extends keyof ArchiveSchema & string>(
  db: Db,
  table: T,
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK) as unknown as InsertObject<ArchiveSchema, T>[];
    await db.insertInto(table).values(chunk).execute();
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

function documents(db: Db): DocumentRepository {
  return {
    async findBySha(sha256) {
      return db.selectFrom('documents').select(DOCUMENT_INFO_COLUMNS).where('sha256', '=', sha256).executeTakeFirst();
    },
    async get(id) {
      return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async insert(row) {
      await db
        .insertInto('documents')
        .values({ ...row, bytes: asBuffer(row.bytes) })
        .execute();
    },
    async update(id, patch) {
      const values = patch.bytes ? { ...patch, bytes: asBuffer(patch.bytes) } : patch;
      await db.updateTable('documents').set(values).where('id', '=', id).execute();
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
      await db.deleteFrom('warnings').where('documentId', '=', documentId).execute();
      await insertChunked(db, 'warnings', warnings);
    },
    async warnings(documentId) {
      return db.selectFrom('warnings').selectAll().where('documentId', '=', documentId).orderBy('position').execute();
    },
  };
}

function datedItems(db: Db) {
  return db
    .selectFrom('items')
    .innerJoin('meetings', 'meetings.id', 'items.meetingId')
    .selectAll('items')
    .select(['meetings.date as date', 'meetings.body as body']);
}

function meetings(db: Db): MeetingRepository {
  return {
    async get(id) {
      return db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
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
      let q = db.selectFrom('meetings').selectAll();
      if (filter.year !== undefined) {
        q = q.where('date', '>=', `${filter.year}-01-01`).where('date', '<=', `${filter.year}-12-31`);
      }
      if (filter.from) q = q.where('date', '>=', filter.from);
      if (filter.to) q = q.where('date', '<=', filter.to);
      if (filter.body === null) q = q.where('body', 'is', null);
      else if (filter.body !== undefined) q = q.where('body', '=', filter.body);
      return q.orderBy('date').orderBy('id').execute();
    },
    async replace(bundle) {
      const { meeting } = bundle;
      const existing = await db.selectFrom('meetings').select('id').where('id', '=', meeting.id).executeTakeFirst();
      if (existing) {
        const { id, ...rest } = meeting;
        await db.updateTable('meetings').set(rest).where('id', '=', id).execute();
        // Children first where a cascade would not reach them in one step.
        for (const table of ['participants', 'signatures', 'adjournments', 'items'] as const) {
          await db.deleteFrom(table).where('meetingId', '=', id).execute();
        }
      } else {
        await db.insertInto('meetings').values(meeting).execute();
      }
      await insertChunked(db, 'participants', bundle.participants);
      await insertChunked(db, 'items', bundle.items);
      await insertChunked(db, 'decisions', bundle.decisions);
      await insertChunked(db, 'assignments', bundle.assignments);
      await insertChunked(db, 'assignmentAssignees', bundle.assignees);
      await insertChunked(db, 'signatures', bundle.signatures);
      await insertChunked(db, 'adjournments', bundle.adjournments);
    },
    async delete(id) {
      await db.deleteFrom('meetings').where('id', '=', id).execute();
    },
    async bundle(id) {
      const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
      if (!meeting) return undefined;
      const assignments = await db
        .selectFrom('assignments')
        .selectAll()
        .where('meetingId', '=', id)
        .orderBy('itemId')
        .orderBy('decisionId')
        .orderBy('position')
        .execute();
      const assignees = await db
        .selectFrom('assignmentAssignees')
        .innerJoin('assignments', 'assignments.id', 'assignmentAssignees.assignmentId')
        .selectAll('assignmentAssignees')
        .where('assignments.meetingId', '=', id)
        .orderBy('assignmentAssignees.assignmentId')
        .orderBy('assignmentAssignees.position')
        .execute();
      const bundle: MeetingBundle = {
        meeting,
        participants: await db
          .selectFrom('participants')
          .selectAll()
          .where('meetingId', '=', id)
          .orderBy(sql`case list when 'present' then 0 when 'absent' then 1 else 2 end`)
          .orderBy('position')
          .execute(),
        items: await db.selectFrom('items').selectAll().where('meetingId', '=', id).orderBy('position').execute(),
        decisions: await db
          .selectFrom('decisions')
          .selectAll()
          .where('meetingId', '=', id)
          .orderBy('itemId')
          .orderBy('position')
          .execute(),
        assignments,
        assignees,
        signatures: await db
          .selectFrom('signatures')
          .selectAll()
          .where('meetingId', '=', id)
          .orderBy('position')
          .execute(),
        adjournments: await db
          .selectFrom('adjournments')
          .selectAll()
          .where('meetingId', '=', id)
          .orderBy('position')
          .execute(),
      };
      return bundle;
    },
    async itemsBetween(body, from, to) {
      let q = datedItems(db).where('meetings.date', '>=', from).where('meetings.date', '<=', to);
      q = body === null ? q.where('meetings.body', 'is', null) : q.where('meetings.body', '=', body);
      return q.orderBy('meetings.date').orderBy('items.position').execute() as Promise<DatedItem[]>;
    },
    async referredItemsBefore(body, before) {
      let q = datedItems(db).where('items.referralText', 'is not', null).where('meetings.date', '<', before);
      q = body === null ? q.where('meetings.body', 'is', null) : q.where('meetings.body', '=', body);
      return q.orderBy('meetings.date').orderBy('items.position').execute() as Promise<DatedItem[]>;
    },
    async items(meetingId) {
      return db.selectFrom('items').selectAll().where('meetingId', '=', meetingId).orderBy('position').execute();
    },
    async getItem(id) {
      return datedItems(db).where('items.id', '=', id).executeTakeFirst() as Promise<DatedItem | undefined>;
    },
    async meetingOf(targetId) {
      const table = ({ m: 'meetings', i: 'items', d: 'decisions', a: 'assignments' } as const)[
        targetId.split('_')[0] as 'm' | 'i' | 'd' | 'a'
      ];
      if (!table) return undefined;
      if (table === 'meetings') return (await this.get(targetId))?.id;
      const row = await db.selectFrom(table).select('meetingId').where('id', '=', targetId).executeTakeFirst();
      return row?.meetingId;
    },
    async patchMeeting(id, patch) {
      const r = await db.updateTable('meetings').set(patch).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async patchItem(id, patch) {
      const r = await db.updateTable('items').set(patch).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async patchDecision(id, patch) {
      const r = await db.updateTable('decisions').set(patch).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async patchAssignment(id, patch) {
      const r = await db.updateTable('assignments').set(patch).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}

function persons(db: Db): PersonRepository {
  return {
    async get(id) {
      return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async list() {
      return db.selectFrom('persons').selectAll().orderBy('name').orderBy('id').execute();
    },
    async create(row) {
      await db.insertInto('persons').values(row).execute();
    },
    async rename(id, name) {
      await db.updateTable('persons').set({ name }).where('id', '=', id).execute();
    },
    async delete(id) {
      await db.deleteFrom('persons').where('id', '=', id).execute();
    },
    async resolveAlias(matchKey, organisationId) {
      const rows = await db
        .selectFrom('personAliases')
        .select(['personId', 'organisationId'])
        .where('matchKey', '=', matchKey)
        .where('organisationId', 'in', organisationId ? [organisationId, ''] : [''])
        .execute();
      const specific = rows.find((r) => r.organisationId !== '');
      return (specific ?? rows[0])?.personId;
    },
    async putAlias(row) {
      await db
        .insertInto('personAliases')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['matchKey', 'organisationId'])
            .doUpdateSet({ personId: row.personId, spelling: row.spelling, source: row.source }),
        )
        .execute();
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

function organisations(db: Db): OrganisationRepository {
  return {
    async get(id) {
      return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async list() {
      return db.selectFrom('organisations').selectAll().orderBy('kind').orderBy('name').execute();
    },
    async create(row) {
      await db.insertInto('organisations').values(row).execute();
    },
    async findByVariant(matchKey) {
      const row = await db
        .selectFrom('organisationVariants')
        .select('organisationId')
        .where('matchKey', '=', matchKey)
        .executeTakeFirst();
      return row?.organisationId;
    },
    async putVariant(matchKey, organisationId) {
      await db
        .insertInto('organisationVariants')
        .values({ matchKey, organisationId })
        .onConflict((oc) => oc.column('matchKey').doNothing())
        .execute();
    },
    async variants() {
      return db.selectFrom('organisationVariants').selectAll().orderBy('matchKey').execute();
    },
  };
}

function memberships(db: Db): MembershipRepository {
  const base = () => db.selectFrom('memberships').selectAll().orderBy('firstDate').orderBy('organisationId');
  return {
    async forPerson(personId) {
      return base().where('personId', '=', personId).execute();
    },
    async forOrganisation(organisationId) {
      return base().where('organisationId', '=', organisationId).execute();
    },
    async all() {
      return base().orderBy('personId').execute();
    },
  };
}

function assignments(db: Db): AssignmentRepository {
  async function withContext(
    rows: Array<Omit<AssignmentView, 'assignees' | 'state'> & Partial<Pick<AssignmentView, 'assignees' | 'state'>>>,
  ): Promise<AssignmentView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const assignees: AssigneeRow[] = [];
    const states = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      assignees.push(
        ...(await db
          .selectFrom('assignmentAssignees')
          .selectAll()
          .where('assignmentId', 'in', chunk)
          .orderBy('position')
          .execute()),
      );
      states.push(
        ...(await db.selectFrom('assignmentStates').selectAll().where('assignmentId', 'in', chunk).execute()),
      );
    }
    const byAssignment = new Map<string, AssigneeRow[]>();
    for (const a of assignees) byAssignment.set(a.assignmentId, [...(byAssignment.get(a.assignmentId) ?? []), a]);
    const stateById = new Map(states.map((s) => [s.assignmentId, s]));
    return rows.map((r) => ({ ...r, assignees: byAssignment.get(r.id) ?? [], state: stateById.get(r.id) ?? null }));
  }
  const base = () =>
    db
      .selectFrom('assignments')
      .innerJoin('meetings', 'meetings.id', 'assignments.meetingId')
      .innerJoin('items', 'items.id', 'assignments.itemId')
      .innerJoin('decisions', 'decisions.id', 'assignments.decisionId')
      .selectAll('assignments')
      .select([
        'meetings.date as date',
        'meetings.body as body',
        'items.title as itemTitle',
        'items.number as itemNumber',
        'decisions.text as decisionText',
      ])
      .orderBy('meetings.date')
      .orderBy('items.position')
      .orderBy('decisions.position')
      .orderBy('assignments.position');
  return {
    async list(filter = {}) {
      let q = base();
      if (filter.meetingId) q = q.where('assignments.meetingId', '=', filter.meetingId);
      if (filter.body === null) q = q.where('meetings.body', 'is', null);
      else if (filter.body !== undefined) q = q.where('meetings.body', '=', filter.body);
      if (filter.from) q = q.where('meetings.date', '>=', filter.from);
      if (filter.to) q = q.where('meetings.date', '<=', filter.to);
      return withContext(await q.execute());
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
      return withContext(await base().where('assignments.meetingId', '=', meetingId).execute());
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

function followUps(db: Db): FollowUpLinkRepository {
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
      await db
        .insertInto('followupLinks')
        .values(row)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            score: row.score,
            evidenceJson: row.evidenceJson,
            sourceMeetingId: row.sourceMeetingId,
            targetMeetingId: row.targetMeetingId,
          }),
        )
        .execute();
    },
    async put(row) {
      const { id, ...rest } = row;
      await db
        .insertInto('followupLinks')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(rest))
        .execute();
    },
    async clearSuggestions(meetingId) {
      await db
        .deleteFrom('followupLinks')
        .where('status', '=', 'suggested')
        .where((eb) => eb.or([eb('sourceMeetingId', '=', meetingId), eb('targetMeetingId', '=', meetingId)]))
        .execute();
    },
    async decide(id, status, by, at, note) {
      await db
        .updateTable('followupLinks')
        .set({ status, decidedBy: by, decidedAt: at, note })
        .where('id', '=', id)
        .execute();
    },
    async list(filter = {}) {
      let q = db.selectFrom('followupLinks').selectAll();
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      if (filter.sourceId) q = q.where('sourceId', '=', filter.sourceId);
      if (filter.status) q = q.where('status', '=', filter.status);
      return q.orderBy('sourceId').orderBy('score', 'desc').orderBy('id').execute();
    },
  };
}

function flags(db: Db): FlagRepository {
  return {
    async put(row) {
      await db
        .insertInto('flags')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet({ detailsJson: row.detailsJson, meetingId: row.meetingId }))
        .execute();
    },
    async remove(id) {
      await db.deleteFrom('flags').where('id', '=', id).execute();
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

function corrections(db: Db): CorrectionRepository {
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
      return db.selectFrom('corrections').selectAll().where('meetingId', '=', meetingId).orderBy('createdAt').execute();
    },
    async all() {
      return db.selectFrom('corrections').selectAll().orderBy('targetId').orderBy('field').execute();
    },
  };
}

function audit(db: Db): AuditLog {
  return {
    async append(entry) {
      await db
        .insertInto('auditLog')
        .values({
          at: entry.at,
          actor: entry.actor,
          action: entry.action,
          targetId: entry.targetId,
          detailsJson: JSON.stringify(entry.details ?? null),
        })
        .execute();
    },
    async list(limit = 100) {
      return db.selectFrom('auditLog').selectAll().orderBy('id', 'desc').limit(limit).execute();
    },
  };
}

function stats(db: Db): StatsRepository {
  const inYear = (year?: number) =>
    year === undefined ? sql`1 = 1` : sql`m.date >= ${`${year}-01-01`} and m.date <= ${`${year}-12-31`}`;
  const attendance = async (
    groupColumn: 'organisation_id' | 'person_id',
    join: string,
    extra: string,
    year?: number,
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
      where p.list in ('present', 'absent') and ${inYear(year)} ${sql.raw(extra)}
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
    async meetingsPerYear() {
      const { rows } = await sql<{ year: string; count: number }>`
        select substr(date, 1, 4) as year, count(*) as count from meetings where date is not null
        group by substr(date, 1, 4) order by year`.execute(db);
      return rows.map((r) => ({ year: r.year, count: Number(r.count) }));
    },
    async itemsPerYear() {
      const { rows } = await sql<{ year: string; count: number }>`
        select substr(m.date, 1, 4) as year, count(*) as count from items i join meetings m on m.id = i.meeting_id
        where m.date is not null group by substr(m.date, 1, 4) order by year`.execute(db);
      return rows.map((r) => ({ year: r.year, count: Number(r.count) }));
    },
    async decisionsByKind(year) {
      const { rows } = await sql<{ kind: string; count: number }>`
        select d.kind as kind, count(*) as count from decisions d join meetings m on m.id = d.meeting_id
        where ${inYear(year)} group by d.kind order by d.kind`.execute(db);
      return rows.map((r) => ({ kind: r.kind, count: Number(r.count) }));
    },
    async attendanceByMunicipality(year) {
      return attendance('organisation_id', 'organisations', "and g.kind = 'municipality'", year);
    },
    async attendanceByPerson(year) {
      return attendance('person_id', 'persons', '', year);
    },
    async meetingsWithAttendance(year) {
      const { rows } = await sql<{ n: number }>`
        select count(distinct p.meeting_id) as n from participants p join meetings m on m.id = p.meeting_id
        where p.list = 'present' and ${inYear(year)}`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },
  };
}

/** Binds every repository to one Kysely handle (a transaction or a connection). */
export function createSession(db: Db): ArchiveSession {
  return {
    db,
    documents: documents(db),
    meetings: meetings(db),
    persons: persons(db),
    organisations: organisations(db),
    memberships: memberships(db),
    assignments: assignments(db),
    followUps: followUps(db),
    flags: flags(db),
    corrections: corrections(db),
    audit: audit(db),
    stats: stats(db),
  };
}

export type { DocumentRow, MeetingRow };
