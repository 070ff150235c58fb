import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { ProtocolDocument } from '../domain/document.js';
import { AppError } from '../domain/errors.js';
import { parseProtocol } from '../ingest/pipeline.js';
import type { ArchiveStore } from '../store/ports.js';
import type { Clock } from './follow-up.js';
import { type FileResult, importBytes } from './import-archive.js';

/** Largest file accepted from the browser. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** How long an upload waits for confirmation: long enough to come back after a meeting or the next morning. */
export const UPLOAD_TTL_MS = 24 * 60 * 60_000;

/** Uploads one account may have waiting; a new one pushes out the oldest (each may be 20 MB). */
export const MAX_PENDING_PER_USER = 10;

/** An upload waiting for confirmation, without its bytes. */
export interface PendingUpload {
  id: string;
  name: string;
  size: number;
  createdAt: string;
  expiresAt: string;
}

/**
 * Reads an uploaded file without storing it, so a secretary can check the result and warnings first. The format
 * is recognised by content; the parser refuses wrong types, encrypted PDFs and zip bombs with an AppError.
 */
export async function previewImport(bytes: Uint8Array, name: string): Promise<ProtocolDocument> {
  if (bytes.byteLength === 0) throw new AppError('invalid-input', 'Filen är tom.');
  if (bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw new AppError('too-large', `Filen är större än ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
  }
  return (await parseProtocol({ bytes, name })).document;
}

/**
 * Keeps a previewed file in the archive database until its uploader confirms or discards it, or it expires, so a
 * restart of the server loses nothing. Expired uploads of everyone and the uploader's oldest beyond
 * `MAX_PENDING_PER_USER` are removed in the same transaction. The id is random but not a secret: only the
 * uploader's account can confirm or discard it.
 */
export async function stageUpload(
  store: ArchiveStore,
  file: { bytes: Uint8Array; name: string },
  userId: string,
  options: { clock: Clock },
): Promise<string> {
  const now = options.clock();
  const id = randomBytes(18).toString('base64url');
  await store.write(async ({ db }) => {
    await sql`delete from pending_uploads where expires_at <= ${now.toISOString()}`.execute(db);
    await sql`delete from pending_uploads where user_id = ${userId} and id not in (select id from pending_uploads
      where user_id = ${userId} order by created_at desc, id limit ${MAX_PENDING_PER_USER - 1})`.execute(db);
    await sql`insert into pending_uploads (id, user_id, name, bytes, size, created_at, expires_at)
      values (${id}, ${userId}, ${file.name}, ${Buffer.from(file.bytes)}, ${file.bytes.byteLength},
              ${now.toISOString()}, ${new Date(now.getTime() + UPLOAD_TTL_MS).toISOString()})`.execute(db);
  });
  return id;
}

/** The uploader's uploads still waiting, newest first. */
export async function pendingUploads(
  store: ArchiveStore,
  userId: string,
  options: { clock: Clock },
): Promise<PendingUpload[]> {
  return store.read(async ({ db }) => {
    const { rows } = await sql<PendingUpload>`
      select id, name, size, created_at as "createdAt", expires_at as "expiresAt" from pending_uploads
      where user_id = ${userId} and expires_at > ${options.clock().toISOString()}
      order by created_at desc, id`.execute(db);
    return rows.map((r) => ({ ...r, size: Number(r.size) }));
  });
}

/** A waiting upload of this user with its bytes; undefined when it is unknown, someone else's or expired. */
export async function pendingUpload(
  store: ArchiveStore,
  id: string,
  userId: string,
  options: { clock: Clock },
): Promise<{ bytes: Uint8Array; name: string } | undefined> {
  return store.read(async ({ db }) => {
    const { rows } = await sql<{ bytes: Uint8Array; name: string }>`
      select bytes, name from pending_uploads
      where id = ${id} and user_id = ${userId} and expires_at > ${options.clock().toISOString()}`.execute(db);
    return rows[0];
  });
}

/** Discards a waiting upload of this user, with an audit entry; false when there was none. */
export async function discardUpload(
  store: ArchiveStore,
  id: string,
  user: { id: string; name: string },
  options: { clock: Clock },
): Promise<boolean> {
  return store.write(async (session) => {
    const { rows } = await sql<{ name: string }>`
      select name from pending_uploads where id = ${id} and user_id = ${user.id}`.execute(session.db);
    if (!rows[0]) return false;
    await sql`delete from pending_uploads where id = ${id}`.execute(session.db);
    await session.audit.append({
      at: options.clock().toISOString(),
      actor: user.name,
      action: 'upload.discard',
      targetId: null,
      details: { name: rows[0].name },
    });
    return true;
  });
}

/**
 * Stores a waiting upload in the archive (one transaction, as `protokoll import` would), then removes it from the
 * waiting uploads. AppError not-found when the upload is unknown, someone else's or expired; throws when the import
 * fails (the upload then stays, to be tried again or discarded).
 */
export async function confirmUpload(
  store: ArchiveStore,
  id: string,
  user: { id: string; name: string },
  options: { clock: Clock },
): Promise<FileResult> {
  const upload = await pendingUpload(store, id, user.id, options);
  if (!upload) throw new AppError('not-found', 'The upload is no longer there.');
  const result = await confirmImport(store, upload, { actor: user.name, clock: options.clock });
  await store.write(({ db }) => sql`delete from pending_uploads where id = ${id}`.execute(db));
  return result;
}

/** Stores a previewed file in the archive (one transaction), as `protokoll import` would. Throws when it fails. */
export async function confirmImport(
  store: ArchiveStore,
  upload: { bytes: Uint8Array; name: string },
  options: { actor: string; clock: Clock },
): Promise<FileResult> {
  const result = await importBytes(store, upload, { actor: options.actor, clock: options.clock });
  if (result.outcome === 'failed') {
    throw new AppError((result.code as never) ?? 'invalid-input', result.reason ?? 'Importen misslyckades.');
  }
  return result;
}
