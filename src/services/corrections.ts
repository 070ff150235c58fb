import { z } from 'zod';
import { DECISION_KINDS } from '../domain/document.js';
import { AppError } from '../domain/errors.js';
import type { ArchiveSession, ArchiveStore } from '../store/ports.js';

/*
 * Manual corrections of extracted values. Each one is stored by target id (deterministic from natural keys) and
 * field, and applied again after every re-import of the meeting, so a parser upgrade never undoes a secretary's fix.
 */

const text = z.string().min(1);
const nullableText = z.string().min(1).nullable();
const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .nullable();
const due = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/)
  .nullable();

const FIELDS = {
  m: { number: nullableText, place: nullableText, organization: nullableText, startTime: hhmm, endTime: hhmm },
  i: { title: text, number: nullableText, text: z.string() },
  d: { text, kind: z.enum(DECISION_KINDS) },
  a: { task: text, due, dueText: nullableText },
  pa: {
    list: z.enum(['present', 'absent', 'guest']),
    organization: nullableText,
    role: nullableText,
    fromTime: hhmm,
    toTime: hhmm,
  },
} as const;

type TargetKind = keyof typeof FIELDS;

function targetKind(targetId: string): TargetKind {
  const prefix = targetId.split('_')[0];
  if (prefix === 'm' || prefix === 'i' || prefix === 'd' || prefix === 'a' || prefix === 'pa') return prefix;
  throw new AppError(
    'invalid-input',
    `${targetId} is not the id of a meeting, item, decision, assignment or attendance entry.`,
  );
}

function validate(targetId: string, field: string, value: unknown): unknown {
  const fields: Record<string, z.ZodType> = FIELDS[targetKind(targetId)];
  const schema = fields[field];
  if (!schema) {
    throw new AppError(
      'invalid-input',
      `Field "${field}" cannot be corrected here; allowed: ${Object.keys(fields).join(', ')}.`,
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new AppError('invalid-input', `Invalid value for ${field}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

async function apply(session: ArchiveSession, targetId: string, field: string, value: unknown): Promise<boolean> {
  const patch = { [field]: value };
  switch (targetKind(targetId)) {
    case 'm':
      return session.meetings.patchMeeting(targetId, patch);
    case 'i':
      return session.meetings.patchItem(targetId, patch);
    case 'd':
      return session.meetings.patchDecision(targetId, patch);
    case 'a':
      return session.meetings.patchAssignment(targetId, patch);
    case 'pa':
      return session.meetings.patchParticipant(targetId, patch);
  }
}

/**
 * Re-applies the stored corrections of a meeting after its rows were rebuilt. Returns the corrections whose target
 * no longer exists (the protocol changed so much that the natural key moved); they stay stored.
 */
export async function reapplyCorrections(session: ArchiveSession, meetingId: string): Promise<string[]> {
  const orphaned: string[] = [];
  for (const c of await session.corrections.forMeeting(meetingId)) {
    if (!(await apply(session, c.targetId, c.field, JSON.parse(c.valueJson))))
      orphaned.push(`${c.targetId}.${c.field}`);
  }
  return orphaned;
}

/** Corrects one field of a meeting, item, decision, assignment or attendance entry, recording it for re-imports and in the audit log. */
export async function correctField(
  store: ArchiveStore,
  targetId: string,
  field: string,
  value: unknown,
  options: { actor?: string; now?: Date } = {},
): Promise<void> {
  const clean = validate(targetId, field, value);
  await store.write(async (session) => {
    const meetingId = await session.meetings.meetingOf(targetId);
    if (!meetingId) throw new AppError('not-found', `Nothing with id ${targetId}.`);
    const at = (options.now ?? new Date()).toISOString();
    const actor = options.actor ?? 'cli';
    await apply(session, targetId, field, clean);
    await session.corrections.put({
      targetId,
      field,
      meetingId,
      valueJson: JSON.stringify(clean),
      createdAt: at,
      createdBy: actor,
    });
    await session.audit.append({ at, actor, action: 'correction', targetId, details: { field, value: clean } });
    await store.searchIndexer.indexMeetings(session, [meetingId]);
  });
}
