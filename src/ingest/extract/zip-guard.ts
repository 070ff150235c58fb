import { AppError } from '../../domain/errors.js';

/** Limits for DOCX archives: far above any real protocol, far below what a zip bomb expands to. */
export const ZIP_LIMITS = { maxEntries: 2_000, maxTotalUncompressed: 200 * 1024 * 1024, maxRatio: 200 };

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * Reads the central directory of a zip archive without inflating anything. Written by hand because the
 * check must run before any library starts to decompress, and the directory format is small and fixed.
 */
export function readZipDirectory(bytes: Uint8Array, name: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const minEocd = 22;
  let eocd = -1;
  for (let i = bytes.length - minEocd; i >= Math.max(0, bytes.length - minEocd - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new AppError('corrupt-file', `${name}: corrupt file: not a readable zip/DOCX archive`);
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count > ZIP_LIMITS.maxEntries) {
    throw new AppError(
      'too-large',
      `${name}: refused: archive holds ${count} entries (limit ${ZIP_LIMITS.maxEntries})`,
    );
  }
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) {
      throw new AppError('corrupt-file', `${name}: corrupt file: damaged zip directory`);
    }
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const entryName = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({ name: entryName, compressedSize, uncompressedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuses archives whose declared content would expand beyond the limits (zip bombs). */
export function assertSafeZip(entries: readonly ZipEntry[], name: string): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (ratio > ZIP_LIMITS.maxRatio && entry.uncompressedSize > 1024 * 1024) {
      throw new AppError('too-large', `${name}: refused: ${entry.name} expands ${Math.round(ratio)}× (zip bomb?)`);
    }
  }
  if (total > ZIP_LIMITS.maxTotalUncompressed) {
    throw new AppError('too-large', `${name}: refused: archive expands to ${Math.round(total / 1048576)} MB`);
  }
}
