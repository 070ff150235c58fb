import type { Participant, ProtocolDocument } from '../domain/document.js';
import { matchKey, seriesKey, stableId } from '../domain/match-keys.js';
import type { ArchiveSession, MeetingBundle } from '../store/ports.js';
import type { ParticipantList } from '../store/schema.js';
import { resolveOrganisation } from './resolve-organisations.js';
import { resolvePerson } from './resolve-people.js';

/*
 * Natural keys decide identity across re-imports: a meeting is its body, organisation and date (every municipality
 * has a Kommunstyrelsen, and they may meet on the same day); an item is its title within the
 * meeting (numbers are often inferred and change more readily than titles); decisions and assignments are their
 * position within the item and decision. Ids are hashes of those keys, so manual state keyed by id survives a
 * re-import that yields the same keys.
 */

/** The natural key of the meeting a document records: body + organisation + date, or the file when it has no date. */
export function meetingNaturalKey(document: ProtocolDocument, sha256: string): string {
  if (!document.date) return `sha:${sha256}`;
  return `${seriesKey(document.body, document.organization)}|${document.date}`;
}

export function meetingIdFor(naturalKey: string): string {
  return stableId('m', naturalKey);
}

/** Natural keys of the items in document order; a repeated title gets `#2`, `#3` … */
export function itemNaturalKeys(document: ProtocolDocument): string[] {
  const seen = new Map<string, number>();
  return document.items.map((item, index) => {
    const base = matchKey(item.title) ? `t:${matchKey(item.title)}` : `n:${matchKey(item.number ?? String(index + 1))}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/**
 * Turns a protocol into the rows of its meeting, resolving every person and organisation through the registry
 * (creating them on first sight). Groups ("hela traineegrupp 11") get no person.
 */
export async function deriveMeeting(
  session: ArchiveSession,
  document: ProtocolDocument,
  ids: { meetingId: string; naturalKey: string; documentId: string },
  now: string,
): Promise<MeetingBundle> {
  const { meetingId } = ids;
  const bundle: MeetingBundle = {
    meeting: {
      id: meetingId,
      naturalKey: ids.naturalKey,
      documentId: ids.documentId,
      body: document.body,
      organization: document.organization,
      number: document.number,
      date: document.date,
      startTime: document.start,
      endTime: document.end,
      place: document.place,
    },
    participants: [],
    items: [],
    decisions: [],
    assignments: [],
    assignees: [],
    signatures: [],
    adjournments: document.adjournments.map((a, position) => ({
      meetingId,
      position,
      fromTime: a.from,
      toTime: a.to,
    })),
  };

  const lists: Array<[ParticipantList, Participant[]]> = [
    ['present', document.present],
    ['absent', document.absent],
    ['guest', document.guests],
  ];
  for (const [list, participants] of lists) {
    for (const [position, p] of participants.entries()) {
      const isGroup = p.role === 'group';
      const organisationId = await resolveOrganisation(session, p.organization, { now, context: 'attendance' });
      const personId = isGroup ? null : await resolvePerson(session, p.name, organisationId, { now });
      bundle.participants.push({
        id: stableId('pa', meetingId, list, String(position)),
        meetingId,
        list,
        position,
        name: p.name,
        organization: p.organization,
        role: isGroup ? 'group' : p.role,
        fromTime: p.from,
        toTime: p.to,
        note: p.note,
        isGroup: isGroup ? 1 : 0,
        personId,
        organisationId: isGroup ? await resolveOrganisation(session, p.name, { now }) : organisationId,
      });
    }
  }

  const keys = itemNaturalKeys(document);
  for (const [position, item] of document.items.entries()) {
    const itemId = stableId('i', meetingId, keys[position]!);
    bundle.items.push({
      id: itemId,
      meetingId,
      position,
      naturalKey: keys[position]!,
      number: item.number,
      title: item.title,
      text: item.text,
      presentersJson: JSON.stringify(item.presenters),
      referralTo: item.referral?.to ?? null,
      referralDate: item.referral?.date ?? null,
      referralText: item.referral?.text ?? null,
    });
    for (const [dIndex, decision] of item.decisions.entries()) {
      const decisionId = stableId('d', itemId, String(dIndex));
      bundle.decisions.push({
        id: decisionId,
        itemId,
        meetingId,
        position: dIndex,
        text: decision.text,
        kind: decision.kind,
      });
      for (const [aIndex, assignment] of decision.assignments.entries()) {
        const assignmentId = stableId('a', decisionId, String(aIndex));
        bundle.assignments.push({
          id: assignmentId,
          decisionId,
          itemId,
          meetingId,
          position: aIndex,
          task: assignment.task,
          due: assignment.due,
          dueText: assignment.dueText,
        });
        for (const [position, name] of assignment.assignees.entries()) {
          // Assignees are often roles or bodies ("projektledaren", "sekretariatet"): link only what the registry
          // already knows, and networks named as such.
          const personId = await resolvePerson(session, name, null, { create: false });
          const isNetwork = /^n[äa]tverket\b/i.test(name.trim());
          const organisationId = personId
            ? null
            : await resolveOrganisation(session, name, { create: isNetwork, now, context: 'attendance' });
          bundle.assignees.push({ assignmentId, position, name, personId, organisationId });
        }
      }
    }
  }

  for (const [position, s] of document.signatures.entries()) {
    const personId = s.name ? await resolvePerson(session, s.name, null, { now }) : null;
    bundle.signatures.push({ meetingId, position, role: s.role, title: s.title, name: s.name, personId });
  }
  return bundle;
}
