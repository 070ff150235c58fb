import { canonicalBody } from '../../domain/bodies.js';
import type { Adjournment, Participant, Signature, Warning } from '../../domain/document.js';
import { COOPERATION } from '../../domain/municipalities.js';
import {
  ADJOURN_RE,
  AGENDA_LABEL_RE,
  ATTENDANCE_LABELS,
  type AttendanceKind,
  HEADER_LABELS,
  matchLabel,
  PAGE_FURNITURE_RE,
  STRUCTURAL_HEADING_RE,
  signatureRole,
} from '../segment/labels.js';
import type { WorkLine } from '../segment/work-line.js';
import { leadingPersonName } from './names.js';
import { parseParticipantList } from './participants.js';
import { readSignatureLines } from './signatures.js';
import { findDates, findDay, findTimeSpan } from './swedish-dates.js';

/** What the first part of a protocol says about the meeting. */
export interface HeaderInfo {
  body: string | null;
  organization: string | null;
  number: string | null;
  date: string | null;
  start: string | null;
  end: string | null;
  place: string | null;
  present: Participant[];
  absent: Participant[];
  guests: Participant[];
  signatures: Signature[];
  adjusters: string[];
  /** "Ajournering kl 10.05-10.20" written in the first-page block. */
  adjournments: Adjournment[];
  warnings: Warning[];
}

type Field = (typeof HEADER_LABELS)[number]['field'];
type Block =
  | {
      type: 'attendance';
      kind: AttendanceKind;
      parts: WorkLine[];
      rest: string;
      line: WorkLine;
      /** Two column labels flattened into one line ("Beslutande Ersättare"): the right column's kind. */
      merged: AttendanceKind | null;
    }
  | { type: 'field'; field: Field; rest: string; parts: WorkLine[]; line: WorkLine };

const BODY_WORD_RE =
  /(styrelse|styrelsen|nämnd|nämnden|utskott|utskottet|direktion|direktionen|styrgrupp|styrgruppen|gruppen|fullmäktige|beredning|beredningen|rådet|presidiet|presidium|nätverk|nätverket|ledningsgrupp|ledningsgruppen|kommittén|kommitté|arbetsgrupp|arbetsgruppen|samverkansgrupp|råd)\b/i;
const NUMBER_RE = /\bprotokoll(?:et)?\s+(?:nr\.?\s*|nummer\s*)?(\d{1,3}\s*[/-]\s*\d{4}|\d{4}\s*[:/-]\s*\d{1,3})\b/i;

/** Reads the header lines: title, body, meeting time and place, attendance lists and first-page signatures. */
export function readHeader(header: WorkLine[], warnings: Warning[]): HeaderInfo {
  const info: HeaderInfo = {
    body: null,
    organization: null,
    number: null,
    date: null,
    start: null,
    end: null,
    place: null,
    present: [],
    absent: [],
    guests: [],
    signatures: [],
    adjusters: [],
    adjournments: [],
    warnings,
  };
  const blocks: Block[] = [];
  const loose: WorkLine[] = [];
  let current: Block | null = null;
  let blankSince = false;
  for (const line of header) {
    if (!line.text) {
      blankSince = true;
      continue;
    }
    const adjourn = ADJOURN_RE.exec(line.text);
    if (adjourn) {
      const span = findTimeSpan(adjourn[1]!);
      info.adjournments.push({ from: span?.start ?? null, to: span?.end ?? null });
      current = null;
      continue;
    }
    // Inside the signature table and the ANSLAG/BEVIS block, titles and dates belong to that block.
    const inTable =
      current?.type === 'field' &&
      ((current.field === 'signatures' && !startsNotice(line)) || current.field === 'notice');
    if (current && inTable && !startsAttendance(line)) {
      current.parts.push(line);
      continue;
    }
    const started = startBlock(line, warnings);
    if (started) {
      current = started;
      blocks.push(current);
      blankSince = false;
      continue;
    }
    if (current && continues(current, line, blankSince)) {
      current.parts.push(line);
      blankSince = false;
      continue;
    }
    current = null;
    blankSince = false;
    loose.push(line);
  }

  const ctx: Context = { consumed: new Set(), fieldValues: [], letterheadDates: [] };
  readTitle(header, loose, info, ctx);
  readMeetingSentence(loose, ctx);
  for (const block of blocks) {
    if (block.type === 'field') readField(block, info, ctx);
    else readAttendance(block, info);
  }
  resolveMeetingDate(info, ctx);
  let previous: WorkLine | null = null;
  for (const line of loose) {
    if (line.noise || ctx.consumed.has(line)) continue;
    // One warning per paragraph: a wrapped sentence continues on the next line.
    const continuesPrevious = previous !== null && line.no === previous.no + 1;
    previous = line;
    if (continuesPrevious) continue;
    if (STRUCTURAL_HEADING_RE.test(line.text) && !/^protokoll/i.test(line.text)) {
      warnings.push({ code: 'unplaced-text', message: `Rubrik utan innehåll: "${line.text}".`, line: line.no });
      continue;
    }
    warnings.push({
      code: 'unplaced-text',
      message: `Text utanför punkterna: "${line.text.slice(0, 80)}${line.text.length > 80 ? '…' : ''}".`,
      line: line.no,
    });
  }
  if (!info.organization) info.organization = organisationFromParticipants(info.present);
  return info;
}

/** What the readers of one header share. */
interface Context {
  /** Lines outside blocks that the title reader took (title, dated letterhead, organisation line). */
  consumed: Set<WorkLine>;
  fieldValues: { field: Field; value: string; line: number }[];
  letterheadDates: string[];
}

/** Full forms of labels that two-column PDF conversions cut short ("Övriga närvaran", "Justeringens pl"). */
const LONG_LABELS: { label: string; full: string }[] = [
  'Övriga närvarande',
  'Övriga deltagare',
  'Närvarande ersättare',
  'Tjänstgörande ersättare',
  'Anmält förhinder',
  'Inbjudna gäster',
  'Beslutande',
  'Frånvarande',
  'Utses att justera',
  'Justeringens plats och tid',
  'Plats och tid',
  'Sammanträdesdatum',
  'Underskrifter',
].map((label) => ({ label, full: label.toLowerCase() }));

/** A label cut short at the start of the line, with the full label it stands for. */
function truncatedLabel(text: string): { full: string; written: string; rest: string } | null {
  const lower = text.toLowerCase();
  for (const { label, full } of LONG_LABELS) {
    // A cut of at least eight characters that the line starts with: most lines part from every label at once.
    const shared = sharedPrefixLength(lower, full);
    for (let k = Math.min(shared, full.length - 1); k >= 8; k--) {
      if (full[k - 1] === ' ' || lower[k] !== ' ') continue;
      return { full: label, written: text.slice(0, k), rest: text.slice(k + 1).trim() };
    }
  }
  return null;
}

function sharedPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function startBlock(line: WorkLine, warnings: Warning[]): Block | null {
  const exact = startExactBlock(line, line.raw.replace(/\*\*/g, '').trim());
  if (exact) return exact;
  const cut = truncatedLabel(line.text);
  if (!cut) return null;
  const block = startExactBlock(line, `${cut.full}  ${cut.rest}`);
  if (block) {
    warnings.push({
      code: 'label-truncated',
      message: `Rubriken "${cut.written}" är avkortad (läst som "${cut.full}").`,
      line: line.no,
    });
  }
  return block;
}

function startExactBlock(line: WorkLine, text: string): Block | null {
  // The raw line keeps column gaps ("Underskrifter  Sekreterare"), which tell a label from its value.
  for (const { re, kind } of ATTENDANCE_LABELS) {
    const rest = matchLabel(text, re, (r) => leadingPersonName(r) !== null || startsWithAttendanceLabel(r));
    if (rest !== null) {
      const merged = ATTENDANCE_LABELS.find(({ re }) => re.test(rest))?.kind ?? null;
      return { type: 'attendance', kind, parts: [], rest: merged ? '' : rest, line, merged };
    }
  }
  for (const { re, field } of HEADER_LABELS) {
    const rest = matchLabel(
      text,
      re,
      (r) =>
        /\d|kl\b/.test(r) ||
        field === 'place' ||
        field === 'adjusters' ||
        field === 'notice' ||
        (field === 'signatures' && signatureRole(r.split(/\s+/)[0] ?? '') !== null),
    );
    if (rest !== null) return { type: 'field', field, rest, parts: [], line };
  }
  return null;
}

function startsNotice(line: WorkLine): boolean {
  return HEADER_LABELS.some(({ re, field }) => field === 'notice' && matchLabel(line.text, re) !== null);
}

function startsAttendance(line: WorkLine): boolean {
  return ATTENDANCE_LABELS.some(({ re }) => matchLabel(line.text, re) !== null);
}

function startsWithAttendanceLabel(text: string): boolean {
  return ATTENDANCE_LABELS.some(({ re }) => re.test(text));
}

function continues(block: Block, line: WorkLine, afterBlank: boolean): boolean {
  if (AGENDA_LABEL_RE.test(line.text)) return false;
  // Any "Label: value" line ("Antecknare: Jenny Holm") ends a list; names never end in a colon.
  if (line.text.includes(':') && /^[\p{L}][\p{L}\s/-]{2,40}:(?:\s|$)/u.test(line.text)) return false;
  if (block.type === 'field') {
    if (block.field === 'notice' || block.field === 'signatures') return true;
    // A label alone on its line ("Plats och tid") has its value on the next one, even after a blank line.
    if (afterBlank) return block.rest === '' && block.parts.length === 0;
    return block.parts.length < 3;
  }
  if (isListEntry(line.text))
    return !(afterBlank && block.rest && block.parts.length === 0 && !isListEntry(block.rest));
  // A paragraph-style list wrapped over several lines (PDF) continues until a blank line.
  return (
    !afterBlank &&
    (block.rest !== '' || block.parts.length > 0) &&
    !/[.!?]$/.test(block.parts.at(-1)?.text ?? block.rest)
  );
}

/** A line that is an attendance entry: a name, maybe with organisation, party, role or time; not a sentence. */
function isListEntry(text: string): boolean {
  const name = leadingPersonName(text);
  if (!name) return /^hela\s/i.test(text);
  const after = text.slice(text.indexOf(name) + name.length).trim();
  if (!after) return true;
  if (/^[,(;]|^(?:från|till|och|samt|tjg|tjänstgör|ersätter|§|ej\s+§)/i.test(after)) return true;
  return !/^\p{Ll}/u.test(after);
}

function readField(block: Block & { type: 'field' }, info: HeaderInfo, ctx: Context): void {
  const value = [block.rest, ...block.parts.map((p) => p.text)].filter(Boolean).join(' ').trim();
  switch (block.field) {
    case 'timePlace':
    case 'date':
    case 'time':
    case 'place':
      ctx.fieldValues.push({ field: block.field, value, line: block.line.no });
      return;
    case 'adjusters':
      for (const p of parseParticipantList(value).participants) if (p.role !== 'group') info.adjusters.push(p.name);
      return;
    case 'minuteTaker': {
      const title = block.line.text.split(':')[0]!.trim();
      for (const p of parseParticipantList(value).participants) {
        info.signatures.push({ role: 'secretary', title, name: p.name });
      }
      return;
    }
    case 'signatures':
      info.signatures.push(...readSignatureLines([block.rest, ...block.parts.map((p) => p.raw)].filter(Boolean)));
      return;
    case 'notice': {
      const organ = /\borgan\s*:?\s+(.+)$/im.exec([block.rest, ...block.parts.map((p) => p.text)].join('\n'));
      if (organ && !info.body) info.body = canonicalBody(organ[1]!.trim());
      return;
    }
    default:
      return;
  }
}

function readAttendance(block: Block & { type: 'attendance' }, info: HeaderInfo): void {
  if (block.merged) {
    readColumns(block, block.merged, info);
    return;
  }
  // A list written as one paragraph ("A, Helsingborg, B, Svalöv, …") may be wrapped anywhere, even inside a
  // name; a list of one entry per line is joined with separators.
  const all = [block.rest, ...block.parts.map((p) => p.raw.replace(/^\s*[-*•]\s*/, ''))].filter(Boolean);
  const paragraphStyle =
    (block.rest.match(/,/g)?.length ?? 0) >= 2 ||
    (block.rest !== '' && all.slice(0, -1).some((l) => /(?:,|\boch|\bsamt|-|,\s*\p{Lu}[\p{L}-]*)\s*$/u.test(l)));
  const entries = paragraphStyle ? joinWrapped(all) : all.join('; ');
  addParticipants(block, block.kind, entries, info);
}

/**
 * "Beslutande Ersättare" over rows such as "Lena Bergqvist (S), ordförande Ahmed Karimi (S)": the left person
 * belongs to the first label, the right one to the second. A row with one name is the left column's.
 */
function readColumns(block: Block & { type: 'attendance' }, right: AttendanceKind, info: HeaderInfo): void {
  const leftEntries: string[] = [];
  const rightEntries: string[] = [];
  for (const part of block.parts) {
    const cells = part.raw.split(/\s{2,}/).filter((c) => c.trim());
    const split = cells.length === 2 ? cells : splitRow(part.text);
    leftEntries.push(split[0]!.trim());
    if (split[1]) rightEntries.push(split[1].trim());
  }
  addParticipants(block, block.kind, leftEntries.join('; '), info);
  addParticipants(block, right, rightEntries.join('; '), info);
}

const SECOND_PERSON_RE =
  /^(.*?[\p{L})])\s+((?:[\p{Lu}\uFFFD][\p{L}\uFFFD-]+\s+){1,2}[\p{Lu}\uFFFD][\p{L}\uFFFD-]+\s*\([\p{Lu}]{1,3}\).*)$/u;

/** Splits a flattened row at the second "Name (Party)"; "tjg för X (KD)" is a note, not a second person. */
function splitRow(text: string): string[] {
  const m = SECOND_PERSON_RE.exec(text);
  if (!m || /\b(?:för|ersätter)$/i.test(m[1]!) || !/\(/.test(m[1]!)) return [text];
  return [m[1]!, m[2]!];
}

function addParticipants(
  block: Block & { type: 'attendance' },
  kind: AttendanceKind,
  entries: string,
  info: HeaderInfo,
): void {
  if (!entries.trim()) return;
  const { participants, inferredCommas } = parseParticipantList(entries);
  for (const written of inferredCommas) {
    info.warnings.push({
      code: 'comma-inferred',
      message: `Komma saknas i "${written}"; uppdelat med hjälp av kommunlistan.`,
      line: lineOf(block, written),
    });
  }
  switch (kind) {
    case 'present':
      // "Tjänstgörande ersättare": substitutes who serve; the heading is their role.
      if (/^tjänstgörande\s+ersättare/i.test(block.line.text)) {
        for (const p of participants) if (p.role === null) p.role = 'tjänstgörande ersättare';
      }
      info.present.push(...participants);
      return;
    case 'absent':
      info.absent.push(...participants);
      return;
    case 'guests':
      info.guests.push(...participants);
      return;
    case 'substitutes': {
      // "Närvarande suppleanter" / "Ersättare": the heading is the role; one who serves ("tjänstgörande för
      // Rolf Ekdahl") is present.
      const role = /suppleant/i.test(block.line.text) ? 'suppleant' : 'ersättare';
      for (const p of participants) {
        if (p.role === null) p.role = role;
        if (p.note && /^(?:tjg|tjänstgör|ersätter)/i.test(p.note)) info.present.push(p);
        else info.guests.push(p);
      }
      return;
    }
  }
}

/** Joins wrapped lines; a hyphen at a line end before a capital ("Jan-" / "Inge") belongs to the word. */
function joinWrapped(lines: string[]): string {
  return lines.reduce((acc, line) => (acc.endsWith('-') && /^\p{Lu}/u.test(line) ? `${acc}${line}` : `${acc} ${line}`));
}

function lineOf(block: Block, written: string): number {
  const key = written.slice(0, 20);
  for (const part of [block.line, ...block.parts]) if (part.text.includes(key)) return part.no;
  return block.line.no;
}

/**
 * The title area: the first lines outside attendance blocks, read cell by cell because first pages are often
 * tables ("Norrviks kommun | SAMMANTRÄDESPROTOKOLL | 1 (9)", "Kommunstyrelsen | 2024-03-19").
 */
function readTitle(header: WorkLine[], loose: WorkLine[], info: HeaderInfo, ctx: Context): void {
  const looseSet = new Set(loose);
  for (const line of header.filter((l) => l.text && !l.noise).slice(0, 14)) {
    const isLoose = looseSet.has(line);
    const cells = line.raw
      .split(/\s{2,}/)
      .map((c) => c.replace(/\*\*/g, '').trim())
      .filter(Boolean);
    let recognised = 0;
    for (const cell of cells.length > 1 ? cells : [line.text]) {
      if (readTitleCell(cell, info, ctx, isLoose, line.no)) recognised++;
      else if (PAGE_FURNITURE_RE.test(cell) || /^\d{4}-\d{2}-\d{2}$/.test(cell)) recognised++;
    }
    if (isLoose && recognised > 0) ctx.consumed.add(line);
  }
}

function readTitleCell(text: string, info: HeaderInfo, ctx: Context, isLoose: boolean, lineNo: number): boolean {
  let recognised = false;
  const number = NUMBER_RE.exec(text);
  if (number && !info.number) {
    info.number = number[1]!.replace(/\s+/g, '');
    recognised = true;
  }
  if (startsWithAnyLabel(text)) return recognised;
  if (!info.body) {
    const found = bodyFromLine(text);
    if (found) {
      info.body = found.body;
      if (found.organization) info.organization = found.organization;
      return true;
    }
  }
  if (
    /^(?:protokoll|sammanträdesprotokoll|minnesanteckningar|kallelse|mötesanteckningar|anteckningar|utdrag)\b/i.test(
      text,
    )
  ) {
    return true;
  }
  // "Org.nr 556731-2048": the company's registration number belongs to the letterhead.
  if (/^(?:org\.?\s*nr|organisationsnummer)\.?\s*:?\s*\d{6}-?\d{4}$/i.test(text)) return true;
  if (ORGANISATION_LINE_RE.test(text)) {
    info.organization ??= text;
    return true;
  }
  // An unlabelled time-and-place line: "Tisdag den 12 mars 2024, kl. 13–15, Kulturhuset Ljuset".
  if (
    isLoose &&
    /\bkl\.?\s*\d/i.test(text) &&
    findDay(text, null) &&
    !ctx.fieldValues.some((v) => v.field === 'timePlace')
  ) {
    ctx.fieldValues.push({ field: 'timePlace', value: text, line: lineNo });
    return true;
  }
  // A dated letterhead line: "Helsingborg 2024-02-16".
  if (isLoose && /^[\p{Lu}][\p{L}-]+(?:\s+[\p{Lu}][\p{L}-]+)?,?\s+\d{4}-\d{2}-\d{2}$/u.test(text)) {
    ctx.letterheadDates.push(text);
    return true;
  }
  return recognised;
}

const ORGANISATION_LINE_RE =
  /^(?:[\p{Lu}][\p{L}-]+\s+){1,4}(?:AB|HB|KB|ek\.\s*för\.?)$|^(?:[\p{Lu}][\p{L}-]+\s+){0,3}(?:kommun|stad|region|kommunalförbund|förbund)$|^[\p{Lu}][\p{L}-]*(?:förbundet|förbund)(?:\s+[\p{Lu}][\p{L}-]+){1,2}$|^(?:Region|Kommunförbundet)\s+[\p{Lu}][\p{L}-]+$|^(?:Familjen Helsingborg|Skåne Nordväst)$/u;

function startsWithAnyLabel(text: string): boolean {
  return (
    ATTENDANCE_LABELS.some(({ re }) => matchLabel(text, re) !== null) ||
    HEADER_LABELS.some(({ re }) => matchLabel(text, re) !== null)
  );
}

/**
 * "Protokoll nr 2/2024 fört vid styrelsemöte i X AB tisdagen den 12 mars 2024 / kl. 15.00–17.20 i …": a
 * paragraph of loose lines that holds a full date and a time is the meeting's time and place.
 */
function readMeetingSentence(loose: WorkLine[], ctx: Context): void {
  if (ctx.fieldValues.some((v) => v.field === 'timePlace' || v.field === 'date')) return;
  let paragraph: WorkLine[] = [];
  const flush = (): boolean => {
    const text = paragraph.map((l) => l.text).join(' ');
    if (paragraph.length > 0 && /\bkl\.?\s*\d/i.test(text) && findDay(text, null)) {
      ctx.fieldValues.push({ field: 'timePlace', value: text, line: paragraph[0]!.no });
      for (const l of paragraph) ctx.consumed.add(l);
      return true;
    }
    paragraph = [];
    return false;
  };
  for (const line of loose) {
    if (paragraph.length > 0 && line.no !== paragraph.at(-1)!.no + 1 && flush()) return;
    paragraph.push(line);
  }
  flush();
}

/** Body and organisation from a title line, or null when the line names no body. */
export function bodyFromLine(text: string): { body: string; organization: string | null } | null {
  const t = text.replace(/\s+/g, ' ').trim();
  const genitive = /^(.+?)s\s+(?:protokoll|sammanträdesprotokoll|minnesanteckningar|kallelse|möte)\b/i.exec(t);
  if (genitive && genitive[1]!.split(' ').length <= 5) return { body: canonicalBody(genitive[1]!), organization: null };
  const meetingOf = /^([\p{L}-]+(?:möte|sammanträde))\s+(?:i|inom|för)\s+(.+)$/iu.exec(t);
  if (meetingOf) return { body: canonicalBody(meetingOf[1]!), organization: meetingOf[2]!.trim() };
  const after =
    /^(?:protokoll|sammanträdesprotokoll|minnesanteckningar|mötesanteckningar|anteckningar|kallelse)(?:\s*[–—:-])?(?:\s+(?:från|för|vid|fört vid))?(?:\s+(?:sammanträde|möte|mötet|sammanträdet)\s+(?:med|i|för))?\s+(.+?)(?:\s+\d.*)?$/i.exec(
      t,
    );
  if (after && BODY_WORD_RE.test(after[1]!)) return splitBodyOrg(after[1]!);
  if (t.length <= 60 && BODY_WORD_RE.test(t) && !/[.:]$/.test(t) && /^[\p{Lu}]/u.test(t) && !/\d{4}-\d{2}/.test(t)) {
    return splitBodyOrg(t);
  }
  return null;
}

function splitBodyOrg(text: string): { body: string; organization: string | null } {
  const m = /^(.+?)\s+(?:i|inom|för)\s+([\p{Lu}].+)$/u.exec(text);
  if (m && BODY_WORD_RE.test(m[1]!)) return { body: canonicalBody(m[1]!), organization: m[2]!.trim() };
  return { body: canonicalBody(text), organization: null };
}

function resolveMeetingDate(info: HeaderInfo, ctx: Context): void {
  const values = ctx.fieldValues;
  const letterhead = ctx.letterheadDates;
  const refYear = info.number ? /\d{4}/.exec(info.number)?.[0] : undefined;
  let ref: string | null = null;
  for (const l of letterhead) ref ??= findDay(l, null)?.value ?? null;
  ref ??= refYear ? `${refYear}-06-15` : null;

  const dateSources = [
    ...values.filter((v) => v.field === 'date' || v.field === 'timePlace' || v.field === 'time'),
    ...letterhead.map((value) => ({ field: 'date' as Field, value, line: 0 })),
  ];
  for (const source of dateSources) {
    const day = findDay(source.value, ref);
    if (day) {
      info.date = day.value;
      break;
    }
  }
  for (const v of values.filter((x) => x.field === 'timePlace' || x.field === 'time')) {
    const span = findTimeSpan(v.value.replace(/\b\d{4}-\d{2}-\d{2}\b|\b\d{6}\b/g, ' '));
    if (span) {
      info.start = span.start;
      info.end = span.end;
      break;
    }
  }
  const placeField = values.find((v) => v.field === 'place');
  const timePlace = values.find((v) => v.field === 'timePlace');
  // In a sentence ("… fört vid styrelsemöte … kl. 15.00–17.20 i bolagets lokaler, Hamngatan 4.") the venue
  // is what follows the time.
  const afterTime = timePlace
    ? /\bkl\.?\s*\d{1,2}(?:[.:]\d{2})?\s*[–-]\s*\d{1,2}(?:[.:]\d{2})?\s*,?\s+(?:i|på)\s+(.+?)\.?$/i.exec(
        timePlace.value,
      )
    : null;
  if (placeField) info.place = cleanPlace(placeField.value);
  else if (timePlace && afterTime && /\bfört\s+vid\b|^protokoll/i.test(timePlace.value))
    info.place = afterTime[1]!.trim();
  else if (timePlace) info.place = cleanPlace(timePlace.value);

  const firstLine = values[0]?.line ?? null;
  if (!info.date) {
    const any = values.length > 0;
    info.warnings.push(
      any
        ? { code: 'unreadable-date', message: 'Mötets datum kunde inte läsas.', line: firstLine }
        : { code: 'missing-date', message: 'Inget datum för mötet hittades.', line: null },
    );
  }
  if (values.length > 0 && !info.start) {
    const timeText = timePlace?.value ?? values.find((v) => v.field === 'time')?.value ?? '';
    if (/\bkl\.?\s*$|\bkl\.?\s*[,–-]|\bkl\.?\s+[^\d\s]/i.test(timeText)) {
      info.warnings.push({
        code: 'digits-missing',
        message: `Klockslag saknas efter "kl" i "${timeText}" (siffror tappade i konverteringen?).`,
        line: timePlace?.line ?? firstLine,
      });
    } else {
      const timeLine = timePlace?.line ?? values.find((v) => v.field === 'time')?.line ?? null;
      info.warnings.push({ code: 'missing-time', message: 'Mötets tid kunde inte läsas.', line: timeLine });
    }
  }
  if (info.start && info.end && info.end < info.start) {
    info.warnings.push({
      code: 'time-span-reversed',
      message: `Mötet slutar (${info.end}) före det börjar (${info.start}).`,
      line: firstLine,
    });
  }
}

const WEEKDAYS = /\b(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\b/gi;

/** The venue from a "Tid/Plats" value: what remains without date, time, weekday and connecting words. */
export function cleanPlace(value: string): string | null {
  let text = value;
  for (const d of findDates(text, '2000-01-01')) text = text.replace(d.text, ' ');
  text = text.replace(
    /(?:,\s*)?\b(?:(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\s+)?den\s*(?=,|$|\s+kl)/gi,
    ' ',
  );
  text = text
    .replace(/\b\d{6}(?:-\d{2})?\b/g, ' ')
    .replace(/\b(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\s*(?:[-–—]|till)\s*(?:kl\.?\s*)?\d{1,2}[.:]\d{2}\b/gi, ' ')
    .replace(/\bkl\.?\s*\d{1,2}(?:[.:]\d{2})?(?:\s*[-–—]\s*\d{1,2}(?:[.:]\d{2})?)?/gi, ' ')
    .replace(/\bkl\.?(?=\s|,|$)/gi, ' ')
    .replace(WEEKDAYS, ' ')
    .replace(/^\s*den\b/i, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[,;:–-]+\s*/, '')
    .replace(/^(?:på|i|den)\s+/i, '')
    .replace(/^[,;:–-]+\s*/, '')
    .replace(/[\s,;.]+$/, '')
    .trim();
  return text.length > 0 ? text : null;
}

function organisationFromParticipants(present: Participant[]): string | null {
  // "Johan Lindberg, sekretariatet Familjen Helsingborg": the secretariat names the organisation it serves.
  for (const p of present) {
    const served = /^sekretariatet\s+(\S.*)$/i.exec(p.organization ?? '');
    if (served) return served[1]!.trim();
  }
  const names = [COOPERATION.name, ...COOPERATION.formerNames];
  for (const p of present) {
    for (const n of names) if (p.organization?.includes(n)) return n;
  }
  return null;
}
