/**
 * The 2016–2019 house layout: "Kommundirektörsgruppens protokoll 10/2016", "Tid/Plats: 161118 kl. 08.30-12.30,
 * …", one-paragraph attendance lists, numbered items with prose, "Beslut:" and "att …" clauses, an optional
 * "Tematisk uppföljning", and a signature block of chair and head of secretariat.
 */
import type { Decision, Item, Participant } from '../../domain/document.js';
import { hhmm, hhmmDot, iso, yymmdd } from './calendar.js';
import type { KdMeeting } from './kd-meeting.js';
import type { Attendee } from './model.js';
import type { Rng } from './prng.js';
import {
  decision,
  dotted,
  expectedItem,
  guestParagraph,
  guestParticipants,
  Lines,
  participant,
  proseParagraphs,
  type Rendered,
} from './render-common.js';

function attendeeText(rng: Rng, a: Attendee): string {
  if (a.from && a.to) return `${a.name} (från kl ${dotted(a.from)} till kl ${dotted(a.to)}), ${a.organization}`;
  if (a.from) {
    return rng.chance(0.5)
      ? `${a.name} från kl ${dotted(a.from)}, ${a.organization}`
      : `${a.name}, ${a.organization} från kl ${dotted(a.from)}`;
  }
  return `${a.name}, ${a.organization}`;
}

/** "A, X, B, Y och C, Z." */
export function attendanceParagraph(rng: Rng, list: readonly Attendee[], text: (a: Attendee) => string): string {
  const parts = list.map(text);
  let s =
    parts.length > 1 && rng.chance(0.5) ? `${parts.slice(0, -1).join(', ')} och ${parts.at(-1)}` : parts.join(', ');
  if (rng.chance(0.7)) s += '.';
  return s;
}

export function renderSeed2016(rng: Rng, m: KdMeeting): Rendered {
  const out = new Lines();
  if (m.letterhead) {
    const digits = () => String(rng.int(10, 99));
    out
      .blank(2)
      .line(m.secretary)
      .line(`Tel: 07${rng.int(0, 9)}${rng.int(0, 9)} - ${digits()} ${digits()} ${digits()}`);
    out.line(m.secretaryMail).blank();
  } else {
    out.blank(2);
  }
  out.para(`Kommundirektörsgruppens protokoll ${m.number}`);
  out.para(
    `Tid/Plats: ${yymmdd(m.day)} kl. ${hhmmDot(m.start)}-${hhmmDot(m.end)}, ${m.place}${rng.chance(0.5) ? '.' : ''}`,
  );
  out.para(`Närvarande: ${attendanceParagraph(rng, m.present, (a) => attendeeText(rng, a))}`);
  if (m.absent.length > 0)
    out.para(`Anmält förhinder: ${attendanceParagraph(rng, m.absent, (a) => attendeeText(rng, a))}`);
  let guests: Participant[] = [];
  if (m.guests.length > 0 && m.listGuests) {
    // Whole groups come last ("… samt hela traineegrupp 11"), so they are listed last.
    const ordered = [...m.guests.filter((g) => !g.group), ...m.guests.filter((g) => g.group)];
    out.para(`Inbjudna gäster: ${guestParagraph(rng, ordered)}${rng.chance(0.7) ? '.' : ''}`);
    guests = guestParticipants(ordered);
  }

  const label = rng.chance(0.6) ? 'Beslut:' : 'Beslut';
  const items: Item[] = [];
  let number = 0;
  m.items.forEach((it, index) => {
    const num = it.unnumbered ? null : String(++number);
    out.para(num ? `${num}. ${it.title}` : it.title);
    const prose = proseParagraphs(it);
    for (const p of prose) out.para(p);
    if (it.referral) out.para(it.referral.text);
    if (m.adjournment && index === m.adjournment.afterItem + 1)
      out.para(`Mötet återupptas kl ${hhmmDot(m.adjournment.to)}`);
    const decisions: Decision[] = [];
    if (it.clauses.length > 0) {
      out.para(label);
      const useSamt = it.clauses.length > 1 && rng.chance(0.5);
      const tight = rng.chance(0.15);
      it.clauses.forEach((c, i) => {
        const last = i === it.clauses.length - 1;
        const prefix = last && useSamt ? 'samt att' : 'att';
        const stop = last ? rng.chance(0.5) : rng.chance(0.15);
        const d = decision(c, `${prefix} ${c.inf}${stop ? '.' : ''}`);
        decisions.push(d.decision);
        if (tight && !last) out.line(d.line);
        else out.para(d.line);
      });
    }
    for (const p of it.after) out.para(p);
    if (m.adjournment && index === m.adjournment.afterItem)
      out.para(`Mötet adjourneras kl ${hhmmDot(m.adjournment.from)}`);
    const presenters = it.presenterProse?.names ?? [];
    const text = [...prose, ...it.after];
    items.push(expectedItem(num, it.title, presenters, text, decisions, it));
  });

  out.blank(2).line(m.chair).line('ordförande').blank(3).line(m.secretary).line('sekretariatschef');

  return {
    text: out.toString(),
    expected: {
      schema: 'protokoll/1',
      body: 'Kommundirektörsgruppen',
      organization: m.org,
      number: m.number,
      date: iso(m.day),
      start: hhmm(m.start),
      end: hhmm(m.end),
      place: m.place,
      present: m.present.map(participant),
      absent: m.absent.map(participant),
      guests,
      items,
      adjournments: m.adjournment ? [{ from: hhmm(m.adjournment.from), to: hhmm(m.adjournment.to) }] : [],
      signatures: [
        { role: 'chair', title: 'ordförande', name: m.chair },
        { role: 'secretary', title: 'sekretariatschef', name: m.secretary },
      ],
      warnings: [],
    },
  };
}
