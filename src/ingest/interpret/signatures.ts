import type { Signature } from '../../domain/document.js';
import { signatureRole } from '../segment/labels.js';
import { leadingPersonName } from './names.js';

type Token =
  | { kind: 'title'; title: string }
  | { kind: 'name'; name: string }
  | { kind: 'pair'; title: string; name: string };

/**
 * Pairs signature titles with names. Blocks come as "name, title" lines (2016), as a title under each name, as a
 * title above each name (formal protocols), or flattened from two columns: all titles first, then the names in
 * the same order ("Vid tangenterna / Justeras / Thord Persson / Palle Lundberg").
 */
export function readSignatureLines(lines: readonly string[]): Signature[] {
  const tokens: Token[] = [];
  for (const raw of lines) {
    const text = raw
      .replace(/[._]{3,}/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (!text || /^(?:underskrifter|namnförtydligande|signatur)\s*:?$/i.test(text)) continue;
    const token = readToken(text);
    if (token) tokens.push(token);
  }
  const out: Signature[] = [];
  const push = (title: string | null, name: string | null) => {
    out.push({ role: title ? (signatureRole(title) ?? 'other') : 'other', title, name });
  };
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === 'pair') {
      push(t.title, t.name);
      i++;
      continue;
    }
    if (t.kind === 'name') {
      const next = tokens[i + 1];
      if (next?.kind === 'title') {
        push(next.title, t.name);
        i += 2;
      } else {
        push(null, t.name);
        i++;
      }
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
    const next = tokens[i + 1];
    if (next?.kind === 'name') {
      push(t.title, next.name);
      i += 2;
    } else {
      push(t.title, null);
      i++;
    }
  }
  return out.filter((s) => s.name !== null || s.role !== 'other');
}

function readToken(text: string): Token | null {
  const role = signatureRole(text);
  if (role) return { kind: 'title', title: text.replace(/[:.]$/, '').trim() };
  const comma = /^(.+?)\s*,\s*(.+)$/.exec(text);
  if (comma && signatureRole(comma[2]!) && leadingPersonName(comma[1]!)) {
    return { kind: 'pair', name: comma[1]!.trim(), title: comma[2]!.trim() };
  }
  // "Ordförande Anna Ek", "Sekreterare Paragrafer 130-137".
  const words = text.split(' ');
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const head = words.slice(0, n).join(' ');
    if (signatureRole(head)) {
      const rest = words.slice(n).join(' ');
      const name = leadingPersonName(rest);
      return name ? { kind: 'pair', title: head, name } : { kind: 'title', title: head };
    }
  }
  const name = leadingPersonName(text);
  if (name) return { kind: 'name', name };
  return null;
}
