import { AppError } from '../domain/errors.js';
import type { ArchiveStore } from '../store/ports.js';
import { type Clock, systemClock } from './follow-up.js';

/** Ids of meetings a secretary has hidden from the public; every other meeting is published. */
export async function hiddenMeetings(store: ArchiveStore): Promise<Set<string>> {
  return new Set(await store.read((s) => s.publication.unpublished()));
}

/** Publishes or hides a meeting, with the audit entry in the same transaction; survives re-imports. */
export async function setPublished(
  store: ArchiveStore,
  meetingId: string,
  published: boolean,
  options: { actor: string; clock?: Clock },
): Promise<void> {
  const at = (options.clock ?? systemClock)().toISOString();
  await store.write(async (session) => {
    if (!(await session.meetings.get(meetingId))) throw new AppError('not-found', `No meeting ${meetingId}.`);
    await session.publication.set(meetingId, published, options.actor, at);
    await session.audit.append({
      at,
      actor: options.actor,
      action: published ? 'meeting.publish' : 'meeting.unpublish',
      targetId: meetingId,
      details: {},
    });
  });
}
