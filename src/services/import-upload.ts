import type { ProtocolDocument } from '../domain/document.js';
import { AppError } from '../domain/errors.js';
import { parseProtocol } from '../ingest/pipeline.js';
import type { ArchiveStore } from '../store/ports.js';
import type { Clock } from './follow-up.js';
import { type FileResult, importBytes } from './import-archive.js';

/** Largest file accepted from the browser. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

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
