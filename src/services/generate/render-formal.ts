/**
 * The formal layout of a municipal board or committee: letterhead, "Protokoll Kommunstyrelsen",
 * "Sammanträdesdatum", "Plats och tid", Beslutande with parties, Ersättare, Övriga närvarande, "Utses att justera",
 * "§ 26 Dnr KS 2018/124 Titel" items with "Beslut" and numbered decision points, "Underskrifter", page numbers.
 */
import type { Decision, Item } from '../../domain/document.js';
import { hhmm, hhmmDot, iso } from './calendar.js';
import type { FormalMeeting } from './formal-meeting.js';
import type { Attendee } from './model.js';
import type { Rng } from './prng.js';
import { decision, expectedItem, Lines, participant, presenterLine, type Rendered } from './render-common.js';

/** Continuation lines that a reader could take for a heading, a clause, a label or a page number. */
const UNSAFE_START =
  /^(att|Att|samt|§|\d|-|\*|Beslut|Sida|Mötet|Ajournering|Föredragande|Justerare|Ordförande|Sekreterare|Underskrifter|Information|Meddelanden|Delegationsbeslut|Dnr|Ärendet)\b/;

/** Hard-wraps a paragraph the way PDF text extraction does, never starting a line with something misleading. */
function wrap(text: string, width: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let current = '';
  for (const w of words) {
    if (current && current.length + 1 + w.length > width && !UNSAFE_START.test(w)) {
      lines.push(current);
      current = w;
    } else {
      current = current ? `${current} ${w}` : w;
    }
  }
  if (current) lines.push(current);
  return lines;
}

function politicianLine(a: Attendee): string {
  const parts = [`${a.name} (${a.organization})`];
  if (a.role && a.role !== 'ersättare') parts.push(a.role);
  if (a.note) parts.push(a.note);
  return parts.join(', ');
}

function officialLine(a: Attendee): string {
  return [a.name, a.role, a.note].filter((x) => x).join(', ');
}

interface Block {
  lines: string[];
}

export function renderFormal(rng: Rng, m: FormalMeeting): Rendered {
  const b = m.body;
  const width = rng.int(78, 96);
  const blocks: Block[] = [];
  const para = (text: string, prose = false): void => {
    blocks.push({ lines: prose && b.wrapped ? wrap(text, width) : [text] });
  };

  const dateInPlace = rng.chance(0.3);
  const times = `kl. ${hhmmDot(m.start)}-${hhmmDot(m.end)}`;
  const head = new Lines().blank().para(b.municipality.letterhead);
  head.line(`Protokoll ${b.kind.name}`);
  if (!dateInPlace) head.line(`Sammanträdesdatum ${iso(m.day)}`);
  head.blank();
  head.para(dateInPlace ? `Plats och tid: ${m.place}, ${iso(m.day)} ${times}` : `Plats och tid: ${m.place}, ${times}`);

  blocks.push({ lines: ['Beslutande', ...m.present.map(politicianLine)] });
  if (m.substitutes.length > 0) blocks.push({ lines: ['Ersättare', ...m.substitutes.map(politicianLine)] });
  blocks.push({ lines: ['Övriga närvarande', ...m.officials.map(officialLine)] });
  if (m.listAbsent) blocks.push({ lines: ['Frånvarande', ...m.absent.map(politicianLine)] });
  para(`Utses att justera: ${m.adjuster}`);

  const items: Item[] = [];
  m.items.forEach((it, index) => {
    const num = `§ ${it.paragraph}`;
    const dnrInHeading = it.dnr !== null && rng.chance(0.6);
    para(dnrInHeading ? `${num} ${it.dnr} ${it.title}` : `${num} ${it.title}`);
    const text: string[] = [];
    if (it.dnr) {
      if (!dnrInHeading) para(it.dnr);
      text.push(it.dnr);
    }
    const asLine = it.presenters.length > 0 && rng.chance(0.5);
    if (asLine) para(`Föredragande: ${presenterLine(rng, it.presenters)}`);
    const prose = it.paragraphs.slice();
    if (!asLine && it.presenterProse) {
      // After the background, before any yrkanden.
      if (prose.length > 0) prose[0] = `${prose[0]} ${it.presenterProse.sentence}`;
      else prose.push(it.presenterProse.sentence);
    }
    for (const p of prose) para(p, true);
    text.push(...prose);
    if (m.adjournment && m.adjournment.item === index) {
      para(`Ajournering kl ${hhmmDot(m.adjournment.from)}-${hhmmDot(m.adjournment.to)}`);
    }
    const decisions: Decision[] = [];
    if (it.clauses.length > 0) {
      para(rng.chance(0.8) ? 'Beslut' : `${b.kind.subject}s beslut`);
      const lines: string[] = [];
      it.clauses.forEach((c, i) => {
        const last = i === it.clauses.length - 1;
        if (b.numberedDecisions && c.finite) {
          const d = decision(c, `${c.finite}.`);
          decisions.push(d.decision);
          lines.push(`${i + 1}. ${d.line}`);
        } else {
          const d = decision(c, `att ${c.inf}${last ? '.' : ','}`);
          decisions.push(d.decision);
          para(d.line);
        }
      });
      if (lines.length > 0) blocks.push({ lines });
    }
    for (const p of it.after) para(p, true);
    text.push(...it.after);
    const presenters = asLine ? it.presenters.map((p) => p.name) : (it.presenterProse?.names ?? []);
    const item = expectedItem(num, it.title, presenters, text, decisions, it);
    if (item.referral) item.referral = { ...item.referral, text: decisions[0]?.text ?? '' };
    items.push(item);
  });

  const titleFirst = b.titleFirstSignatures;
  const sign = (title: string, name: string): string[] => (titleFirst ? [cap(title), name] : [name, title]);
  const signature = [
    ...sign('sekreterare', m.secretary),
    '',
    ...sign('ordförande', m.chair),
    '',
    ...sign('justerare', m.adjuster),
  ];
  blocks.push({ lines: ['Underskrifter', '', ...signature] });

  // Page numbers between blocks ("Sida 2 av 5"): not content.
  const pageBreaks: number[] = [];
  let used = head.lines.length;
  let budget = rng.int(44, 56);
  blocks.forEach((blk, i) => {
    const h = blk.lines.length + 1;
    if (used + h > budget && i > 0) {
      pageBreaks.push(i);
      used = 0;
      budget = rng.int(44, 56);
    }
    used += h;
  });
  const pages = pageBreaks.length + 1;
  const out = new Lines();
  out.lines.push(...head.lines);
  let page = 1;
  blocks.forEach((blk, i) => {
    if (pageBreaks.includes(i)) out.para(`Sida ${page++} av ${pages}`);
    for (const l of blk.lines) out.line(l);
    out.blank();
  });
  if (pages > 1) out.para(`Sida ${page} av ${pages}`);

  const sigs = [
    { role: 'secretary' as const, title: titleFirst ? 'Sekreterare' : 'sekreterare', name: m.secretary },
    { role: 'chair' as const, title: titleFirst ? 'Ordförande' : 'ordförande', name: m.chair },
    { role: 'adjuster' as const, title: titleFirst ? 'Justerare' : 'justerare', name: m.adjuster },
  ];

  return {
    text: out.toString(),
    expected: {
      schema: 'protokoll/1',
      body: b.kind.name,
      organization: b.municipality.letterhead,
      number: null,
      date: iso(m.day),
      start: hhmm(m.start),
      end: hhmm(m.end),
      place: m.place,
      present: m.present.map(participant),
      absent: m.listAbsent ? m.absent.map(participant) : [],
      guests: [...m.substitutes.map(participant), ...m.officials.map(participant)],
      items,
      adjournments: m.adjournment ? [{ from: hhmm(m.adjournment.from), to: hhmm(m.adjournment.to) }] : [],
      signatures: sigs,
      warnings: [],
    },
  };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
