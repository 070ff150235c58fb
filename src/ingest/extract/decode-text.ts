import { AppError } from '../../domain/errors.js';
import { decodeWindows1252 } from './windows-1252.js';

// Made once: a decoder holds no state between calls that do not stream, and making one costs as much as decoding
// a small file.
const UTF8 = new TextDecoder('utf-8');
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');

/**
 * Decodes the bytes of a text file. UTF-8 (with or without BOM) and UTF-16 with BOM are recognised by their bytes;
 * anything that is not valid UTF-8 is read as Windows-1252, the encoding of older Swedish Word/Notepad files.
 */
export function decodeText(bytes: Uint8Array, name: string): { text: string; encoding: string } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: UTF8.decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: UTF16LE.decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: UTF16BE.decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  if (looksBinary(bytes)) {
    throw new AppError('unsupported-format', `${name}: unsupported format: binary file, not text, PDF or DOCX`);
  }
  try {
    return { text: STRICT_UTF8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** NUL bytes or many control characters in the first KiB mean the file is not text. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return n > 0 && control / n > 0.1;
}
