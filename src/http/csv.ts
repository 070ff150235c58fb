import type { Context } from 'hono';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A cell that starts like a formula would run in a spreadsheet; quote it as text.
  if (/^[=+@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Sends rows as an RFC 4180 CSV download (UTF-8 with BOM so spreadsheet programs read å, ä, ö). */
export function sendCsv(c: Context, name: string, header: readonly string[], rows: ReadonlyArray<readonly unknown[]>) {
  const body = `\ufeff${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}.csv"`,
  });
}
