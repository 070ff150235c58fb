import type { Signature } from '../../domain/document.js';
import { signatureRole } from '../segment/labels.js';
import { leadingPersonName } from './names.js';

type Token =
  | { kind: 'title'; title: string; lower: boolean }
  | { kind: 'name'; name: string }
  | { kind: 'pair'; title: string; name: string };

/**
 * Pairs signature titles with names. Blocks come in four shapes: a title under each name ("Palle Lundberg /
 * ordförande"), a title above each name (formal "Sekreterare ……… / Anna Ek"), headings over name-and-title pairs
 * ("Justeras / Ulf Arvidsson / ordförande"), and two columns flattened: all titles first, then the names in the
 * same order ("Vid tangenterna / Justeras / Thord Persson / Palle Lundberg"). Table rows ("Ulf Arvidsson   Sanna
 * Berglöf" over "ordförande   justerare") pair by column.
 */
export function readSignatureLines(lines: readonly string[]): Signature[] {
  const tokens = tokenize(lines);
  const out: Signature[] = [];
  const push = (title: string | null, name: string | null) => {
    out.push({ role: title ? (signatureRole(title) ?? 'other') : 'other', title, name });
  };
  // A heading ("Justeras") over a row whose first name has its own title ("Göran Fält, ordförande   Elin
  // Sjöqvist"): the heading belongs to the names that have none.
  let heading: string | null = null;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.kind === 'pair') {
      push(t.title, t.name);
      i++;
      continue;
    }
    if (t.kind === 'name') {
      if (next?.kind === 'title') {
        push(next.title, t.name);
        i += 2;
      } else {
        push(heading, t.name);
        i++;
      }
      continue;
    }
    if (next?.kind === 'pair') {
      heading = t.title;
      i++;
      continue;
    }
    // A heading over a name that has its own title below ("Justeras / Ulf Arvidsson / ordförande"): drop it.
    if (next?.kind === 'name' && tokens[i + 2]?.kind === 'title' && (tokens[i + 2] as { lower: boolean }).lower) {
      i++;
      continue;
    }
    // Titles first: count them, then take as many names in order (flattened columns).
    let k = i;
    while (k < tokens.length && tokens[k]!.kind === 'title') k++;
    const titles = tokens.slice(i, k) as { kind: 'title'; title: string }[];
    const names: string[] = [];
    let m = k;
    while (m < tokens.length && tokens[m]!.kind === 'name' && names.length < titles.length) {
      names.push((tokens[m] as { name: string }).name);
      m++;
    }
    if (titles.length > 1 && names.length === titles.length) {
      for (const [n, title] of titles.entries()) push(title.title, names[n]!);
      i = m;
      continue;
    }
    if (next?.kind === 'name') {
      push(t.title, next.name);
      i += 2;
    } else {
      i++;
    }
  }
  return out;
}

function tokenize(lines: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let titleRow: string[] | null = null;
  // Each row is looked at twice (as itself and as the row below the previous one): split it once.
  const rows = lines.map(cellsOf);
  for (let r = 0; r < lines.length; r++) {
    const cells = rows[r]!;
    if (cells.length === 0) continue;
    // Two or more names on one row and as many titles on the next: pair by column.
    const below = rows[r + 1] ?? [];
    const nameCells = cells.map((c) => leadingPersonName(c));
    if (
      cells.length > 1 &&
      nameCells.every((n, k) => n !== null && n === cells[k]) &&
      below.length === cells.length &&
      below.every((c) => signatureRole(c) !== null)
    ) {
      cells.forEach((name, k) => {
        tokens.push({ kind: 'pair', name, title: below[k]! });
      });
      r++;
      continue;
    }
    const allNames = cells.length > 1 && nameCells.every((n, k) => n !== null && n === cells[k]);
    // "Vid protokollet   Justeras" over "Gert Malm   Lars-Göran Fjell": titles and names pair by column.
    if (allNames && titleRow?.length === cells.length) {
      tokens.splice(tokens.length - titleRow.length, titleRow.length);
      cells.forEach((name, k) => {
        tokens.push({ kind: 'pair', name, title: titleRow![k]! });
      });
      titleRow = null;
      continue;
    }
    // "Justerare ……… ………" over "Lena Vik   Tomas Ahl": one title for a row of names.
    const last = tokens.at(-1);
    if (allNames && last?.kind === 'title') {
      tokens.pop();
      for (const name of cells) tokens.push({ kind: 'pair', name, title: last.title });
      continue;
    }
    titleRow =
      cells.length > 1 && cells.every((c) => signatureRole(c) !== null)
        ? cells.map((c) => c.replace(/[:.]$/, ''))
        : null;
    for (const cell of cells) {
      const token = readToken(cell);
      if (token) tokens.push(token);
    }
  }
  return tokens;
}

function cellsOf(raw: string): string[] {
  return raw
    .replace(/[._…]{3,}/g, '  ')
    .split(/\s{2,}|\t/)
    .map((c) => c.replace(/\*\*/g, '').trim())
    .filter((c) => c && !/^(?:underskrifter|namnförtydligande|signatur|paragrafer|§§?\s*[\d\s,–-]+)\s*:?$/i.test(c))
    .flatMap(splitTitles);
}

/** "Ordförande Justerande": two column titles flattened into one cell. */
function splitTitles(cell: string): string[] {
  if (signatureRole(cell) !== null) return [cell];
  const words = cell.split(/\s+/);
  return words.length > 1 && words.every((w) => signatureRole(w) !== null) ? words : [cell];
}

function readToken(text: string): Token | null {
  const role = signatureRole(text);
  if (role) {
    const title = text.replace(/[:.]$/, '').trim();
    return { kind: 'title', title, lower: /^\p{Ll}/u.test(title) };
  }
  const comma = /^(.+?)\s*,\s*(.+)$/.exec(text);
  if (comma && signatureRole(comma[2]!) && leadingPersonName(comma[1]!)) {
    return { kind: 'pair', name: comma[1]!.trim(), title: comma[2]!.trim() };
  }
  // "Ordförande Anna Ek", "Sekreterare Paragrafer 130-137".
  const words = text.split(/\s+/);
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const head = words.slice(0, n).join(' ');
    if (signatureRole(head)) {
      const name = leadingPersonName(words.slice(n).join(' '));
      const title = head.replace(/:$/, '');
      return name ? { kind: 'pair', title, name } : { kind: 'title', title, lower: /^\p{Ll}/u.test(title) };
    }
  }
  const name = leadingPersonName(text);
  if (name) return { kind: 'name', name };
  return null;
}
