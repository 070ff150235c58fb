import { type RawBuilder, sql } from 'kysely';
import type { z } from 'zod';
import { matchKey } from '../../domain/match-keys.js';
import { type Clock, isOverdue } from '../../services/follow-up.js';
import type { ArchiveSession } from '../../store/ports.js';
import type { AssignmentStatus } from '../../store/schema.js';
import { isEmptyScope, type MeetingScope, needsMeetings, scopeCondition } from './meeting-scope.js';
import { countOf, direction, inOrder, type Order, type Paged, pageIds } from './read-meetings.js';
import type { AssignmentSummarySchema, FollowUpLinkSchema } from './schemas.js';

/*
 * Assignments one page at a time, with status and overdue computed in SQL for filtering and by the follow-up
 * service's rules for the rows shown (a test holds the two to the same answers as `listAssignments`).
 */

type AssignmentSummary = z.infer<typeof AssignmentSummarySchema>;
type FollowUpLinkView = z.infer<typeof FollowUpLinkSchema>;

export interface AssignmentFilter {
  statuses?: readonly AssignmentStatus[];
  overdue?: boolean;
  /** Part of the assignee's name as written, of the person's or of the organisation's name. */
  assignee?: string;
  itemId?: string;
}

/** A manual state wins; otherwise a confirmed report-back makes it `reported` (as `assignmentStatus`). */
const STATUS = sql<AssignmentStatus>`coalesce(
  (select s.status from assignment_states s where s.assignment_id = assignments.id),
  case when exists (select 1 from followup_links l where l.source_id = assignments.id and l.kind = 'report-back'
                    and l.status = 'confirmed') then 'reported' else 'open' end)`;

interface AssigneeMatch {
  names: string[];
  personIds: string[];
  organisationIds: string[];
}

async function assigneeMatch(session: ArchiveSession, text: string): Promise<AssigneeMatch> {
  const key = matchKey(text);
  const { db } = session;
  const names = (await db.selectFrom('assignmentAssignees').select('name').distinct().execute())
    .map((r) => r.name)
    .filter((n) => matchKey(n).includes(key));
  const persons = (await db.selectFrom('persons').select(['id', 'name']).execute()).filter((p) =>
    matchKey(p.name).includes(key),
  );
  const organisations = (await db.selectFrom('organisations').select(['id', 'name']).execute()).filter((o) =>
    matchKey(o.name).includes(key),
  );
  return { names, personIds: persons.map((p) => p.id), organisationIds: organisations.map((o) => o.id) };
}

function inList(column: string, values: readonly string[]) {
  return values.length > 0 ? sql`${sql.ref(column)} in (${sql.join(values)})` : sql`0 = 1`;
}

function assignmentConditions(filter: AssignmentFilter, today: string, assignees?: AssigneeMatch) {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (filter.itemId) parts.push(sql`assignments.item_id = ${filter.itemId}`);
  if (filter.statuses) parts.push(sql`${STATUS} in (${sql.join([...filter.statuses])})`);
  if (filter.overdue !== undefined) {
    // Past due: a day before today, or a month ("YYYY-MM") before this month.
    const past = sql`(assignments.due is not null and ((length(assignments.due) = 10 and assignments.due < ${today})
      or (length(assignments.due) = 7 and assignments.due < ${today.slice(0, 7)})))`;
    const overdue = sql`(${STATUS} = 'open' and ${past})`;
    parts.push(filter.overdue ? overdue : sql`not ${overdue}`);
  }
  if (assignees) {
    // Uncorrelated, so it runs once, not once per assignment.
    parts.push(sql`assignments.id in (select x.assignment_id from assignment_assignees x where
        ${inList('x.name', assignees.names)} or ${inList('x.person_id', assignees.personIds)}
        or ${inList('x.organisation_id', assignees.organisationIds)})`);
  }
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

async function linkViews(session: ArchiveSession, ids: string[]): Promise<Map<string, FollowUpLinkView[]>> {
  const out = new Map<string, FollowUpLinkView[]>();
  if (ids.length === 0) return out;
  const rows = await session.db
    .selectFrom('followupLinks')
    .leftJoin('items', 'items.id', 'followupLinks.targetItemId')
    .leftJoin('meetings', 'meetings.id', 'items.meetingId')
    .selectAll('followupLinks')
    .select(['meetings.date as targetDate', 'items.title as targetTitle'])
    .where('followupLinks.sourceId', 'in', ids)
    .where('followupLinks.kind', '=', 'report-back')
    .where('followupLinks.status', '!=', 'rejected')
    .orderBy('followupLinks.score', 'desc')
    .orderBy('followupLinks.id')
    .execute();
  for (const r of rows) {
    const view: FollowUpLinkView = {
      id: r.id,
      kind: r.kind,
      status: r.status,
      score: r.score,
      evidence: JSON.parse(r.evidenceJson) as unknown,
      targetItemId: r.targetItemId,
      targetMeetingId: r.targetMeetingId,
      targetDate: r.targetDate,
      targetTitle: r.targetTitle,
      note: r.note,
    };
    out.set(r.sourceId, [...(out.get(r.sourceId) ?? []), view]);
  }
  return out;
}

/**
 * Assignments in the scope, ordered by meeting date then agenda order, with status, overdue flag by `clock`, the
 * confirmed report-back and undecided suggestions. Without `limit`, all of them (one item's assignments).
 */
export async function assignmentPage(
  session: ArchiveSession,
  scope: MeetingScope,
  filter: AssignmentFilter,
  page: { limit?: number; offset: number; order: Order; cache?: object },
  clock: Clock,
  base: string,
): Promise<Paged<AssignmentSummary>> {
  if (isEmptyScope(scope)) return { rows: [], total: 0 };
  const today = clock().toISOString().slice(0, 10);
  const assignees = filter.assignee ? await assigneeMatch(session, filter.assignee) : undefined;
  const conditions = assignmentConditions(filter, today, assignees);
  const total = await countOf(
    session,
    needsMeetings(scope)
      ? sql`select count(*) as n from assignments join meetings on meetings.id = assignments.meeting_id
            where ${scopeCondition(scope)} and ${conditions}`
      : sql`select count(*) as n from assignments
            where ${scopeCondition(scope, 'assignments.meeting_id')} and ${conditions}`,
    page.cache,
  );
  const dir = direction(page.order);
  const window = page.limit === undefined ? sql`` : sql`limit ${page.limit} offset ${page.offset}`;
  const ids = await pageIds(
    session,
    sql`select assignments.id as id from meetings cross join assignments on assignments.meeting_id = meetings.id
        join items on items.id = assignments.item_id join decisions on decisions.id = assignments.decision_id
        where ${scopeCondition(scope)} and ${conditions}
        order by meetings.date ${dir}, meetings.id ${dir}, items.position, decisions.position, assignments.position
        ${window}`,
  );
  if (ids.length === 0) return { total, rows: [] };
  const rows = inOrder(
    ids,
    await session.db
      .selectFrom('assignments')
      .innerJoin('meetings', 'meetings.id', 'assignments.meetingId')
      .innerJoin('items', 'items.id', 'assignments.itemId')
      .innerJoin('decisions', 'decisions.id', 'assignments.decisionId')
      .select([
        'assignments.id',
        'assignments.meetingId',
        'meetings.date',
        'meetings.body',
        'assignments.itemId',
        'items.number as itemNumber',
        'items.title as itemTitle',
        'assignments.decisionId',
        'decisions.text as decision',
        'assignments.task',
        'assignments.due',
        'assignments.dueText',
        STATUS.as('status'),
        sql<string | null>`(select s.note from assignment_states s where s.assignment_id = assignments.id)`.as('note'),
      ])
      .where('assignments.id', 'in', ids)
      .execute(),
  );
  const assigneeRows = await session.db
    .selectFrom('assignmentAssignees')
    .select(['assignmentId', 'name', 'personId', 'organisationId'])
    .where('assignmentId', 'in', ids)
    .orderBy('assignmentId')
    .orderBy('position')
    .execute();
  const links = await linkViews(session, ids);
  return {
    total,
    rows: rows.map((r) => {
      const own = links.get(r.id) ?? [];
      return {
        ...r,
        assignees: assigneeRows
          .filter((a) => a.assignmentId === r.id)
          .map(({ name, personId, organisationId }) => ({ name, personId, organisationId })),
        overdue: isOverdue(r.status, r.due, clock),
        reportedBack: own.find((l) => l.status === 'confirmed') ?? null,
        suggestions: own.filter((l) => l.status === 'suggested'),
        links: { item: `${base}/items/${r.itemId}`, meeting: `${base}/meetings/${r.meetingId}` },
      };
    }),
  };
}
