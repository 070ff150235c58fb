import { type ProtocolDocument, ProtocolDocumentSchema } from '../domain/document.js';
import { stableId } from '../domain/match-keys.js';
import type { ParseResult } from '../ingest/pipeline.js';
import type { ArchiveSession } from '../store/ports.js';
import type { SearchIndexer } from '../store/search-indexer.js';
import { reapplyCorrections } from './corrections.js';
import { deriveMeeting, meetingIdFor, meetingNaturalKey } from './derive-meeting.js';
import { linkMeetings } from './follow-up.js';
import type { FileResult, ImportOutcome } from './import-archive.js';
import type { Analyzer } from './subject-words.js';

/** Compares dotted version strings numerically ("1.10.0" > "1.9.2"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface StoreInput {
  bytes: Uint8Array;
  name: string;
  sha256: string;
  parsed: ParseResult;
  /** Timestamps to keep (restore from an export); default: now. */
  importedAt?: string;
  updatedAt?: string;
}

export interface StoreContext {
  indexer: SearchIndexer;
  now: string;
  actor: string;
  analyze?: Analyzer;
  /**
   * Where to collect the meetings whose follow-up links must be recomputed and which must be (re)indexed, when the
   * caller does both for a whole batch at its end (`linkMeetings`, then `SearchIndexer.indexMeetings`); without it,
   * the document's meeting is linked and indexed at once.
   */
  batch?: { relink: Set<string>; reindex: Set<string> };
}

/**
 * Stores one parsed document and everything derived from it, inside the caller's transaction: the document row
 * (bytes, text, protokoll/1 JSON, parser version), the meeting and its rows, registry entries, corrections
 * re-applied, the search index updated, and follow-up suggestions recomputed (or the meeting handed to the caller's
 * batch, see `StoreContext.batch`). A second file for a meeting already
 * in the archive is kept but only flagged (`duplicate-meeting`); it does not change the meeting.
 */
export async function storeParsedDocument(
  session: ArchiveSession,
  input: StoreInput,
  context: StoreContext,
): Promise<Omit<FileResult, 'file'>> {
  const { parsed, sha256 } = input;
  const document: ProtocolDocument = ProtocolDocumentSchema.parse(parsed.document);
  const existing = await session.documents.findBySha(sha256);
  const documentId = existing?.id ?? stableId('doc', sha256);
  const base = { documentId, reason: null, code: null, warnings: document.warnings.length };
  if (existing && compareVersions(parsed.parserVersion, existing.parserVersion) <= 0) {
    return { ...base, outcome: 'unchanged', meetingId: existing.meetingId };
  }
  const naturalKey = meetingNaturalKey(document, sha256);
  const meetingId = meetingIdFor(naturalKey);
  const documentJson = JSON.stringify(document);
  const relink = new Set<string>();

  if (existing) {
    const old = existing.meetingId ? await session.meetings.get(existing.meetingId) : undefined;
    if (old && old.id !== meetingId && old.documentId === existing.id) {
      // The new parser dates the protocol differently: the old meeting was this document's alone.
      await context.indexer.removeMeeting(session, old.id);
      await session.meetings.delete(old.id);
      relink.add(old.id);
    }
  }
  // The meeting first, so the document row (large: bytes, text, JSON) is written once, already pointing at it.
  const current = await session.meetings.get(meetingId);
  const primaryDocumentId = current && current.documentId !== documentId ? current.documentId : null;
  if (!primaryDocumentId) {
    await session.meetings.replace(
      await deriveMeeting(session, document, { meetingId, naturalKey, documentId }, context.now),
    );
  }
  const status = primaryDocumentId ? 'duplicate' : 'primary';
  const fields = { name: input.name, text: parsed.text, documentJson, parserVersion: parsed.parserVersion };
  if (existing) {
    await session.documents.update(existing.id, {
      ...fields,
      meetingId,
      status,
      updatedAt: input.updatedAt ?? context.now,
    });
  } else {
    await session.documents.insert({
      ...fields,
      id: documentId,
      sha256,
      format: document.source.format,
      bytes: input.bytes,
      meetingId,
      status,
      importedAt: input.importedAt ?? context.now,
      updatedAt: input.updatedAt ?? input.importedAt ?? context.now,
    });
  }
  await session.documents.replaceWarnings(
    documentId,
    document.warnings.map((w, position) => ({ documentId, position, code: w.code, message: w.message, line: w.line })),
  );

  let outcome: ImportOutcome = existing ? 'updated' : 'imported';
  let reason: string | null = null;
  if (primaryDocumentId) {
    await session.flags.put({
      id: stableId('f', 'duplicate-meeting', documentId),
      kind: 'duplicate-meeting',
      meetingId,
      subjectId: documentId,
      detailsJson: JSON.stringify({ name: input.name, sha256, primaryDocumentId }),
    });
    if (!existing) outcome = 'duplicate';
    reason = `same meeting (${document.body ?? 'no body'}, ${document.date}) as document ${primaryDocumentId}`;
  } else {
    await reapplyCorrections(session, meetingId);
    relink.add(meetingId);
  }
  if (context.batch) {
    for (const id of relink) context.batch.relink.add(id);
    if (!primaryDocumentId) context.batch.reindex.add(meetingId);
  } else {
    await linkMeetings(session, relink, context.analyze ? { analyze: context.analyze } : {});
    if (!primaryDocumentId) await context.indexer.indexMeetings(session, [meetingId]);
  }
  await session.audit.append({
    at: context.now,
    actor: context.actor,
    action: `document.${outcome}`,
    targetId: documentId,
    details: { name: input.name, sha256, meetingId, parserVersion: parsed.parserVersion },
  });
  return { ...base, outcome, meetingId, reason };
}
