import { type RawBuilder, sql } from 'kysely';
import { matchKey } from '../../domain/match-keys.js';
import type { ArchiveSession } from '../../store/ports.js';
import { hiddenMeetings } from './visibility.js';

/*
 * The meeting filters every list shares (year, body, from, to, one meeting) and the visibility rule, as an SQL
 * condition. Written as plain SQL over column names that are the same in every adapter's schema, so one condition
 * serves queries that join `meetings` to items, decisions or assignments.
 */

export interface MeetingScopeInput {
  year?: number;
  body?: string;
  from?: string;
  to?: string;
  meeting?: string;
}

export interface MeetingScope {
  from?: string;
  to?: string;
  /** Exact body names; an empty list matches nothing. */
  bodies?: string[];
  meetingId?: string;
  /** Meetings the public may not see. */
  hidden: string[];
}

/** Above this many hidden meetings, a subquery beats a list of bound parameters. */
const HIDDEN_AS_LIST = 500;

/** "2016" → 2016-01-01 / 2016-12-31; "2016-02" → 2016-02-01 / 2016-02-31 (compared as strings, so 31 is safe). */
export function dateBound(text: string, side: 'from' | 'to'): string {
  const [year, month, day] = text.split('-');
  if (side === 'from') return `${year}-${month ?? '01'}-${day ?? '01'}`;
  return `${year}-${month ?? '12'}-${day ?? '31'}`;
}

/** Names of bodies whose folded name contains the folded text, as stored ("kommundirektör" → the group). */
async function matchingBodies(session: ArchiveSession, text: string): Promise<string[]> {
  const key = matchKey(text);
  const rows = await session.db
    .selectFrom('meetings')
    .select('body')
    .distinct()
    .where('body', 'is not', null)
    .execute();
  return rows.map((r) => r.body!).filter((body) => matchKey(body).includes(key));
}

/** Resolves names to stored values, widens partial dates and looks up what is hidden. */
export async function resolveScope(session: ArchiveSession, input: MeetingScopeInput = {}): Promise<MeetingScope> {
  const scope: MeetingScope = { hidden: await hiddenMeetings(session) };
  const froms = [input.from && dateBound(input.from, 'from'), input.year && `${input.year}-01-01`].filter(Boolean);
  const tos = [input.to && dateBound(input.to, 'to'), input.year && `${input.year}-12-31`].filter(Boolean);
  if (froms.length > 0) scope.from = (froms as string[]).sort().at(-1)!;
  if (tos.length > 0) scope.to = (tos as string[]).sort()[0]!;
  if (input.body !== undefined) scope.bodies = await matchingBodies(session, input.body);
  if (input.meeting !== undefined) scope.meetingId = input.meeting;
  return scope;
}

/** True when the scope can match nothing, so the query need not run. */
export function isEmptyScope(scope: MeetingScope): boolean {
  return (
    (scope.bodies !== undefined && scope.bodies.length === 0) || (!!scope.from && !!scope.to && scope.from > scope.to)
  );
}

/** Whether the condition needs the `meetings` table (else it only reads the meeting id of the row). */
export function needsMeetings(scope: MeetingScope): boolean {
  return scope.from !== undefined || scope.to !== undefined || scope.bodies !== undefined;
}

/** The scope as an SQL condition; `meetingId` is the column holding the meeting id ("items.meeting_id"). */
export function scopeCondition(scope: MeetingScope, meetingId = 'meetings.id'): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  const id = sql.ref(meetingId);
  if (scope.from) parts.push(sql`meetings.date >= ${scope.from}`);
  if (scope.to) parts.push(sql`meetings.date <= ${scope.to}`);
  if (scope.bodies) parts.push(sql`meetings.body in (${sql.join(scope.bodies)})`);
  if (scope.meetingId) parts.push(sql`${id} = ${scope.meetingId}`);
  if (scope.hidden.length > HIDDEN_AS_LIST) {
    parts.push(sql`not exists (select 1 from meeting_publication mp where mp.meeting_id = ${id} and mp.published = 0)`);
  } else if (scope.hidden.length > 0) {
    parts.push(sql`${id} not in (${sql.join(scope.hidden)})`);
  }
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}
