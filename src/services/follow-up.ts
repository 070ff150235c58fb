import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import { matchKey, seriesOfNaturalKey, stableId } from '../domain/match-keys.js';
import type { ArchiveSession, ArchiveStore, AssignmentView, DatedItem } from '../store/ports.js';
import type { AssignmentStatus, FollowupLinkRow, LinkStatus, MeetingRow } from '../store/schema.js';
import { type Analyzer, subjectWords } from './subject-words.js';

/*
 * Follow-up: assignments (uppdrag) and referrals (flyttade ärenden). Linking only ever *suggests*; a secretary
 * confirms or rejects, and that decision is stored by deterministic link id (assignment/item id + target item id),
 * which re-imports reproduce, so it survives them. Suggestions are recomputed whenever a meeting is imported.
 */

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** Report-back candidates must share at least this many subject words with the assignment… */
const MIN_COMMON_WORDS = 2;
/** …and score at least this much. */
const MIN_SCORE = 0.35;
const MAX_SUGGESTIONS = 3;
/** How long after the decision (or after the due date) a report-back is looked for. */
const WINDOW_WITHOUT_DUE_MONTHS = 18;
const WINDOW_AFTER_DUE_MONTHS = 6;
const LOOKBACK_MONTHS = 24;

export interface LinkOptions {
  analyze?: Analyzer;
}

export interface ReportBackEvidence {
  words: string[];
  titleWords: string[];
  /** Days between the target meeting and the due date (end of month when only the month is known). */
  daysFromDue: number | null;
}

function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number?];
  const date = new Date(Date.UTC(y, m - 1 + months, d ?? 1));
  return date.toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The last day an assignment may be reported back: the due date, or the month's end for "YYYY-MM". */
export function dueDeadline(due: string): string {
  if (due.length === 10) return due;
  return addDays(addMonths(`${due}-01`, 1), -1);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);
}

/**
 * An item's subject words, as plain arrays: a linking run may hold tens of thousands of items, and a Set per item
 * costs several times the memory for a gain that lists of a few dozen words do not need.
 */
interface AnalyzedItem {
  titleWords: readonly string[];
  /** Title and text; includes the title words. */
  words: readonly string[];
}

type TextItem = Pick<DatedItem, 'id' | 'title' | 'text'>;

/**
 * Items analysed by earlier linking runs of this process with the default analyser. An import links batch after
 * batch, and a batch's window of a series overlaps the previous one's, so without this most items of the archive
 * were analysed again for every batch. An entry remembers a fingerprint of the text it was made from, so a corrected
 * or re-imported item is analysed anew.
 */
const recentItems = new Map<string, { fingerprint: string; analysed: AnalyzedItem }>();
const RECENT_ITEMS = 20_000;

/** Title, text length and a 32-bit FNV-1a hash of the text: what tells an item's text from its earlier one. */
function fingerprint(item: TextItem): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < item.text.length; i++) hash = Math.imul(hash ^ item.text.charCodeAt(i), 0x01000193);
  return `${item.title}\u0000${item.text.length}:${hash >>> 0}`;
}

/** One linking run's memory: each item and assignment is analysed once, however often it is compared. */
class Analysis {
  private readonly items = new Map<string, AnalyzedItem>();
  private readonly assignments = new Map<string, Set<string>>();
  constructor(readonly analyze: Analyzer) {}

  item(item: TextItem): AnalyzedItem {
    let hit = this.items.get(item.id);
    if (hit) return hit;
    const shared = this.analyze === subjectWords;
    const print = shared ? fingerprint(item) : '';
    const recent = shared ? recentItems.get(item.id) : undefined;
    if (recent && recent.fingerprint === print) {
      hit = recent.analysed;
    } else {
      const titleWords = [...new Set(this.analyze(item.title))];
      hit = { titleWords, words: [...new Set([...titleWords, ...this.analyze(item.text)])] };
      if (shared) {
        if (recentItems.size >= RECENT_ITEMS) recentItems.delete(recentItems.keys().next().value!);
        recentItems.set(item.id, { fingerprint: print, analysed: hit });
      }
    }
    this.items.set(item.id, hit);
    return hit;
  }

  /** The subject words an assignment's report-back should share: its item's title and its task. */
  wanted(assignment: AssignmentView): Set<string> {
    let hit = this.assignments.get(assignment.id);
    if (!hit) {
      hit = new Set(this.analyze(`${assignment.itemTitle} ${assignment.task}`));
      this.assignments.set(assignment.id, hit);
    }
    return hit;
  }
}

/**
 * Items by subject word, so an assignment is scored only against the items that share enough words with it. Keeps
 * the items without their text (analysed already), which is most of their size.
 */
class ItemIndex {
  private readonly byWord = new Map<string, number[]>();
  private readonly items: DatedItem[];
  constructor(items: readonly DatedItem[], analysis: Analysis) {
    this.items = items.map((item) => {
      analysis.item(item);
      return { ...item, text: '' };
    });
    this.items.forEach((item, position) => {
      for (const word of analysis.item(item).words) {
        const list = this.byWord.get(word);
        if (list) list.push(position);
        else this.byWord.set(word, [position]);
      }
    });
  }

  /** Items sharing at least `min` of `words`, in the order the index was built with. */
  sharing(words: ReadonlySet<string>, min: number): DatedItem[] {
    const counts = new Map<number, number>();
    for (const word of words) {
      for (const position of this.byWord.get(word) ?? []) counts.set(position, (counts.get(position) ?? 0) + 1);
    }
    return [...counts]
      .filter(([, n]) => n >= min)
      .map(([position]) => position)
      .sort((a, b) => a - b)
      .map((position) => this.items[position]!);
  }
}

function scoreReportBack(
  assignment: AssignmentView,
  wanted: Set<string>,
  target: DatedItem,
  analysis: Analysis,
): { score: number; evidence: ReportBackEvidence } | null {
  if (wanted.size === 0 || !target.date) return null;
  const { titleWords, words: targetWords } = analysis.item(target);
  const common = [...wanted].filter((w) => targetWords.includes(w));
  if (common.length < MIN_COMMON_WORDS) return null;
  const inTitle = [...wanted].filter((w) => titleWords.includes(w));
  const coverage = common.length / wanted.size;
  const titleCoverage = titleWords.length ? inTitle.length / titleWords.length : 0;
  let score = 0.6 * coverage + 0.3 * titleCoverage;
  let daysFromDue: number | null = null;
  if (assignment.due) {
    daysFromDue = daysBetween(target.date, dueDeadline(assignment.due));
    const distance = Math.abs(daysFromDue);
    if (distance <= 45) score += 0.2;
    else if (distance <= 100) score += 0.1;
  }
  score = Math.min(1, Math.round(score * 1000) / 1000);
  if (score < MIN_SCORE) return null;
  return { score, evidence: { words: common, titleWords: inTitle, daysFromDue } };
}

function windowEnd(assignment: AssignmentView): string | null {
  if (!assignment.date) return null;
  return assignment.due
    ? addMonths(dueDeadline(assignment.due), WINDOW_AFTER_DUE_MONTHS)
    : addMonths(assignment.date, WINDOW_WITHOUT_DUE_MONTHS);
}

async function suggestReportBacks(
  session: ArchiveSession,
  assignment: AssignmentView,
  candidates: DatedItem[],
  analysis: Analysis,
): Promise<void> {
  const wanted = analysis.wanted(assignment);
  const scored = candidates
    .filter((item) => item.meetingId !== assignment.meetingId)
    .map((item) => ({ item, result: scoreReportBack(assignment, wanted, item, analysis) }))
    .filter((c): c is { item: DatedItem; result: NonNullable<typeof c.result> } => c.result !== null)
    .sort((a, b) => b.result.score - a.result.score || (a.item.date ?? '').localeCompare(b.item.date ?? ''))
    .slice(0, MAX_SUGGESTIONS);
  await session.followUps.replaceSuggestions(
    assignment.id,
    scored.map(({ item, result }) => ({
      id: stableId('l', 'report-back', assignment.id, item.id),
      kind: 'report-back',
      sourceId: assignment.id,
      sourceMeetingId: assignment.meetingId,
      targetItemId: item.id,
      targetMeetingId: item.meetingId,
      score: result.score,
      evidenceJson: JSON.stringify(result.evidence),
      status: 'suggested' as const,
      decidedAt: null,
      decidedBy: null,
      note: null,
    })),
  );
}

async function targetMeetingOf(session: ArchiveSession, item: DatedItem) {
  if (!item.date) return undefined;
  const date = item.referralDate;
  const after = addDays(item.date, 1);
  const series = item.series;
  if (date && date.length === 10) return (await session.meetings.list({ series, from: date, to: date, limit: 1 }))[0];
  if (date) {
    const from = `${date}-01` > after ? `${date}-01` : after;
    return (await session.meetings.list({ series, from, to: dueDeadline(date), limit: 1 }))[0];
  }
  // "Tas upp på nästa möte" without a date: the next meeting of the series.
  return (await session.meetings.list({ series, from: after, to: addMonths(after, 12), limit: 1 }))[0];
}

/** Links a postponed item to the item of the target meeting that took it up, or flags it as not taken up. */
async function linkReferral(session: ArchiveSession, item: DatedItem, analysis: Analysis): Promise<void> {
  const target = await targetMeetingOf(session, item);
  if (!target) {
    // The target meeting is not in the archive (yet): nothing to say.
    await session.flags.remove(stableId('f', 'referral-not-taken-up', item.id));
    return;
  }
  const wanted = analysis.item(item).titleWords;
  const candidates = wanted.length === 0 ? [] : await session.meetings.items(target.id);
  const suggestions: FollowupLinkRow[] = [];
  for (const candidate of candidates) {
    const { words } = analysis.item(candidate);
    const common = wanted.filter((w) => words.includes(w));
    const score = Math.round((common.length / wanted.length) * 1000) / 1000;
    if (common.length === 0 || score < 0.5) continue;
    suggestions.push({
      id: stableId('l', 'referral', item.id, candidate.id),
      kind: 'referral',
      sourceId: item.id,
      sourceMeetingId: item.meetingId,
      targetItemId: candidate.id,
      targetMeetingId: target.id,
      score,
      evidenceJson: JSON.stringify({ words: common }),
      status: 'suggested',
      decidedAt: null,
      decidedBy: null,
      note: null,
    });
  }
  await session.followUps.replaceSuggestions(item.id, suggestions);
  await refreshReferralFlag(session, item, target.id);
}

async function refreshReferralFlag(session: ArchiveSession, item: DatedItem, targetMeetingId: string): Promise<void> {
  const flagId = stableId('f', 'referral-not-taken-up', item.id);
  const links = await session.followUps.list({ kind: 'referral', sourceId: item.id });
  const open = links.filter((l) => l.status !== 'rejected' && l.targetMeetingId === targetMeetingId);
  if (open.length > 0 || links.some((l) => l.status === 'confirmed')) {
    await session.flags.remove(flagId);
    return;
  }
  await session.flags.put({
    id: flagId,
    kind: 'referral-not-taken-up',
    meetingId: item.meetingId,
    subjectId: item.id,
    detailsJson: JSON.stringify({ title: item.title, referral: item.referralText, targetMeetingId }),
  });
}

/**
 * Recomputes every follow-up suggestion and flag that involves the given meetings, in both directions: their
 * assignments and referrals against later meetings, and earlier assignments and referrals against them. Runs
 * inside the import transaction, once for a whole batch of documents: each item is analysed once, candidates are
 * found through an index of their words, and a referral that several of the meetings could have taken up is
 * linked once. Confirmed and rejected links are never touched.
 */
export async function linkMeetings(
  session: ArchiveSession,
  meetingIds: Iterable<string>,
  options: LinkOptions = {},
): Promise<void> {
  const analysis = new Analysis(options.analyze ?? subjectWords);
  const bySeries = new Map<string, MeetingRow[]>();
  for (const id of new Set(meetingIds)) {
    await session.followUps.clearSuggestions(id);
    const meeting = await session.meetings.get(id);
    if (!meeting?.date) continue;
    const series = seriesOfNaturalKey(meeting.naturalKey);
    const list = bySeries.get(series);
    if (list) list.push(meeting);
    else bySeries.set(series, [meeting]);
  }
  for (const [series, meetings] of bySeries) {
    meetings.sort((a, b) => a.date!.localeCompare(b.date!) || a.id.localeCompare(b.id));
    await linkSeries(session, series, meetings, analysis);
  }
}

/** Meetings taken off the relink queue per transaction. */
const RELINK_CHUNK = 1000;

/**
 * Computes the links of every meeting in the relink queue (see `FollowUpLinkRepository.queueRelink`), a chunk of
 * meetings per transaction, the meetings of a series together. A large import queues its meetings batch by batch
 * and calls this once at its end: each series' windows are read and scored once instead of once per batch. Links
 * do not depend on the order meetings are linked in, so the result is the same as linking batch by batch. Returns
 * how many meetings were linked.
 */
export async function relinkQueued(
  store: ArchiveStore,
  options: LinkOptions & { onProgress?: (done: number, total: number) => void } = {},
): Promise<number> {
  const total = await store.read((session) => session.followUps.relinkQueued());
  const link = options.analyze ? { analyze: options.analyze } : {};
  let done = 0;
  for (;;) {
    const linked = await store.write(async (session) => {
      const ids = await session.followUps.nextRelink(RELINK_CHUNK);
      await linkMeetings(session, ids, link);
      await session.followUps.dequeueRelink(ids);
      return ids.length;
    });
    if (linked === 0) return done;
    done += linked;
    options.onProgress?.(done, Math.max(total, done));
  }
}

/** `linkMeetings` for one meeting. */
export async function linkMeeting(
  session: ArchiveSession,
  meetingId: string,
  options: LinkOptions = {},
): Promise<void> {
  await linkMeetings(session, [meetingId], options);
}

/**
 * Links meetings of one series (one body of one organisation), sorted by date. A report-back or a postponed item is
 * looked for in the same series only: the archive of a whole region holds many bodies of the same name.
 */
async function linkSeries(
  session: ArchiveSession,
  series: string,
  meetings: readonly MeetingRow[],
  analysis: Analysis,
): Promise<void> {
  const first = meetings[0]!.date!;
  const last = meetings.at(-1)!.date!;

  // Every assignment whose report-back one of these meetings may hold: their own, and earlier ones whose window
  // reaches one of them. Each gets its best suggestions over its whole window, so the result does not depend on
  // the order protocols are imported in.
  const assignments = new Map<string, AssignmentView>();
  for (const meeting of meetings) {
    for (const assignment of await session.assignments.forMeeting(meeting.id))
      assignments.set(assignment.id, assignment);
  }
  const earlier = await session.assignments.list({ series, from: addMonths(first, -LOOKBACK_MONTHS), to: last });
  for (const assignment of earlier) {
    const end = windowEnd(assignment);
    const reaches = (m: MeetingRow) =>
      m.date! > assignment.date! && m.date! <= end! && assignment.date! >= addMonths(m.date!, -LOOKBACK_MONTHS);
    if (end && meetings.some(reaches)) assignments.set(assignment.id, assignment);
  }
  const windows = [...assignments.values()].flatMap((a) => {
    const end = windowEnd(a);
    return end ? [{ assignment: a, from: addDays(a.date!, 1), end }] : [];
  });
  if (windows.length > 0) {
    const from = windows.map((w) => w.from).sort()[0]!;
    const to = windows
      .map((w) => w.end)
      .sort()
      .at(-1)!;
    const index = new ItemIndex(await session.meetings.itemsBetween(series, from, to), analysis);
    for (const { assignment, from, end } of windows) {
      const candidates = index
        .sharing(analysis.wanted(assignment), MIN_COMMON_WORDS)
        .filter((item) => item.date! >= from && item.date! <= end);
      await suggestReportBacks(session, assignment, candidates, analysis);
    }
  }

  // Referrals these meetings may have taken up (or that they made themselves).
  const referred = await session.meetings.referredItemsBefore(
    series,
    addDays(last, 1),
    addMonths(first, -LOOKBACK_MONTHS),
  );
  for (const item of referred) await linkReferral(session, item, analysis);
}

export interface LinkView {
  id: string;
  kind: string;
  status: LinkStatus;
  score: number;
  evidence: unknown;
  targetItemId: string;
  targetMeetingId: string;
  targetDate: string | null;
  targetTitle: string | null;
  note: string | null;
}

export interface AssignmentSummary {
  id: string;
  meetingId: string;
  date: string | null;
  body: string | null;
  itemId: string;
  itemNumber: string | null;
  itemTitle: string;
  decision: string;
  task: string;
  assignees: Array<{ name: string; personId: string | null; organisationId: string | null }>;
  due: string | null;
  dueText: string | null;
  status: AssignmentStatus;
  overdue: boolean;
  note: string | null;
  reportedBack: LinkView | null;
  suggestions: LinkView[];
}

/** Status of an assignment: a manual state wins; otherwise a confirmed report-back makes it `reported`. */
export function assignmentStatus(view: AssignmentView, links: FollowupLinkRow[]): AssignmentStatus {
  return statusWithReportBack(
    view,
    links.some((l) => l.status === 'confirmed'),
  );
}

/** `assignmentStatus` when all that is known of the links is whether a report-back is confirmed. */
export function statusWithReportBack(view: AssignmentView, confirmedReportBack: boolean): AssignmentStatus {
  if (view.state) return view.state.status;
  return confirmedReportBack ? 'reported' : 'open';
}

/** Open and past the due date (the end of the month when only a month is given), by the injected clock. */
export function isOverdue(status: AssignmentStatus, due: string | null, clock: Clock): boolean {
  if (status !== 'open' || !due) return false;
  return dueDeadline(due) < clock().toISOString().slice(0, 10);
}

export interface AssignmentQuery {
  open?: boolean;
  overdue?: boolean;
  assignee?: string;
  meetingId?: string;
}

async function linkView(session: ArchiveSession, link: FollowupLinkRow): Promise<LinkView> {
  const target = await session.meetings.getItem(link.targetItemId);
  return {
    id: link.id,
    kind: link.kind,
    status: link.status,
    score: link.score,
    evidence: JSON.parse(link.evidenceJson),
    targetItemId: link.targetItemId,
    targetMeetingId: link.targetMeetingId,
    targetDate: target?.date ?? null,
    targetTitle: target?.title ?? null,
    note: link.note,
  };
}

/** Lists assignments with status, overdue flag, the confirmed report-back and open suggestions. */
export async function listAssignments(
  store: ArchiveStore,
  query: AssignmentQuery = {},
  clock: Clock = systemClock,
): Promise<AssignmentSummary[]> {
  return store.read(async (session) => {
    const views = await session.assignments.list(query.meetingId ? { meetingId: query.meetingId } : {});
    const wanted = query.assignee ? matchKey(query.assignee) : null;
    const out: AssignmentSummary[] = [];
    for (const view of views) {
      if (wanted) {
        const names = await Promise.all(
          view.assignees.map(async (a) => {
            const person = a.personId ? await session.persons.get(a.personId) : undefined;
            const org = a.organisationId ? await session.organisations.get(a.organisationId) : undefined;
            return [a.name, person?.name ?? '', org?.name ?? ''].map(matchKey).join(' | ');
          }),
        );
        if (!names.some((n) => n.includes(wanted))) continue;
      }
      const links = await reportBacks(session, view.id);
      const status = assignmentStatus(view, links);
      if (query.open && status !== 'open') continue;
      if (query.overdue && !isOverdue(status, view.due, clock)) continue;
      out.push(await summarizeAssignment(session, view, links, clock));
    }
    return out;
  });
}

/** The report-back links of an assignment that count: suggested and confirmed. */
async function reportBacks(session: ArchiveSession, assignmentId: string): Promise<FollowupLinkRow[]> {
  return (await session.followUps.list({ kind: 'report-back', sourceId: assignmentId })).filter(
    (l) => l.status !== 'rejected',
  );
}

async function summarizeAssignment(
  session: ArchiveSession,
  view: AssignmentView,
  links: FollowupLinkRow[],
  clock: Clock,
): Promise<AssignmentSummary> {
  return summary(view, await Promise.all(links.map((l) => linkView(session, l))), clock);
}

/** An assignment with its report-back links that count (suggested and confirmed, best first). */
function summary(view: AssignmentView, links: LinkView[], clock: Clock): AssignmentSummary {
  const confirmed = links.find((l) => l.status === 'confirmed');
  const status = statusWithReportBack(view, confirmed !== undefined);
  return {
    id: view.id,
    meetingId: view.meetingId,
    date: view.date,
    body: view.body,
    itemId: view.itemId,
    itemNumber: view.itemNumber,
    itemTitle: view.itemTitle,
    decision: view.decisionText,
    task: view.task,
    assignees: view.assignees.map((a) => ({
      name: a.name,
      personId: a.personId,
      organisationId: a.organisationId,
    })),
    due: view.due,
    dueText: view.dueText,
    status,
    overdue: isOverdue(status, view.due, clock),
    note: view.state?.note ?? null,
    reportedBack: confirmed ?? null,
    suggestions: links.filter((l) => l.status === 'suggested'),
  };
}

/**
 * The summaries of a page of assignments (`ids`, in that order): their views a meeting at a time, and the
 * report-back links of all of them in one query with their targets, where reading them per assignment and target
 * took some 170 queries for a page of 50.
 */
async function pageSummaries(session: ArchiveSession, ids: readonly string[], clock: Clock) {
  if (ids.length === 0) return [];
  const { rows: meetings } = await sql<{ meetingId: string }>`
    select distinct meeting_id as "meetingId" from assignments where id in (${sql.join(ids)})`.execute(session.db);
  const views = new Map<string, AssignmentView>();
  for (const { meetingId } of meetings) {
    for (const view of await session.assignments.forMeeting(meetingId)) views.set(view.id, view);
  }
  const links = await session.db
    .selectFrom('followupLinks as l')
    .leftJoin('items as t', 't.id', 'l.targetItemId')
    .leftJoin('meetings as tm', 'tm.id', 't.meetingId')
    .selectAll('l')
    .select(['t.title as targetTitle', 'tm.date as targetDate'])
    .where('l.kind', '=', 'report-back')
    .where('l.status', '!=', 'rejected')
    .where('l.sourceId', 'in', [...ids])
    .orderBy('l.sourceId')
    .orderBy('l.score', 'desc')
    .orderBy('l.id')
    .execute();
  const linksOf = new Map<string, LinkView[]>();
  for (const link of links) {
    const view: LinkView = {
      id: link.id,
      kind: link.kind,
      status: link.status,
      score: link.score,
      evidence: JSON.parse(link.evidenceJson),
      targetItemId: link.targetItemId,
      targetMeetingId: link.targetMeetingId,
      targetDate: link.targetDate ?? null,
      targetTitle: link.targetTitle ?? null,
      note: link.note,
    };
    linksOf.set(link.sourceId, [...(linksOf.get(link.sourceId) ?? []), view]);
  }
  return ids.flatMap((id) => {
    const view = views.get(id);
    return view ? [summary(view, linksOf.get(id) ?? [], clock)] : [];
  });
}

/**
 * An assignment `a`'s status: a manual state, else reported when a report-back is confirmed, else open (the SQL
 * twin of `assignmentStatus`). The `in (select …)` lists are read once per query; states and confirmed links are
 * few, and probing them per assignment took 1.9 s for the statistics of 100,000 protocols (now 0.5 s).
 */
const ASSIGNMENT_STATUS = sql<AssignmentStatus>`case
  when a.id in (select assignment_id from assignment_states)
    then (select s.status from assignment_states s where s.assignment_id = a.id)
  when a.id in (select source_id from followup_links where kind = 'report-back' and status = 'confirmed')
    then 'reported'
  else 'open' end`;
const ASSIGNMENT_IS_OPEN = sql<boolean>`${ASSIGNMENT_STATUS} = 'open'`;

/** Meetings `m` the viewer may see: with `publishedOnly`, not hidden from the public. */
function visibleMeeting(publishedOnly: boolean | undefined) {
  return publishedOnly
    ? sql<boolean>`not exists (select 1 from meeting_publication mp where mp.meeting_id = m.id and mp.published = 0)`
    : sql<boolean>`1 = 1`;
}

/** The SQL twin of `isOverdue` for an open assignment `a`: the due date, or the due month, is past. */
function dueIsPast(clock: Clock) {
  const today = clock().toISOString().slice(0, 10);
  return sql<boolean>`(a.due is not null and case when length(a.due) = 10 then a.due < ${today}
    else a.due < ${today.slice(0, 7)} end)`;
}

/**
 * The `limit` newest open assignments, not overdue and overdue, outside `hidden` (and, with `publishedOnly`,
 * outside meetings hidden from the public): what `listAssignments({ open:
 * true })` sorted newest first (undated last) starts with. Found through the meetings' date index, so the cost is
 * the page, not the archive.
 */
export async function newestOpenAssignments(
  store: ArchiveStore,
  options: { clock: Clock; limit: number; hidden?: ReadonlySet<string>; publishedOnly?: boolean },
): Promise<{ open: AssignmentSummary[]; overdue: AssignmentSummary[] }> {
  return store.read(async (session) => {
    const hidden = [...(options.hidden ?? [])];
    const page = async (overdue: boolean) => {
      const { rows } = await sql<{ id: string; meetingId: string }>`
        select a.id as id, a.meeting_id as "meetingId"
        from meetings m cross join assignments a on a.meeting_id = m.id
        join items i on i.id = a.item_id join decisions d on d.id = a.decision_id
        where ${ASSIGNMENT_IS_OPEN} and ${overdue ? dueIsPast(options.clock) : sql`not ${dueIsPast(options.clock)}`}
          and ${hidden.length > 0 ? sql`m.id not in (${sql.join(hidden)})` : sql`1 = 1`}
          and ${visibleMeeting(options.publishedOnly)}
        order by m.date desc, i.position, d.position, a.position, a.id
        limit ${Math.max(0, options.limit)}`.execute(session.db);
      return pageSummaries(
        session,
        rows.map((r) => r.id),
        options.clock,
      );
    };
    return { open: await page(false), overdue: await page(true) };
  });
}

/** The lists of the assignments page: open (overdue included), overdue, done (or reported back), all. */
export type AssignmentList = 'open' | 'overdue' | 'done' | 'all';

function listCondition(list: AssignmentList, clock: Clock) {
  switch (list) {
    case 'open':
      return ASSIGNMENT_IS_OPEN;
    case 'overdue':
      return sql<boolean>`(${ASSIGNMENT_IS_OPEN} and ${dueIsPast(clock)})`;
    case 'done':
      return sql<boolean>`${ASSIGNMENT_STATUS} in ('done', 'reported')`;
    case 'all':
      return sql<boolean>`1 = 1`;
  }
}

/**
 * One page of a list of assignments, newest meeting first (undated last, meetings of one day by id), in agenda
 * order within a meeting, with
 * the number of assignments in the list: what `listAssignments` filtered and sorted newest first has, found
 * through the meetings' date index so a page costs its rows.
 */
export async function assignmentListPage(
  store: ArchiveStore,
  options: { list: AssignmentList; clock: Clock; limit: number; offset: number; publishedOnly?: boolean },
): Promise<{ rows: AssignmentSummary[]; total: number }> {
  return store.read(async (session) => {
    const where = sql`${listCondition(options.list, options.clock)} and ${visibleMeeting(options.publishedOnly)}`;
    const total = session.totals
      ? (await sessionAssignmentListCounts(session, options))[options.list]
      : Number(
          (
            await sql<{ n: number }>`
              select count(*) as n from assignments a join meetings m on m.id = a.meeting_id where ${where}`.execute(
              session.db,
            )
          ).rows[0]?.n ?? 0,
        );
    const { rows } = await sql<{ id: string; meetingId: string }>`
      select a.id as id, a.meeting_id as "meetingId"
      from meetings m cross join assignments a on a.meeting_id = m.id
      join items i on i.id = a.item_id join decisions d on d.id = a.decision_id
      where ${where}
      order by m.date desc, m.id desc, i.position, d.position, a.position, a.id
      limit ${Math.max(0, options.limit)} offset ${Math.max(0, options.offset)}`.execute(session.db);
    return {
      rows: await pageSummaries(
        session,
        rows.map((r) => r.id),
        options.clock,
      ),
      total,
    };
  });
}

/** `dueIsPast` for one due date (or month), by today's date. */
function isPastDue(due: string, today: string): boolean {
  return due.length === 10 ? due < today : due < today.slice(0, 7);
}

/**
 * How many assignments each list of the assignments page has: from the archive's kept totals when it has them (a
 * few hundred rows, one per year, status and due date), else in one aggregate over the assignments.
 */
export async function assignmentListCounts(
  store: ArchiveStore,
  options: { clock: Clock; publishedOnly?: boolean },
): Promise<Record<AssignmentList, number>> {
  return store.read((session) => sessionAssignmentListCounts(session, options));
}

async function sessionAssignmentListCounts(
  session: ArchiveSession,
  options: { clock: Clock; publishedOnly?: boolean },
): Promise<Record<AssignmentList, number>> {
  if (session.totals) {
    const today = options.clock().toISOString().slice(0, 10);
    const counts = { open: 0, overdue: 0, done: 0, all: 0 };
    const rows = await session.totals.assignments({ publishedOnly: options.publishedOnly ?? false, allYears: true });
    for (const row of rows) {
      counts.all += row.count;
      if (row.status === 'open') counts.open += row.count;
      if (row.status === 'open' && row.due && isPastDue(row.due, today)) counts.overdue += row.count;
      if (row.status === 'done' || row.status === 'reported') counts.done += row.count;
    }
    return counts;
  }
  const { rows } = await sql<Record<AssignmentList, number | null>>`
    select count(*) as "all",
           sum(case when status = 'open' then 1 else 0 end) as open,
           sum(case when status = 'open' and past then 1 else 0 end) as overdue,
           sum(case when status in ('done', 'reported') then 1 else 0 end) as done
    from (select ${ASSIGNMENT_STATUS} as status, ${dueIsPast(options.clock)} as past
          from assignments a join meetings m on m.id = a.meeting_id
          where ${visibleMeeting(options.publishedOnly)})`.execute(session.db);
  const row = rows[0];
  return {
    open: Number(row?.open ?? 0),
    overdue: Number(row?.overdue ?? 0),
    done: Number(row?.done ?? 0),
    all: Number(row?.all ?? 0),
  };
}

async function uniqueByPrefix<T extends { id: string }>(rows: T[], ref: string, what: string): Promise<T> {
  const exact = rows.find((r) => r.id === ref);
  if (exact) return exact;
  if (rows.length === 0) throw new AppError('not-found', `No ${what} with id ${ref}.`);
  if (rows.length > 1) throw new AppError('conflict', `${ref} matches ${rows.length} ${what}s; give more of the id.`);
  return rows[0]!;
}

/** Sets an assignment's status by manual decision (done with a note, cancelled, reopened), with an audit entry. */
export async function setAssignmentStatus(
  store: ArchiveStore,
  ref: string,
  status: AssignmentStatus,
  options: { note?: string | null; actor?: string; clock?: Clock } = {},
): Promise<AssignmentSummary> {
  const clock = options.clock ?? systemClock;
  const { id, meetingId } = await store.write(async (session) => {
    const assignment = await uniqueByPrefix(await session.assignments.findByIdPrefix(ref), ref, 'assignment');
    const at = clock().toISOString();
    const actor = options.actor ?? 'cli';
    await session.assignments.setState({
      assignmentId: assignment.id,
      status,
      note: options.note ?? null,
      changedAt: at,
      changedBy: actor,
    });
    await session.audit.append({
      at,
      actor,
      action: `assignment.${status}`,
      targetId: assignment.id,
      details: { note: options.note ?? null },
    });
    return { id: assignment.id, meetingId: assignment.meetingId };
  });
  // The assignment's own meeting, not the whole archive.
  const [summary] = await listAssignments(store, { meetingId }, clock).then((all) => all.filter((a) => a.id === id));
  if (!summary) throw new AppError('not-found', `No assignment with id ${ref}.`);
  return summary;
}

/** Confirms or rejects a suggested follow-up link; the decision survives re-imports. */
export async function decideLink(
  store: ArchiveStore,
  ref: string,
  decision: 'confirmed' | 'rejected',
  options: { note?: string | null; actor?: string; clock?: Clock } = {},
): Promise<LinkView> {
  const clock = options.clock ?? systemClock;
  return store.write(async (session) => {
    const link = await uniqueByPrefix(await session.followUps.findByIdPrefix(ref), ref, 'link');
    const at = clock().toISOString();
    const actor = options.actor ?? 'cli';
    await session.followUps.decide(link.id, decision, actor, at, options.note ?? null);
    if (link.kind === 'referral') {
      const item = await session.meetings.getItem(link.sourceId);
      if (item) await refreshReferralFlag(session, item, link.targetMeetingId);
    }
    await session.audit.append({
      at,
      actor,
      action: `link.${decision}`,
      targetId: link.id,
      details: { note: options.note ?? null },
    });
    const updated = await session.followUps.get(link.id);
    return linkView(session, updated!);
  });
}

export interface ReferralSummary {
  itemId: string;
  meetingId: string;
  date: string | null;
  title: string;
  referral: { to: string | null; date: string | null; text: string | null };
  status: 'taken-up' | 'suggested' | 'not-taken-up' | 'pending';
  links: LinkView[];
}

/** Every postponed item with where it went: taken up (confirmed link), suggested, not taken up, or pending. */
export async function listReferrals(store: ArchiveStore): Promise<ReferralSummary[]> {
  return store.read((session) => referralSummaries(session, {}));
}

/**
 * The postponed items of one meeting, as `listReferrals` has them (an undated meeting has none). Reads the
 * meeting's own rows only, so it costs the same in any archive.
 */
export async function meetingReferrals(store: ArchiveStore, meetingId: string): Promise<ReferralSummary[]> {
  return store.read((session) => sessionMeetingReferrals(session, meetingId));
}

/** `meetingReferrals` within a read the caller already holds (one read for a whole page). */
export async function sessionMeetingReferrals(session: ArchiveSession, meetingId: string): Promise<ReferralSummary[]> {
  return referralSummaries(session, { meetingId });
}

/**
 * One page of the postponed items no later item has (confirmedly) taken up, newest meeting first, and how many
 * there are: what `listReferrals` filtered and sorted newest first has, a page at a time. With `publishedOnly`,
 * items of meetings hidden from the public are left out.
 */
export async function postponedPage(
  store: ArchiveStore,
  options: { limit: number; offset: number; publishedOnly?: boolean },
): Promise<{ rows: ReferralSummary[]; total: number }> {
  return store.read(async (session) => {
    // Dated meetings only, as `referralSummaries` has them; "taken up" is a confirmed referral link.
    const where = sql`i.referral_text is not null and m.date >= '' and m.date < '9999-12-31'
      and ${visibleMeeting(options.publishedOnly)}
      and not exists (select 1 from followup_links l
        where l.kind = 'referral' and l.source_id = i.id and l.status = 'confirmed')`;
    const total = session.totals
      ? await session.totals.postponedNotTakenUp({ publishedOnly: options.publishedOnly ?? false })
      : Number(
          (
            await sql<{ n: number }>`
              select count(*) as n from items i join meetings m on m.id = i.meeting_id where ${where}`.execute(
              session.db,
            )
          ).rows[0]?.n ?? 0,
        );
    const { rows } = await sql<{ id: string }>`
      select i.id as id from meetings m cross join items i on i.meeting_id = m.id where ${where}
      order by m.date desc, i.id limit ${Math.max(0, options.limit)} offset ${Math.max(0, options.offset)}`.execute(
      session.db,
    );
    const ids = rows.map((r) => r.id);
    const byId = new Map((await referralSummaries(session, { itemIds: ids })).map((r) => [r.itemId, r]));
    return { rows: ids.flatMap((id) => byId.get(id) ?? []), total };
  });
}

/**
 * Referrals in a fixed number of queries, whatever their number: the referred items (of dated meetings, as
 * `referredItemsBefore` finds them), their undecided or confirmed links with the target item, and the
 * not-taken-up flags. Plain SQL over column names every adapter shares, like the API's read models.
 */
async function referralSummaries(
  session: ArchiveSession,
  scope: { meetingId?: string; itemIds?: readonly string[] },
): Promise<ReferralSummary[]> {
  if (scope.itemIds?.length === 0) return [];
  const { db } = session;
  let itemQuery = db
    .selectFrom('items')
    .innerJoin('meetings', 'meetings.id', 'items.meetingId')
    .select([
      'items.id',
      'items.meetingId',
      'items.title',
      'items.referralTo',
      'items.referralDate',
      'items.referralText',
      'meetings.date',
    ])
    .where('items.referralText', 'is not', null)
    .where('meetings.date', '>=', '')
    .where('meetings.date', '<', '9999-12-31');
  if (scope.meetingId) itemQuery = itemQuery.where('items.meetingId', '=', scope.meetingId);
  if (scope.itemIds) itemQuery = itemQuery.where('items.id', 'in', [...scope.itemIds]);
  const items = await itemQuery.execute();
  if (items.length === 0) return [];
  const ids = items.map((i) => i.id);
  let linkQuery = db
    .selectFrom('followupLinks as l')
    .leftJoin('items as t', 't.id', 'l.targetItemId')
    .leftJoin('meetings as tm', 'tm.id', 't.meetingId')
    .selectAll('l')
    .select(['t.title as targetTitle', 'tm.date as targetDate'])
    .where('l.kind', '=', 'referral')
    .where('l.status', '!=', 'rejected');
  if (scope.meetingId || scope.itemIds) linkQuery = linkQuery.where('l.sourceId', 'in', ids);
  const links = await linkQuery.orderBy('l.sourceId').orderBy('l.score', 'desc').orderBy('l.id').execute();
  const linksOf = new Map<string, LinkView[]>();
  for (const link of links) {
    const view: LinkView = {
      id: link.id,
      kind: link.kind,
      status: link.status,
      score: link.score,
      evidence: JSON.parse(link.evidenceJson),
      targetItemId: link.targetItemId,
      targetMeetingId: link.targetMeetingId,
      targetDate: link.targetDate ?? null,
      targetTitle: link.targetTitle ?? null,
      note: link.note,
    };
    const list = linksOf.get(link.sourceId);
    if (list) list.push(view);
    else linksOf.set(link.sourceId, [view]);
  }
  let flagQuery = db.selectFrom('flags').select('subjectId').where('kind', '=', 'referral-not-taken-up');
  if (scope.meetingId) flagQuery = flagQuery.where('meetingId', '=', scope.meetingId);
  // By their meetings too, so the flags index narrows them (one kind alone is 17,000 flags of 100,000 protocols).
  if (scope.itemIds) {
    flagQuery = flagQuery
      .where('meetingId', 'in', [...new Set(items.map((i) => i.meetingId))])
      .where('subjectId', 'in', ids);
  }
  const flagged = new Set((await flagQuery.execute()).map((f) => f.subjectId));
  const out = items.map((item): ReferralSummary => {
    const itemLinks = linksOf.get(item.id) ?? [];
    const status = itemLinks.some((l) => l.status === 'confirmed')
      ? 'taken-up'
      : itemLinks.length > 0
        ? 'suggested'
        : flagged.has(item.id)
          ? 'not-taken-up'
          : 'pending';
    return {
      itemId: item.id,
      meetingId: item.meetingId,
      date: item.date,
      title: item.title,
      referral: { to: item.referralTo, date: item.referralDate, text: item.referralText },
      status,
      links: itemLinks,
    };
  });
  return out.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.itemId.localeCompare(b.itemId));
}
