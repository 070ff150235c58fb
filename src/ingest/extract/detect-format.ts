import { AppError } from '../../domain/errors.js';
import { readZipDirectory } from './zip-guard.js';

export type DetectedFormat = 'txt' | 'md' | 'pdf' | 'docx' | 'html';

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/**
 * Recognises a file by its content (magic bytes), using the extension only to tell Markdown from plain text
 * and to name what we refuse.
 */
export function detectFormat(bytes: Uint8Array, name: string): DetectedFormat {
  const ext = (/\.([a-z0-9]+)$/i.exec(name)?.[1] ?? '').toLowerCase();
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const entries = readZipDirectory(bytes, name);
    if (entries.some((e) => e.name === 'word/document.xml')) return 'docx';
    const kind = entries.some((e) => e.name.startsWith('xl/'))
      ? '.xlsx'
      : entries.some((e) => e.name.startsWith('ppt/'))
        ? '.pptx'
        : entries.some((e) => e.name === 'content.xml')
          ? '.odt (OpenDocument; save as DOCX or PDF)'
          : ext
            ? `.${ext} (zip archive)`
            : 'zip archive';
    throw new AppError('unsupported-format', `${name}: unsupported format: ${kind}`);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new AppError(
      'unsupported-format',
      `${name}: unsupported format: legacy Word .doc/.xls; save it as DOCX or PDF`,
    );
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) {
    throw new AppError('unsupported-format', `${name}: unsupported format: .rtf; save it as DOCX or PDF`);
  }
  const imageSigs: [number[], string][] = [
    [[0x89, 0x50, 0x4e, 0x47], 'PNG image'],
    [[0xff, 0xd8, 0xff], 'JPEG image'],
    [[0x49, 0x49, 0x2a, 0x00], 'TIFF image'],
    [[0x4d, 0x4d, 0x00, 0x2a], 'TIFF image'],
    [[0x1f, 0x8b], 'gzip archive'],
  ];
  for (const [sig, label] of imageSigs) {
    if (startsWith(bytes, sig)) {
      throw new AppError('unsupported-format', `${name}: unsupported format: ${label} (scanned pages need OCR first)`);
    }
  }
  if (ext === 'md' || ext === 'markdown') return 'md';
  // Only a file with a "<" near its start can be HTML; most text files are spared decoding their head.
  const start = bytes.subarray(0, 512);
  if (!start.includes(0x3c)) return 'txt';
  const head = UTF8.decode(start).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  return 'txt';
}

const UTF8 = new TextDecoder('utf-8');
