import { hash } from 'node:crypto';
import type { Item, ProtocolDocument, Signature, Warning } from '../domain/document.js';
import { AppError } from '../domain/errors.js';
import { extractText } from './extract/extract.js';
import { type ExtractedText, textOf } from './extract/lines.js';
import { readHeader } from './interpret/header.js';
import { readItem } from './interpret/items.js';
import { nameKey } from './interpret/names.js';
import { readSignatureLines } from './interpret/signatures.js';
import { lineKey } from './segment/clean-line.js';
import { segment } from './segment/segment.js';
import { toWorkLines } from './segment/work-line.js';

/** Bumped whenever extraction output can change; the archive re-imports documents parsed by an older version. */
export const PARSER_VERSION = '1.0.0';

export interface ParseInput {
  bytes: Uint8Array;
  /** File name as given by the user, used in `source.name` and in error messages. */
  name: string;
}

export interface ParseResult {
  document: ProtocolDocument;
  /** The extracted plain text the document was read from (line numbers in warnings refer to it). */
  text: string;
  parserVersion: string;
}

/** Parses one protocol file. Throws AppError (unsupported-format, no-text-layer, not-a-protocol, …) for bad input. */
export async function parseProtocol(input: ParseInput): Promise<ParseResult> {
  const extracted = await extractText(input.bytes, input.name);
  const sha256 = hash('sha256', input.bytes, 'hex');
  return interpret(extracted, { name: baseName(input.name), sha256 }, input.name);
}

/** The stages after extraction, for text already in memory (benchmarks, generator checks). */
export function interpret(
  extracted: ExtractedText,
  source: { name: string; sha256: string },
  /** The file as the user named it, for error messages. */
  label = source.name,
): ParseResult {
  const lines = toWorkLines(extracted.lines);
  const segments = segment(lines);
  const warnings: Warning[] = [...segments.warnings];
  const header = readHeader(segments.header, warnings);

  const ctx = { meetingDate: header.date, body: header.body, adjournments: [], openAdjournment: null, warnings };
  let items: Item[] = segments.items.map((raw) => readItem(raw, ctx));
  if (items.length === 0 && segments.agenda.length > 0) {
    items = segments.agenda.map((raw) => readItem(raw, ctx));
    warnings.push({
      code: 'agenda-only',
      message: 'Dokumentet innehåller bara en dagordning; punkterna är hämtade ur den.',
      line: segments.agendaLabel ?? segments.agenda[0]!.heading.no,
    });
  } else if (segments.agenda.length > 0) {
    checkAgenda(segments.agenda, items, warnings);
  }

  const trailer = readSignatureLines(segments.trailer.map((l) => l.raw));
  const signatures = mergeSignatures(header.signatures, trailer, header.adjusters);

  const hasContent = header.date !== null || header.present.length + header.absent.length > 0 || items.length > 0;
  if (!hasContent) {
    throw new AppError('not-a-protocol', `${label}: not a protocol: no date, attendance or items found`);
  }
  checkPeople(header.present, header.absent, segments.header, warnings);
  checkCharacters(segments.lines, warnings);

  const document: ProtocolDocument = {
    schema: 'protokoll/1',
    source: { name: source.name, sha256: source.sha256, format: extracted.format },
    body: header.body,
    organization: header.organization,
    number: header.number,
    date: header.date,
    start: header.start,
    end: header.end,
    place: header.place,
    present: header.present,
    absent: header.absent,
    guests: header.guests,
    items,
    adjournments: [...header.adjournments, ...ctx.adjournments],
    signatures,
    warnings: warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  };
  return { document, text: textOf(extracted), parserVersion: PARSER_VERSION };
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

function mergeSignatures(header: Signature[], trailer: Signature[], adjusters: string[]): Signature[] {
  const all = [...header];
  for (const s of trailer) if (!all.some((a) => a.name === s.name && a.role === s.role)) all.push(s);
  for (const name of adjusters) {
    if (!all.some((s) => s.name === name)) all.push({ role: 'adjuster', title: 'justerare', name });
  }
  return all;
}

function checkPeople(
  present: ProtocolDocument['present'],
  absent: ProtocolDocument['absent'],
  lines: ReturnType<typeof toWorkLines>,
  warnings: Warning[],
): void {
  // Nobody absent, nothing to compare: spare the keys.
  if (absent.length === 0) return;
  const presentKeys = new Set(present.map((p) => nameKey(p.name)));
  for (const p of absent) {
    if (!presentKeys.has(nameKey(p.name))) continue;
    // The later mention is the one that contradicts the first.
    const line = [...lines].reverse().find((l) => !l.noise && l.text.includes(p.name));
    warnings.push({
      code: 'person-present-and-absent',
      message: `${p.name} står både som närvarande och med förhinder.`,
      line: line?.no ?? null,
    });
  }
}

function checkCharacters(lines: ReturnType<typeof toWorkLines>, warnings: Warning[]): void {
  for (const l of lines) {
    if (l.noise || !l.raw.includes('\uFFFD')) continue;
    const word = /[\p{L}\uFFFD-]*\uFFFD[\p{L}\uFFFD-]*/u.exec(l.raw)?.[0] ?? '\uFFFD';
    warnings.push({
      code: 'replacement-character',
      message: `Ersättningstecken (U+FFFD) i "${word}": å, ä eller ö har gått förlorat i konverteringen.`,
      line: l.no,
    });
  }
  for (const l of lines) {
    if (l.noise || !/[\u0370-\u1fff]/.test(l.raw)) continue;
    const stray =
      /\p{Script=Latin}[\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Hebrew}]+|[\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Hebrew}]+\p{Script=Latin}/u.exec(
        l.raw,
      );
    if (stray) {
      warnings.push({
        code: 'stray-characters',
        message: `Främmande tecken i ett svenskt ord: "${stray[0]}".`,
        line: l.no,
      });
    }
  }
}

function checkAgenda(agenda: { number: string | null; title: string }[], items: Item[], warnings: Warning[]): void {
  // Agendas number their entries 1, 2, 3 while § protocols continue the year's numbering: compare titles.
  const key = (t: string) => lineKey(t);
  const titles = items.map((i) => key(i.title));
  const missing = agenda.filter((a) => {
    const k = key(a.title);
    return k.length > 0 && !titles.some((t) => t === k || t.includes(k) || k.includes(t));
  });
  if (missing.length > 0) {
    warnings.push({
      code: 'agenda-mismatch',
      message: `Dagordningen nämner ${missing.map((m) => `"${m.title}"`).join(', ')} som saknas bland punkterna.`,
      line: null,
    });
  }
}
