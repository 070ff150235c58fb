/** One line of extracted text. `line` is 1-based in the extracted text; `page` is 1-based when the format has pages. */
export interface SourceLine {
  text: string;
  line: number;
  page: number | null;
}

/** The output of the extract stage: the text of a file as lines, ready for segmentation. */
export interface ExtractedText {
  format: 'txt' | 'md' | 'pdf' | 'docx' | 'html';
  lines: SourceLine[];
  /** The lines joined with "\n", when the extractor holds that string already (see `textOf`). */
  text?: string;
}

/**
 * A decoded text file as extracted text. Without carriage returns and form feeds the lines join back into the
 * decoded string itself, which is kept rather than joined again for every parsed file.
 */
export function plainTextExtract(format: ExtractedText['format'], text: string): ExtractedText {
  const lines = toLines(text);
  return text.includes('\r') || text.includes('\f') ? { format, lines } : { format, lines, text };
}

/** The text that line numbers refer to: the lines joined with "\n". */
export function textOf(extracted: ExtractedText): string {
  return extracted.text ?? linesToText(extracted.lines);
}

/** Splits plain text into numbered lines. Pages are separated by form feeds when present. */
export function toLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let page = 1;
  let lineNo = 0;
  const hasPages = text.includes('\f');
  // Splitting on a string is much faster than on the pattern, and most files have no carriage returns.
  for (const raw of text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n')) {
    lineNo += 1;
    let textOfLine = raw;
    if (hasPages && textOfLine.includes('\f')) {
      page += textOfLine.split('\f').length - 1;
      textOfLine = textOfLine.replaceAll('\f', '');
    }
    lines.push({ text: textOfLine, line: lineNo, page: hasPages ? page : null });
  }
  return lines;
}

/** Joins lines back into the text that line numbers refer to. */
export function linesToText(lines: readonly SourceLine[]): string {
  return lines.map((l) => l.text).join('\n');
}
