import { extractTextItems, getDocumentProxy } from 'unpdf';
import { AppError } from '../../domain/errors.js';
import type { SourceLine } from './lines.js';

interface PdfItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fontSize: number;
  hasEOL: boolean;
}

/**
 * Reads the text layer of a PDF into lines. Items are grouped into lines by their baseline and ordered by x;
 * a vertical gap clearly larger than the page's usual line spacing becomes an empty line, so paragraphs survive.
 */
export async function extractPdf(bytes: Uint8Array, name: string): Promise<SourceLine[]> {
  let pages: PdfItem[][];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    pages = (await extractTextItems(pdf)).items as PdfItem[][];
    await pdf.destroy();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/password/i.test(reason)) {
      throw new AppError('encrypted-pdf', `${name}: encrypted PDF: remove the password before import`);
    }
    throw new AppError('corrupt-file', `${name}: corrupt PDF: ${reason}`);
  }
  const lines: SourceLine[] = [];
  let hasText = false;
  pages.forEach((items, pageIndex) => {
    const page = pageIndex + 1;
    for (const text of pageLines(items)) {
      if (text.trim()) hasText = true;
      lines.push({ text, line: lines.length + 1, page });
    }
    if (pageIndex < pages.length - 1) lines.push({ text: '', line: lines.length + 1, page });
  });
  if (!hasText) {
    throw new AppError('no-text-layer', `${name}: no text layer: scanned PDFs need OCR first`);
  }
  return lines;
}

function pageLines(items: PdfItem[]): string[] {
  const rows: { y: number; height: number; parts: PdfItem[] }[] = [];
  for (const item of items) {
    if (!item.str) continue;
    const tolerance = Math.max(2, (item.height || item.fontSize || 10) * 0.4);
    const row = rows.find((r) => Math.abs(r.y - item.y) <= tolerance);
    if (row) row.parts.push(item);
    else rows.push({ y: item.y, height: item.height || item.fontSize || 10, parts: [item] });
  }
  rows.sort((a, b) => b.y - a.y);
  const gaps: number[] = [];
  for (let i = 1; i < rows.length; i++) gaps.push(rows[i - 1]!.y - rows[i]!.y);
  // The tightest common spacing is the line height; a wider gap is a blank line. (The median fails on pages
  // of short paragraphs, where blank-line gaps are the majority.)
  const usual = lowQuantile(gaps.filter((g) => g > 0.5)) ?? 14;
  const out: string[] = [];
  rows.forEach((row, i) => {
    if (i > 0 && rows[i - 1]!.y - row.y > usual * 1.45) out.push('');
    row.parts.sort((a, b) => a.x - b.x);
    let text = '';
    let lastEnd: number | null = null;
    for (const part of row.parts) {
      const size = part.fontSize || 10;
      // A tab arrives as one wide blank item; it separates table columns, which later stages split on.
      if (!part.str.trim()) {
        if (text && !text.endsWith(' ')) text += part.width > size * 1.2 ? '  ' : ' ';
        lastEnd = part.x + part.width;
        continue;
      }
      const gap = lastEnd === null ? 0 : part.x - lastEnd;
      if (lastEnd !== null && gap > size * 0.15 && !text.endsWith(' ')) text += gap > size * 1.2 ? '  ' : ' ';
      text += part.str;
      lastEnd = part.x + part.width;
    }
    out.push(text.replace(/\s+$/, ''));
  });
  return out;
}

function lowQuantile(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.2)];
}
