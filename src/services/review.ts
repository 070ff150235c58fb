import { AppError } from '../domain/errors.js';
import type { ArchiveStore, MeetingBundle } from '../store/ports.js';
import type { AuditEntry, FollowupLinkRow } from '../store/schema.js';
import { correctField } from './corrections.js';
import type { Clock } from './follow-up.js';

/** The editable fields of each kind of row, as the review form names them (the row's own column names). */
export const REVIEW_FIELDS = {
  m: ['number', 'place', 'organization', 'startTime', 'endTime'],
  pa: ['list', 'organization', 'role', 'fromTime', 'toTime'],
  i: ['number', 'title'],
  d: ['text', 'kind'],
  a: ['task', 'due', 'dueText'],
} as const;

/** Fields that must not be empty; every other empty field means "no value" (null). */
const REQUIRED = new Set(['title', 'text', 'kind', 'task', 'list']);

export interface ReviewData {
  bundle: MeetingBundle;
  published: boolean;
  /** Follow-up links starting in this meeting (its assignments and postponed items), undecided ones first. */
  links: Array<FollowupLinkRow & { targetTitle: string | null; targetDate: string | null }>;
  /** The latest audit entries about this meeting or anything in it. */
  audit: AuditEntry[];
}

function rowsOf(bundle: MeetingBundle): Map<string, Record<string, unknown>> {
  const rows = new Map<string, Record<string, unknown>>();
  rows.set(bundle.meeting.id, bundle.meeting);
  for (const list of [bundle.participants, bundle.items, bundle.decisions, bundle.assignments]) {
    for (const row of list) rows.set(row.id, row);
  }
  return rows;
}

/** Everything the review page shows for one meeting. */
export async function reviewData(store: ArchiveStore, meetingId: string): Promise<ReviewData> {
  return store.read(async (session) => {
    const bundle = await session.meetings.bundle(meetingId);
    if (!bundle) throw new AppError('not-found', `No meeting ${meetingId}.`);
    const ids = new Set(rowsOf(bundle).keys());
    const links = [];
    for (const link of (await session.followUps.list()).filter((l) => l.sourceMeetingId === meetingId)) {
      const target = await session.meetings.getItem(link.targetItemId);
      links.push({ ...link, targetTitle: target?.title ?? null, targetDate: target?.date ?? null });
    }
    links.sort((a, b) => Number(a.status !== 'suggested') - Number(b.status !== 'suggested') || b.score - a.score);
    const audit = (await session.audit.list(500))
      .filter((e) => e.targetId !== null && ids.has(e.targetId))
      .slice(0, 20);
    return { bundle, published: await session.publication.isPublished(meetingId), links, audit };
  });
}

/**
 * Applies a review form for one row of a meeting: every field that differs from the stored value becomes a
 * correction (stored for re-imports, audited with the actor, in its own transaction). Returns the changed fields.
 */
export async function applyReview(
  store: ArchiveStore,
  meetingId: string,
  targetId: string,
  values: Readonly<Record<string, string>>,
  options: { actor: string; clock: Clock },
): Promise<string[]> {
  const prefix = targetId.split('_')[0] as keyof typeof REVIEW_FIELDS;
  const fields: readonly string[] | undefined = REVIEW_FIELDS[prefix];
  if (!fields) throw new AppError('invalid-input', `${targetId} cannot be reviewed here.`);
  const bundle = await store.read((s) => s.meetings.bundle(meetingId));
  const current = bundle ? rowsOf(bundle).get(targetId) : undefined;
  if (!current) throw new AppError('not-found', `${targetId} is not part of meeting ${meetingId}.`);
  const changed: string[] = [];
  for (const field of fields) {
    const raw = values[field];
    if (raw === undefined) continue;
    const trimmed = raw.trim();
    const value = trimmed === '' && !REQUIRED.has(field) ? null : trimmed;
    if (value === (current[field] ?? null)) continue;
    await correctField(store, targetId, field, value, { actor: options.actor, now: options.clock() });
    changed.push(field);
  }
  return changed;
}
