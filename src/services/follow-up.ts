import { AppError } from '../domain/errors.js';
import { matchKey, stableId } from '../domain/match-keys.js';
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

interface AnalyzedItem {
  titleWords: Set<string>;
  words: Set<string>;
}

type TextItem = Pick<DatedItem, 'id' | 'title' | 'text'>;

/** One linking run's memory: each item and assignment is analysed once, however often it is compared. */
class Analysis {
  private readonly items = new Map<string, AnalyzedItem>();
  private readonly assignments = new Map<string, Set<string>>();
  constructor(readonly analyze: Analyzer) {}

  item(item: TextItem): AnalyzedItem {
    let hit = this.items.get(item.id);
    if (!hit) {
      const titleWords = new Set(this.analyze(item.title));
      hit = { titleWords, words: new Set([...titleWords, ...this.analyze(item.text)]) };
      this.items.set(item.id, hit);
    }
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

/** Items by subject word, so an assignment is scored only against the items that share enough words with it. */
class ItemIndex {
  private readonly byWord = new Map<string, number[]>();
  constructor(
    private readonly items: readonly DatedItem[],
    analysis: Analysis,
  ) {
    items.forEach((item, position) => {
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
  const common = [...wanted].filter((w) => targetWords.has(w));
  if (common.length < MIN_COMMON_WORDS) return null;
  const inTitle = [...wanted].filter((w) => titleWords.has(w));
  const coverage = common.length / wanted.size;
  const titleCoverage = titleWords.size ? inTitle.length / titleWords.size : 0;
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
  for (const { item, result } of scored) {
    await session.followUps.suggest({
      id: stableId('l', 'report-back', assignment.id, item.id),
      kind: 'report-back',
      sourceId: assignment.id,
      sourceMeetingId: assignment.meetingId,
      targetItemId: item.id,
      targetMeetingId: item.meetingId,
      score: result.score,
      evidenceJson: JSON.stringify(result.evidence),
      status: 'suggested',
      decidedAt: null,
      decidedBy: null,
      note: null,
    });
  }
}

async function targetMeetingOf(session: ArchiveSession, item: DatedItem) {
  if (!item.date) return undefined;
  const date = item.referralDate;
  const after = addDays(item.date, 1);
  if (date && date.length === 10) return (await session.meetings.list({ body: item.body, from: date, to: date, limit: 1 }))[0];
  if (date) {
    const from = `${date}-01` > after ? `${date}-01` : after;
    return (await session.meetings.list({ body: item.body, from, to: dueDeadline(date), limit: 1 }))[0];
  }
  // "Tas upp på nästa möte" without a date: the next meeting of the body.
  return (await session.meetings.list({ body: item.body, from: after, to: addMonths(after, 12), limit: 1 }))[0];
}

/** Links a postponed item to the item of the target meeting that took it up, or flags it as not taken up. */
async function linkReferral(session: ArchiveSession, item: DatedItem, analysis: Analysis): Promise<void> {
  const flagId = stableId('f', 'referral-not-taken-up', item.id);
  await session.flags.remove(flagId);
  const target = await targetMeetingOf(session, item);
  if (!target) return; // The target meeting is not in the archive (yet): nothing to say.
  const wanted = analysis.item(item).titleWords;
  const candidates = wanted.size === 0 ? [] : await session.meetings.items(target.id);
  for (const candidate of candidates) {
    const { words } = analysis.item(candidate);
    const common = [...wanted].filter((w) => words.has(w));
    const score = Math.round((common.length / wanted.size) * 1000) / 1000;
    if (common.length === 0 || score < 0.5) continue;
    await session.followUps.suggest({
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
  const byBody = new Map<string | null, MeetingRow[]>();
  for (const id of new Set(meetingIds)) {
    await session.followUps.clearSuggestions(id);
    const meeting = await session.meetings.get(id);
    if (!meeting?.date) continue;
    const list = byBody.get(meeting.body);
    if (list) list.push(meeting);
    else byBody.set(meeting.body, [meeting]);
  }
  for (const [body, meetings] of byBody) {
    meetings.sort((a, b) => a.date!.localeCompare(b.date!) || a.id.localeCompare(b.id));
    await linkBody(session, body, meetings, analysis);
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

/** Links meetings of one body, sorted by date. */
async function linkBody(
  session: ArchiveSession,
  body: string | null,
  meetings: readonly MeetingRow[],
  analysis: Analysis,
): Promise<void> {
  const first = meetings[0]!.date!;
  const last = meetings.at(-1)!.date!;

  // Their own assignments, against the items of later meetings within each assignment's window.
  const own: AssignmentView[] = [];
  for (const meeting of meetings) own.push(...(await session.assignments.forMeeting(meeting.id)));
  const ends = own.map(windowEnd).filter((end): end is string => end !== null);
  if (ends.length > 0) {
    const later = await session.meetings.itemsBetween(body, addDays(first, 1), ends.sort().at(-1)!);
    const index = new ItemIndex(later, analysis);
    for (const assignment of own) {
      const end = windowEnd(assignment);
      if (!end) continue;
      const from = addDays(assignment.date!, 1);
      const candidates = index
        .sharing(analysis.wanted(assignment), MIN_COMMON_WORDS)
        .filter((item) => item.date! >= from && item.date! <= end);
      await suggestReportBacks(session, assignment, candidates, analysis);
    }
  }

  // Earlier assignments whose window reaches one of these meetings, against that meeting's items.
  const earlier = await session.assignments.list({
    body,
    from: addMonths(first, -LOOKBACK_MONTHS),
    to: addDays(last, -1),
  });
  if (earlier.length > 0) {
    const items: DatedItem[] = [];
    for (const meeting of meetings) {
      for (const item of await session.meetings.items(meeting.id)) items.push({ ...item, date: meeting.date, body });
    }
    const index = new ItemIndex(items, analysis);
    for (const assignment of earlier) {
      const end = windowEnd(assignment);
      if (!end) continue;
      const byMeeting = new Map<string, DatedItem[]>();
      for (const item of index.sharing(analysis.wanted(assignment), MIN_COMMON_WORDS)) {
        const date = item.date!;
        if (date > end || assignment.date! >= date || assignment.date! < addMonths(date, -LOOKBACK_MONTHS)) continue;
        const list = byMeeting.get(item.meetingId);
        if (list) list.push(item);
        else byMeeting.set(item.meetingId, [item]);
      }
      for (const candidates of byMeeting.values()) await suggestReportBacks(session, assignment, candidates, analysis);
    }
  }

  // Referrals these meetings may have taken up (or that they made themselves).
  const referred = await session.meetings.referredItemsBefore(
    body,
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
  if (view.state) return view.state.status;
  return links.some((l) => l.status === 'confirmed') ? 'reported' : 'open';
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
      const links = (await session.followUps.list({ kind: 'report-back', sourceId: view.id })).filter(
        (l) => l.status !== 'rejected',
      );
      const status = assignmentStatus(view, links);
      const overdue = isOverdue(status, view.due, clock);
      if (query.open && status !== 'open') continue;
      if (query.overdue && !overdue) continue;
      const confirmed = links.find((l) => l.status === 'confirmed');
      out.push({
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
        overdue,
        note: view.state?.note ?? null,
        reportedBack: confirmed ? await linkView(session, confirmed) : null,
        suggestions: await Promise.all(links.filter((l) => l.status === 'suggested').map((l) => linkView(session, l))),
      });
    }
    return out;
  });
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
  const id = await store.write(async (session) => {
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
    return assignment.id;
  });
  const [summary] = await listAssignments(store, {}, clock).then((all) => all.filter((a) => a.id === id));
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
  return store.read(async (session) => {
    const items = await session.meetings.referredItemsBefore(null, '9999-12-31');
    const others = (await session.meetings.list())
      .map((m) => m.body)
      .filter((b, i, all): b is string => b !== null && all.indexOf(b) === i);
    for (const body of others) items.push(...(await session.meetings.referredItemsBefore(body, '9999-12-31')));
    const flagged = new Set((await session.flags.list({ kind: 'referral-not-taken-up' })).map((f) => f.subjectId));
    const out: ReferralSummary[] = [];
    for (const item of items) {
      const links = (await session.followUps.list({ kind: 'referral', sourceId: item.id })).filter(
        (l) => l.status !== 'rejected',
      );
      const status = links.some((l) => l.status === 'confirmed')
        ? 'taken-up'
        : links.length > 0
          ? 'suggested'
          : flagged.has(item.id)
            ? 'not-taken-up'
            : 'pending';
      out.push({
        itemId: item.id,
        meetingId: item.meetingId,
        date: item.date,
        title: item.title,
        referral: { to: item.referralTo, date: item.referralDate, text: item.referralText },
        status,
        links: await Promise.all(links.map((l) => linkView(session, l))),
      });
    }
    return out.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.itemId.localeCompare(b.itemId));
  });
}
