import { AppError } from '../../domain/errors.js';
import { decodeText } from './decode-text.js';
import { detectFormat } from './detect-format.js';
import { extractDocx } from './extract-docx.js';
import { extractHtml } from './extract-html.js';
import { extractPdf } from './extract-pdf.js';
import { type ExtractedText, plainTextExtract } from './lines.js';

/** Upper bound for one protocol file; the largest real ones are a few MB. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** The only stage that looks at bytes: recognises the format and returns the text as numbered lines. */
export async function extractText(bytes: Uint8Array, name: string): Promise<ExtractedText> {
  if (bytes.length === 0) throw new AppError('not-a-protocol', `${name}: not a protocol: the file is empty`);
  if (bytes.length > MAX_FILE_BYTES) {
    throw new AppError('too-large', `${name}: too large: ${Math.round(bytes.length / 1048576)} MB (limit 50 MB)`);
  }
  const format = detectFormat(bytes, name);
  switch (format) {
    case 'pdf':
      return { format, lines: await extractPdf(bytes, name) };
    case 'docx':
      return { format, lines: await extractDocx(bytes, name) };
    case 'html': {
      return { format, lines: extractHtml(decodeText(bytes, name).text) };
    }
    default: {
      return plainTextExtract(format, decodeText(bytes, name).text);
    }
  }
}

/** Synchronous variant for text that is already decoded (benchmarks, the generator, tests). */
export function extractPlainText(text: string, format: 'txt' | 'md' = 'txt'): ExtractedText {
  return plainTextExtract(format, text);
}
