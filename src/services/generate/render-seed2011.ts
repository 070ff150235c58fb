/**
 * The 2011 house layout (Skåne Nordväst): capitalised title, "Tid/Plats: Torsdag 3 november 2011 kl 13.00 –
 * 17.00, …", inline bold item headings ("- 1. Titel:** text", "6. **Titel:** text"), "Kommundirektörsgruppen
 * beslutar:" with "Att …" clauses, and the flattened two-column signature block "Vid tangenterna / Justeras".
 */
import type { Decision, Item, Participant } from '../../domain/document.js';
import { hhmm, hhmmDot, iso, longDate } from './calendar.js';
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
  proseParagraphs,
  type Rendered,
} from './render-common.js';
import { attendanceParagraph } from './render-seed2016.js';

const ASIDES = [
  'Se bifogad uppdaterad handlingsplan.',
  'Se bifogat underlag.',
  'Presentationen skickas ut med protokollet.',
  'Aktuell deltagarlista mejlas ut.',
] as const;

function attendeeText(a: Attendee): string {
  if (a.from && a.to) return `${a.name} (från kl ${dotted(a.from)} till kl ${dotted(a.to)}), ${a.organization}`;
  if (a.from) return `${a.name}, ${a.organization} från kl ${dotted(a.from)}`;
  return `${a.name}, ${a.organization}`;
}

export function renderSeed2011(rng: Rng, m: KdMeeting): Rendered {
  const out = new Lines();
  out.blank(2);
  out.para(
    rng.chance(0.6) ? `KOMMUNDIREKTÖRSGRUPPENS PROTOKOLL ${m.number}` : `Kommundirektörsgruppens protokoll ${m.number}`,
  );
  out.para(`Tid/Plats: ${longDate(m.day)} kl ${hhmmDot(m.start)} – ${hhmmDot(m.end)}, ${m.place}`);
  out.para(`Närvarande: ${attendanceParagraph(rng, m.present, attendeeText)}`);
  if (m.absent.length > 0) out.para(`Anmält förhinder: ${attendanceParagraph(rng, m.absent, attendeeText)}`);
  let guests: Participant[] = [];
  if (m.guests.length > 0 && m.listGuests) {
    const groupsFirst = [...m.guests.filter((g) => g.group), ...m.guests.filter((g) => !g.group)];
    out.para(`Inbjudna gäster: ${groupsFirst.map(guestText).join(', ')}.`);
    guests = guestParticipants(groupsFirst);
  }

  const items: Item[] = [];
  let number = 0;
  let bulletStyle = rng.chance(0.7);
  for (const it of m.items) {
    const num = String(++number);
    // The seed switches from "- 1. Titel:**" to "6. **Titel:**" half way; so do we, now and then.
    if (bulletStyle && number > 3 && rng.chance(0.2)) bulletStyle = false;
    let inline = proseParagraphs(it).join(' ');
    let plain = inline;
    if (it.referral) inline = inline ? `${inline} ${it.referral.text}` : it.referral.text;
    if (inline && !it.referral && it.bullets.length === 0 && rng.chance(0.2)) {
      const aside = rng.pick(ASIDES);
      inline = `${inline} *${aside}*`;
      plain = `${plain} ${aside}`;
    }
    const head = bulletStyle ? `- ${num}. ${it.title}:**` : `${num}. **${it.title}:**`;
    const text: string[] = plain ? [plain] : [];
    if (it.bullets.length > 0) {
      out.line(head);
      for (const b of it.bullets) out.line(`- *${b.topic}:* ${b.text}`);
      out.blank();
      text.push(...it.bullets.map((b) => `${b.topic}: ${b.text}`));
    } else if (bulletStyle && it.clauses.length === 0) {
      out.line(inline ? `${head} ${inline}` : head);
    } else {
      out.para(inline ? `${head} ${inline}` : head);
    }
    const decisions: Decision[] = [];
    if (it.clauses.length > 0) {
      if (bulletStyle) out.blank();
      out.para('Kommundirektörsgruppen beslutar:');
      for (const c of it.clauses) {
        const d = decision(c, `Att ${c.inf}.`);
        decisions.push(d.decision);
        out.para(d.line);
      }
    }
    for (const p of it.after) {
      out.para(p);
      text.push(p);
    }
    items.push(expectedItem(num, it.title, it.presenterProse?.names ?? [], text, decisions, it));
  }
  if (out.lines.at(-1) !== '') out.blank();

  out.line('Vid tangenterna').blank().line('Justeras').blank(3).line(m.secretary).blank(3).line(m.chair);

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
      adjournments: [],
      signatures: [
        { role: 'secretary', title: 'Vid tangenterna', name: m.secretary },
        { role: 'adjuster', title: 'Justeras', name: m.chair },
      ],
      warnings: [],
    },
  };
}
