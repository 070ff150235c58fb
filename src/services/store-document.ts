import { type ProtocolDocument, ProtocolDocumentSchema } from '../domain/document.js';
import { stableId } from '../domain/match-keys.js';
import type { ParseResult } from '../ingest/pipeline.js';
import type { ArchiveSession } from '../store/ports.js';
import type { SearchIndexer } from '../store/search-indexer.js';
import { reapplyCorrections } from './corrections.js';
import { deriveMeeting, meetingIdFor, meetingNaturalKey } from './derive-meeting.js';
import { linkMeeting } from './follow-up.js';
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
}

/**
 * Stores one parsed document and everything derived from it, inside the caller's transaction: the document row
 * (bytes, text, protokoll/1 JSON, parser version), the meeting and its rows, registry entries, corrections
 * re-applied, follow-up suggestions recomputed, and the search index updated. A second file for a meeting already
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

  if (existing) {
    const old = existing.meetingId ? await session.meetings.get(existing.meetingId) : undefined;
    if (old && old.id !== meetingId && old.documentId === existing.id) {
      // The new parser dates the protocol differently: the old meeting was this document's alone.
      await context.indexer.removeMeeting(session, old.id);
      await session.meetings.delete(old.id);
    }
    await session.documents.update(existing.id, {
      name: input.name,
      text: parsed.text,
      documentJson,
      parserVersion: parsed.parserVersion,
      updatedAt: input.updatedAt ?? context.now,
    });
  } else {
    await session.documents.insert({
      id: documentId,
      sha256,
      name: input.name,
      format: document.source.format,
      bytes: input.bytes,
      text: parsed.text,
      documentJson,
      parserVersion: parsed.parserVersion,
      meetingId: null,
      status: 'primary',
      importedAt: input.importedAt ?? context.now,
      updatedAt: input.updatedAt ?? input.importedAt ?? context.now,
    });
  }
  await session.documents.replaceWarnings(
    documentId,
    document.warnings.map((w, position) => ({ documentId, position, code: w.code, message: w.message, line: w.line })),
  );

  const current = await session.meetings.get(meetingId);
  let outcome: ImportOutcome = existing ? 'updated' : 'imported';
  let reason: string | null = null;
  if (current && current.documentId !== documentId) {
    await session.documents.update(documentId, { meetingId, status: 'duplicate' });
    await session.flags.put({
      id: stableId('f', 'duplicate-meeting', documentId),
      kind: 'duplicate-meeting',
      meetingId,
      subjectId: documentId,
      detailsJson: JSON.stringify({ name: input.name, sha256, primaryDocumentId: current.documentId }),
    });
    if (!existing) outcome = 'duplicate';
    reason = `same meeting (${document.body ?? 'no body'}, ${document.date}) as document ${current.documentId}`;
  } else {
    const bundle = await deriveMeeting(session, document, { meetingId, naturalKey, documentId }, context.now);
    await session.meetings.replace(bundle);
    await session.documents.update(documentId, { meetingId, status: 'primary' });
    await reapplyCorrections(session, meetingId);
    await linkMeeting(session, meetingId, context.analyze ? { analyze: context.analyze } : {});
    await context.indexer.indexMeeting(session, meetingId);
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
