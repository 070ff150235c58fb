/** Pieces every layout renderer shares: the line buffer, participants, items and decisions in `protokoll/1` form. */
import type { Decision, Item, Participant, ProtocolDocument } from '../../domain/document.js';
import { joinSv } from './clauses.js';
import type { Attendee, Clause, GuestEntry, ItemModel, Presenter } from './model.js';
import type { Rng } from './prng.js';

/** The `protokoll/1` document minus `source`, which needs the written bytes. */
export type ExpectedBody = Omit<ProtocolDocument, 'source'>;

export interface Rendered {
  text: string;
  expected: ExpectedBody;
}

/** Protocol text under construction, one line at a time. */
export class Lines {
  readonly lines: string[] = [];

  line(s: string): this {
    this.lines.push(s);
    return this;
  }

  blank(n = 1): this {
    for (let i = 0; i < n; i++) this.lines.push('');
    return this;
  }

  /** A paragraph followed by an empty line. */
  para(s: string): this {
    this.lines.push(s, '');
    return this;
  }

  toString(): string {
    while (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
    return this.lines.join('\n');
  }
}

export function participant(a: Attendee): Participant {
  return { name: a.name, organization: a.organization, role: a.role, from: a.from, to: a.to, note: a.note };
}

/** Guests as participants: one per person, a group as `role: "group"`, a group's leader after the group. */
export function guestParticipants(entries: readonly GuestEntry[]): Participant[] {
  const out: Participant[] = [];
  for (const e of entries) {
    if (e.group) {
      for (const n of e.names)
        out.push({ name: n, organization: null, role: 'group', from: null, to: null, note: null });
      if (e.leader) {
        out.push({
          name: e.leader,
          organization: e.names[0] ?? null,
          role: 'projektledare',
          from: null,
          to: null,
          note: null,
        });
      }
      continue;
    }
    for (const n of e.names) {
      out.push({ name: n, organization: e.organization, role: e.role, from: null, to: null, note: null });
    }
  }
  return out;
}

/** How a guest entry is written inside a one-paragraph list or on its own line. */
export function guestText(e: GuestEntry): string {
  if (e.group) return e.leader ? `${e.names[0]} med projektledare ${e.leader}` : (e.names[0] ?? '');
  const who = joinSv(e.names);
  if (e.role && e.organization) return `${who}, ${e.role} ${e.organization}`;
  if (e.role) return `${who}, ${e.role}`;
  if (e.organization) return `${who}, ${e.organization}`;
  return who;
}

/**
 * A one-paragraph guest list as in 2016: entries separated by ", ", the last person entry by " och " when
 * that cannot be misread, whole groups at the end after " samt ".
 */
export function guestParagraph(rng: Rng, entries: readonly GuestEntry[]): string {
  const people = entries.filter((e) => !e.group).map(guestText);
  const groups = entries.filter((e) => e.group).map(guestText);
  const lastIsSingle = entries.filter((e) => !e.group).at(-1)?.names.length === 1;
  let s = '';
  if (people.length > 1 && lastIsSingle && rng.chance(0.5)) {
    s = `${people.slice(0, -1).join(', ')} och ${people.at(-1)}`;
  } else {
    s = people.join(', ');
  }
  for (const g of groups) s = s ? `${s} samt ${g}` : g;
  return s;
}

/** "Föredragande: A, Stadsdirektör Helsingborgs stad", "Föredragande: A, och B, Höganäs kommun". */
export function presenterLine(rng: Rng, presenters: readonly Presenter[]): string {
  const [a, b] = presenters;
  if (!a) return '';
  if (!b) return a.desc ? `${a.name}, ${a.desc}` : a.name;
  if (a.desc === null) {
    const tail = b.desc ? `, ${b.desc}` : '';
    return rng.chance(0.5) ? `${a.name}, och ${b.name}${tail}` : `${a.name} och ${b.name}${tail}`;
  }
  return `${a.name}, ${a.desc} och ${b.name}${b.desc ? `, ${b.desc}` : ''}`;
}

/** The item's prose with the presenter sentence merged in (layouts without "Föredragande:" lines). */
export function proseParagraphs(it: ItemModel): string[] {
  const paras = it.paragraphs.slice();
  const p = it.presenterProse;
  if (p) {
    if (paras.length === 0) paras.push(p.sentence);
    else if (p.first) paras[0] = `${p.sentence} ${paras[0]}`;
    else paras[paras.length - 1] = `${paras[paras.length - 1]} ${p.sentence}`;
  }
  return paras;
}

/** A decision clause as written, and as the document reports it (final "," or ";" dropped, "." kept). */
export function decision(c: Clause, writtenText: string): { line: string; decision: Decision } {
  const text = writtenText.replace(/[,;]\s*$/, '');
  return {
    line: writtenText,
    decision: {
      text,
      kind: c.kind,
      assignments: c.assignment ? [{ ...c.assignment, assignees: [...c.assignment.assignees] }] : [],
    },
  };
}

/** The expected item. */
export function expectedItem(
  number: string | null,
  title: string,
  presenters: string[],
  paragraphs: string[],
  decisions: Decision[],
  it: ItemModel,
): Item {
  return { number, title, presenters, text: paragraphs.join('\n\n'), decisions, referral: it.referral };
}

/** "08:30" → "08.30", the way the protocols write a time. */
export function dotted(t: string): string {
  return t.replace(':', '.');
}
