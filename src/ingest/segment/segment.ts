import type { Warning } from '../../domain/document.js';
import { leadingPersonName } from '../interpret/names.js';
import {
  findHeadingCandidates,
  type HeadingCandidate,
  isAgendaLabel,
  isPlausibleTitle,
  stripTocPage,
} from './headings.js';
import { ATTENDANCE_LABELS, HEADER_LABELS, matchLabel, signatureRole } from './labels.js';
import { markNoise } from './noise.js';
import type { WorkLine } from './work-line.js';

/** An item as segmented: its heading and the lines of its body. */
export interface RawItem {
  number: string | null;
  /** True when the number was inferred from the sequence (bullets before "4."). */
  inferred: boolean;
  title: string;
  inline: string;
  heading: WorkLine;
  body: WorkLine[];
}

/** The parts of a protocol, each still as lines; interpretation happens in `interpret/`. */
export interface Segments {
  lines: WorkLine[];
  /** Lines before the first item (title, header fields, attendance, preamble), noise removed. */
  header: WorkLine[];
  items: RawItem[];
  /** Items listed in a Dagordning / Ärendelista / Innehållsförteckning. */
  agenda: RawItem[];
  /** Line number of the agenda's label, when there is an agenda. */
  agendaLabel: number | null;
  /** The signature block at the end. */
  trailer: WorkLine[];
  warnings: Warning[];
}

/** Splits lines into header, items and signature block. */
export function segment(lines: WorkLine[]): Segments {
  markNoise(lines);
  const warnings: Warning[] = [];
  const candidates = findHeadingCandidates(lines);
  const found = findAgenda(lines, candidates);
  let agendaSet = found.entries;
  let bodyCandidates = candidates.filter((c) => !agendaSet.has(c) && !inAttendanceOrHeader(lines, c));
  // A numbered list under "Dagordning" whose numbering the body continues (1–2 there, 3… in the body) is the
  // start of the items, not a list of them.
  const agendaValues = [...agendaSet].map((c) => c.value ?? 0);
  const bodyNumbered = bodyCandidates.filter((c) => c.kind === 'numbered');
  if (
    agendaSet.size > 0 &&
    bodyNumbered.length > 0 &&
    [...agendaSet].every((c) => c.kind === 'numbered') &&
    Math.min(...bodyNumbered.map((c) => c.value ?? 0)) === Math.max(...agendaValues) + 1
  ) {
    bodyCandidates = candidates.filter((c) => !inAttendanceOrHeader(lines, c));
    agendaSet = new Set();
  }
  const inferred = new Set<HeadingCandidate>();
  const headings = chooseHeadings(bodyCandidates, warnings, lines, inferred);
  const agendaList = [...agendaSet];
  const agenda = agendaList.map((c, k) =>
    toRawItem(c, lines, lines.slice(c.index + 1 + c.extraLines, agendaList[k + 1]?.index ?? found.end)),
  );

  const firstHeading = headings[0]?.index ?? lines.length;
  const headerEnd = Math.min(firstHeading, agendaSet.size > 0 ? found.label : lines.length);
  const header = lines.slice(0, headerEnd).filter((l) => !l.noise);

  const trailerStart = findTrailerStart(
    lines,
    headings.length > 0 ? headings[headings.length - 1]!.index + 1 : agendaSet.size > 0 ? found.end : headerEnd,
  );
  const trailer = lines.slice(trailerStart).filter((l) => !l.noise && l.text);

  const items: RawItem[] = headings.map((h, k) => {
    const end = k + 1 < headings.length ? headings[k + 1]!.index : trailerStart;
    const body = lines.slice(h.index + 1 + h.extraLines, end);
    return toRawItem(h, lines, body, inferred.has(h));
  });
  const agendaLabel = agendaSet.size > 0 && found.label < lines.length ? lines[found.label]!.no : null;
  return { lines, header, items, agenda, agendaLabel, trailer, warnings };
}

function toRawItem(c: HeadingCandidate, lines: WorkLine[], body: WorkLine[], inferred = false): RawItem {
  const { title } = stripTocPage(c.title);
  return { number: c.number, inferred, title, inline: c.inline, heading: lines[c.index]!, body };
}

/** Candidates that sit in the header region as attendance entries ("1. …" never is, but a guest list line may be). */
function inAttendanceOrHeader(lines: WorkLine[], c: HeadingCandidate): boolean {
  const text = lines[c.index]!.text;
  return (
    ATTENDANCE_LABELS.some((l) => matchLabel(text, l.re) !== null) ||
    HEADER_LABELS.some((l) => l.re.test(text) && matchLabel(text, l.re) !== null)
  );
}

/**
 * The list under an agenda label ("Dagordning", "Ärendelista", "Innehållsförteckning"): numbered or § entries,
 * each with indented detail lines (Dnr, Föredragande), up to the first line that is none of these. A table of
 * contents without a label (§ lines ending in page numbers) counts too.
 */
function findAgenda(
  lines: WorkLine[],
  candidates: HeadingCandidate[],
): { entries: Set<HeadingCandidate>; label: number; end: number } {
  const entries = new Set<HeadingCandidate>();
  const byIndex = new Map(candidates.map((c) => [c.index, c]));
  let label = lines.length;
  let end = lines.length;
  for (let i = 0; i < lines.length && entries.size === 0; i++) {
    if (lines[i]!.noise || !isAgendaLabel(lines[i]!)) continue;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.noise || !line.text) continue;
      const c = byIndex.get(j);
      const first = entries.values().next().value;
      const sameKind = !first || c?.kind === first.kind || c?.kind === 'section';
      // The body starts where a number comes again ("§ 41" after the contents' "§ 41 … 3").
      const repeated = c !== undefined && [...entries].some((e) => e.number !== null && e.number === c.number);
      if (c && sameKind && !repeated && (c.kind === 'numbered' || c.kind === 'paragraph' || c.kind === 'section')) {
        entries.add(c);
        j += c.extraLines;
        continue;
      }
      const detail = /^\s+\S/.test(line.raw) || /^(?:dnr|diarienr|föredragande|föredragare)\b/i.test(line.text);
      if (entries.size > 0 && (detail || (/^[-*•]\s+\S/.test(line.raw) && line.text.length < 120))) continue;
      break;
    }
    if (entries.size > 0) {
      label = i;
      end = j;
    }
  }
  for (const c of candidates) if (c.toc) entries.add(c);
  return { entries, label, end };
}

/**
 * Picks the headings that open items. In a §-protocol only § lines do; otherwise numbered lines in a rising
 * sequence, bold bullets the sequence proves ("- X**" twice, then "3."), and known unnumbered sections.
 */
function chooseHeadings(
  candidates: HeadingCandidate[],
  warnings: Warning[],
  lines: WorkLine[],
  inferred: Set<HeadingCandidate>,
): HeadingCandidate[] {
  const paragraphs = candidates.filter((c) => c.kind === 'paragraph');
  if (paragraphs.length >= 2 || (paragraphs.length === 1 && !candidates.some((c) => c.kind === 'numbered'))) {
    return risingSequence(paragraphs, warnings, lines, true);
  }
  const plausible = candidates.filter((c) => (c.kind === 'numbered' ? isPlausibleTitle(c) : true));
  // Items are numbered in one style ("3.", "3)" or "3 Titel"); another style in the same document numbers the
  // points inside them. The style whose numbering runs longest is the items'.
  const styles = ['dot', 'paren', 'bare'] as const;
  const best = styles
    .map((style) => ({
      style,
      run: risingSequence(
        plausible.filter((c) => c.style === style),
        [],
        lines,
        false,
      ).length,
    }))
    .reduce((a, b) => (b.run > a.run ? b : a));
  const numbered = plausible.filter((c) => c.kind === 'numbered' && c.style === best.style);
  const chosenNumbers = new Set(risingSequence(numbered, warnings, lines, false));
  const firstNumbered = numbered.find((c) => chosenNumbers.has(c));
  const bullets = plausible.filter((c) => c.kind === 'bullet');
  const chosen: HeadingCandidate[] = [];
  if (firstNumbered && bullets.length > 0) {
    const before = bullets.filter((b) => b.index < firstNumbered.index);
    if (before.length > 0 && before.length === (firstNumbered.value ?? 0) - 1) {
      before.forEach((b, k) => {
        b.number = String(k + 1);
        b.value = k + 1;
        inferred.add(b);
        warnings.push({
          code: 'number-inferred',
          message: `Punkten "${b.title}" saknar nummer; ${k + 1} härlett ur numreringen som följer.`,
          line: lines[b.index]!.no,
        });
        chosen.push(b);
      });
    }
  } else if (!firstNumbered) {
    chosen.push(...bullets);
  }
  chosen.push(...numbered.filter((c) => chosenNumbers.has(c)));
  chosen.push(...plausible.filter((c) => c.kind === 'section' || c.kind === 'markdown'));
  return chosen.sort((a, b) => a.index - b.index);
}

function risingSequence(
  candidates: HeadingCandidate[],
  warnings: Warning[],
  lines: WorkLine[],
  paragraphMode: boolean,
): HeadingCandidate[] {
  const out: HeadingCandidate[] = [];
  let last: number | null = null;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    const value = c.value ?? 0;
    if (last === null) {
      out.push(c);
      last = value;
      continue;
    }
    if (value === last + 1) {
      out.push(c);
      last = value;
      continue;
    }
    const maxGap = paragraphMode ? 50 : 5;
    if (value > last + 1 && value <= last + maxGap) {
      warnings.push({
        code: 'numbering-gap',
        message: `Numreringen hoppar från ${last} till ${value}.`,
        line: lines[c.index]!.no,
      });
      out.push(c);
      last = value;
      continue;
    }
    // The same number twice ("5. …", "5. …", "6. …") is two items when the numbering goes on after it.
    const following = candidates[k + 1];
    if (value === last && (paragraphMode || following?.value === value + 1)) {
      warnings.push({
        code: 'duplicate-number',
        message: `§ ${value} förekommer två gånger.`,
        line: lines[c.index]!.no,
      });
      out.push(c);
    }
  }
  return out;
}

/**
 * The signature block: from the end, the run of lines that are names, signature titles, dates and places of
 * signing, or dotted signature lines.
 */
function findTrailerStart(lines: WorkLine[], notBefore: number): number {
  let start = lines.length;
  let sawTitle = false;
  for (let i = lines.length - 1; i >= notBefore; i--) {
    const line = lines[i]!;
    if (line.noise || !line.text) continue;
    const text = line.text
      .replace(/[._…]{3,}/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    // Table rows ("Ulf Arvidsson   Sanna Berglöf" / "ordförande   justerare") are read cell by cell.
    const cells = line.raw
      .replace(/[._…]{3,}/g, '  ')
      .split(/\s{2,}/)
      .map((c) => c.trim())
      .filter(Boolean);
    if (isSignatureLine(text) || (cells.length > 1 && cells.every(isSignatureLine))) {
      if (
        signatureRole(text.replace(/^.*,\s*/, '')) !== null ||
        signatureRole(text.split(' ')[0] ?? '') !== null ||
        signatureRole(text.split(':')[0] ?? '') !== null ||
        cells.some((c) => signatureRole(c) !== null)
      ) {
        sawTitle = true;
      }
      start = i;
      continue;
    }
    break;
  }
  return sawTitle ? start : lines.length;
}

function isSignatureLine(raw: string): boolean {
  // "Vid pennan: Jenny Torstensson"
  const colon = /^([^:]{3,30}):\s*(.+)$/.exec(raw);
  if (colon && signatureRole(colon[1]!) !== null && leadingPersonName(colon[2]!.trim()) !== null) return true;
  const text = raw
    .replace(/[._…]{3,}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return true;
  if (signatureRole(text) !== null) return true;
  if (/^[._\s]{4,}$/.test(text)) return true;
  if (/^(?:underskrifter|signatur|namnförtydligande)\s*:?$/i.test(text)) return true;
  const withTitle = /^(.+?)\s*,\s*(.+)$/.exec(text);
  if (withTitle && signatureRole(withTitle[2]!) !== null && leadingPersonName(withTitle[1]!) === withTitle[1]!.trim()) {
    return true;
  }
  const titled = /^(.+?)\s+(\S+)$/.exec(text);
  if (titled && signatureRole(titled[1]!) !== null && leadingPersonName(titled[2]!) === null) return false;
  const name = leadingPersonName(text);
  if (name && name === text.trim()) return true;
  if (/^[\p{Lu}][\p{L}-]+(?:\s+[\p{Lu}][\p{L}-]+){0,3}\s+\d{4}-\d{2}-\d{2}$/u.test(text)) return true;
  return false;
}
