import type { Context } from 'hono';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A cell that starts like a formula would run in a spreadsheet; quote it as text.
  if (/^[=+@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line with its CRLF; the first line of a file starts with a BOM so spreadsheet programs read å, ä, ö. */
export function csvLine(row: readonly unknown[], first = false): string {
  return `${first ? '\ufeff' : ''}${row.map(cell).join(',')}\r\n`;
}

/** The headers of a CSV download named `name.csv`. */
export function csvHeaders(name: string): Record<string, string> {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}.csv"`,
  };
}

/** Sends rows as an RFC 4180 CSV download (UTF-8 with BOM). */
export function sendCsv(c: Context, name: string, header: readonly string[], rows: ReadonlyArray<readonly unknown[]>) {
  const body = [header, ...rows].map((r, i) => csvLine(r, i === 0)).join('');
  return c.body(body, 200, csvHeaders(name));
}
