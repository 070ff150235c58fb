import mammoth from 'mammoth';
import { AppError } from '../../domain/errors.js';
import { type SourceLine, toLines } from './lines.js';
import { assertSafeZip, readZipDirectory } from './zip-guard.js';

/** Reads the paragraphs of a DOCX file, after refusing archives that would expand beyond sane limits. */
export async function extractDocx(bytes: Uint8Array, name: string): Promise<SourceLine[]> {
  assertSafeZip(readZipDirectory(bytes, name), name);
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }))
      .value;
  } catch (error) {
    throw new AppError('corrupt-file', `${name}: corrupt DOCX: ${error instanceof Error ? error.message : error}`);
  }
  // mammoth ends every paragraph with a blank line; empty paragraphs of the source add more. One blank line
  // between paragraphs is what the segmenter expects.
  return toLines(raw.replace(/\n{3,}/g, '\n\n').replace(/\n+$/, ''));
}
