/**
 * The 2024 house layout: "Kommundirektörmöte i Familjen Helsingborg", a dated letterhead line, "Plats och tid:
 * Den 16 februari 08.30-13:00 på …", one person per line, "Föredragande:" lines, "Mötet beslutar" with "att …,"
 * clauses, page headers repeated mid-text (even mid-paragraph), and the e-signature page instead of signatures.
 */
import type { Decision, Item, Participant } from '../../domain/document.js';
import { dayMonth, hhmm, hhmmDot, iso } from './calendar.js';
import type { KdMeeting } from './kd-meeting.js';
import type { Attendee } from './model.js';
import type { Rng } from './prng.js';
import {
  decision,
  dotted,
  expectedItem,
  guestParticipants,
  guestText,
  Lines,
  participant,
  presenterLine,
  type Rendered,
} from './render-common.js';

const SIGNATURE_PAGE = [
  'Underskriftssida',
  'Dokumentet har skrivits under elektroniskt av en eller flera personer som är listade nedan.',
  'Detta dokument med sin elektroniska underskrift gäller som självständig handling och uppfyller EU-krav på avancerade elektroniska underskrifter enligt eIDAS.',
  'Varje underskrift kan valideras med en PDF-läsare med stöd för signaturvalidering eller med en valideringstjänst. Andra valideringstjänster kan användas förutsatt att dessa uppfyller de tekniska kraven enligt internationella standarder.',
  "Om dokumentet skrivs ut på papper, eller om dokumentet 'skrivs ut' till ett nytt PDF-dokument, så följer inte de elektroniska underskrifterna med. Endast det elektroniskt underskrivna originaldokumentet går att validera.",
] as const;

interface Block {
  text: string;
  /** Prose that a page break may cut in two. */
  prose: boolean;
}

function attendeeLine(a: Attendee): string {
  return a.from ? `${a.name}, ${a.organization} från kl ${dotted(a.from)}` : `${a.name}, ${a.organization}`;
}

/** Writes the blocks with a repeated page header every page, sometimes in the middle of a paragraph. */
function paginate(rng: Rng, out: Lines, blocks: readonly Block[], header: () => string, firstPageUsed: number): void {
  let budget = rng.int(38, 50) - firstPageUsed;
  for (const b of blocks) {
    const height = Math.ceil(b.text.length / 95) + 1;
    if (budget - height < 0) {
      budget = rng.int(38, 50);
      const words = b.text.split(' ');
      const cut = b.prose && words.length > 14 && rng.chance(0.5) ? splitPoint(rng, words) : -1;
      if (cut > 0) {
        out.para(words.slice(0, cut).join(' ')).para(header()).para(words.slice(cut).join(' '));
        budget -= height;
        continue;
      }
      out.para(header());
    }
    out.para(b.text);
    budget -= height;
  }
}

/** A word index where the rest of a paragraph can start a new page without looking like a heading or clause. */
function splitPoint(rng: Rng, words: readonly string[]): number {
  const candidates: number[] = [];
  for (let i = 4; i < words.length - 3; i++) {
    const w = words[i] as string;
    if (/^[a-zåäöé]/.test(w) && w !== 'att' && w !== 'samt') candidates.push(i);
  }
  return candidates.length > 0 ? rng.pick(candidates) : -1;
}

export function renderSeed2024(rng: Rng, m: KdMeeting): Rendered {
  const out = new Lines();
  const title = `Kommundirektörmöte i ${m.org}`;
  out
    .blank(2)
    .para(title)
    .para(`${m.coop.lead.name} ${iso(m.day)}`)
    .para(m.secretaryMail);
  const endText = rng.chance(0.5) ? hhmm(m.end) : hhmmDot(m.end);
  out.para(`Plats och tid: Den ${dayMonth(m.day)} ${hhmmDot(m.start)}-${endText} på ${m.place}.`);
  out.para('Närvarande tjänstepersoner:');
  for (const a of m.present) out.para(attendeeLine(a));
  if (m.absent.length > 0) {
    out.para('Anmält förhinder:');
    for (const a of m.absent) out.para(attendeeLine(a));
  }
  let guests: Participant[] = [];
  if (m.guests.length > 0 && m.listGuests) {
    out.para('Inbjudna gäster:');
    for (const g of m.guests) out.para(guestText(g));
    guests = guestParticipants(m.guests);
  }
  const headerUsed = out.lines.length;

  const blocks: Block[] = [];
  const items: Item[] = [];
  m.items.forEach((it, index) => {
    const num = String(index + 1);
    blocks.push({ text: `${num}. ${it.title}`, prose: false });
    if (it.presenters.length > 0)
      blocks.push({ text: `Föredragande: ${presenterLine(rng, it.presenters)}`, prose: false });
    for (const p of it.paragraphs) blocks.push({ text: p, prose: true });
    if (it.referral) blocks.push({ text: it.referral.text, prose: false });
    const decisions: Decision[] = [];
    if (it.clauses.length > 0) {
      blocks.push({ text: 'Mötet beslutar', prose: false });
      it.clauses.forEach((c, i) => {
        const last = i === it.clauses.length - 1;
        const d = decision(c, `att ${c.inf}${last ? '.' : ','}`);
        decisions.push(d.decision);
        blocks.push({ text: d.line, prose: false });
      });
    }
    for (const p of it.after) blocks.push({ text: p, prose: true });
    const text = [...it.paragraphs, ...it.after];
    items.push(
      expectedItem(
        num,
        it.title,
        it.presenters.map((p) => p.name),
        text,
        decisions,
        it,
      ),
    );
  });
  const header = () => (rng.chance(0.6) ? title : `Kommundirektörsmöte i ${m.org}`);
  paginate(rng, out, blocks, header, Math.min(30, headerUsed));
  out.blank(2);
  for (const p of SIGNATURE_PAGE) out.para(p);

  return {
    text: out.toString(),
    expected: {
      schema: 'protokoll/1',
      body: 'Kommundirektörsgruppen',
      organization: m.org,
      number: null,
      date: iso(m.day),
      start: hhmm(m.start),
      end: hhmm(m.end),
      place: m.place,
      present: m.present.map(participant),
      absent: m.absent.map(participant),
      guests,
      items,
      adjournments: [],
      signatures: [],
      warnings: [],
    },
  };
}
