import type { Participant } from '../../domain/document.js';
import { MUNICIPALITY_FORMS } from '../../domain/municipalities.js';
import { leadingPersonName, PERSON_NAME } from './names.js';
import { normaliseTime } from './swedish-dates.js';

/** A participant plus what the parser had to guess while reading it. */
export interface ParsedParticipants {
  participants: Participant[];
  /** Missing separators repaired from the municipality list, as written ("Åstorp Åke Svensson"). */
  inferredCommas: string[];
}

type Chunk = { kind: 'person'; participant: Participant; joined: boolean } | { kind: 'attr'; text: string };

const ROLE_RE =
  /^(?:\d:e\s+|förste\s+|andre\s+|vice\s+|tf\.?\s+|t\.f\.\s+|biträdande\s+|tjänstgörande\s+|förtroendevalda?\s+|ej\s+tjänstgörande\s+|adjungerad\s+|auktoriserad\s+|godkänd\s+|verkställande\s+|teknisk\s+|ekonomisk\s+|administrativ\s+|juridisk\s+|kommunal\s+)*(?:(?:[a-zåäö]+-\s+(?:och|eller)\s+)?[a-zåäö-]*(?:direktör|chef|ledare|ordförande|ordf\.?|sekreterare|handläggare|strateg|samordnare|controller|ekonom|utvecklare|kommunikatör|ansvarig|koordinator|jurist|revisor|ledamot|ersättare|trainee|utredare|analytiker|konsult|rådgivare|specialist|planerare|inspektör|arkivarie|registrator|protokollförare|justerare|föredragande|adjungerad|expert|assistent|skribent|tekniker|projektledare|projektkoordinator|verksamhetsledare|kommunalråd|oppositionsråd|sammankallande|mötesledare|processledare|moderator|rektor|överförmyndare|representant|arbetstagarrepresentant|direktör|arkitekt|ingenjör|sakkunnig)|vd|ceo)\b/i;
const GROUP_RE = /^(?:hela\s+)?(?:trainée?|trainee|traine)(?:grupp|gruppen)\s*\d+$|^hela\s+\S/i;
const SPLIT_AND_RE = new RegExp(`\\s+(?:och|samt|&)\\s+(?=(?:${PERSON_NAME})|hela\\s)`, 'u');
const TIME = '(\\d{1,2}[.:]\\d{2})';
const FROM_TO_RE = new RegExp(
  `\\(?\\s*(?:från|fr\\.?o\\.?m\\.?)\\s+kl\\.?\\s*${TIME}(?:\\s+(?:till|t\\.?o\\.?m\\.?)\\s+kl\\.?\\s*${TIME})?\\s*\\)?`,
  'i',
);
const TO_ONLY_RE = new RegExp(`\\(?\\s*(?:till|t\\.?o\\.?m\\.?)\\s+kl\\.?\\s*${TIME}\\s*\\)?`, 'i');
const NOTE_RE =
  /\(?\s*((?:tjg|tjänstgör(?:ande)?)\.?\s+(?:ers\.?\s+)?(?:för|i stället för)\s+[^,;()]+(?:\([^)]*\))?|(?<![\p{L}])för\s+[\p{Lu}][\p{L}-]+\s+[\p{Lu}][\p{L}-]+(?:\s*\([^)]*\))?|punkt(?:erna)?\s+\d+(?:\s*(?:[-–]|,|och)\s*\d+)*|ersätter\s+[^,;()]+(?:\([^)]*\))?|(?:ej|utom)\s+§{1,2}\s*[\d\s,–-]*\d|§{1,2}\s*\d+(?:\s*[-–]\s*\d+)?(?:\s*(?:,|och)\s*\d+(?:\s*[-–]\s*\d+)?)*|del av (?:mötet|sammanträdet))\s*\)?/iu;
const PARTY_RE = /\(([A-ZÅÄÖ]{1,3}|MP|KD|SD|L|V|C|M|S)\)/;
const PAREN_RE = /\(([^()]+)\)/;
/** Every time span has a "kl". */
const CLOCK_RE = /kl/i;
/** Every note has one of these. */
const NOTE_HINT_RE = /för|punkt|ersätter|§|del av/iu;

/**
 * Reads an attendance list as protocols write it: one paragraph ("Palle Lundberg, Helsingborg, Herman Crespin
 * från kl 09.00, Höganäs …") or one entry per line ("Anna Ek (S), ordförande"). Attributes after a name belong
 * to it; a run of names joined by "och" shares the attribute that follows ("A och B, traineegrupp 10").
 */
export function parseParticipantList(text: string): ParsedParticipants {
  const inferredCommas: string[] = [];
  const chunks: Chunk[] = [];
  for (const piece of splitTopLevel(text)) {
    let joined = false;
    for (const part of piece.split(SPLIT_AND_RE)) {
      const value = part
        .trim()
        .replace(/[.;]+$/, '')
        .replace(/^(?:och|samt)\s+/i, '')
        .trim();
      if (value) chunks.push(...classify(value, joined, inferredCommas));
      joined = true;
    }
  }
  return { participants: attach(chunks), inferredCommas };
}

/** Splits on commas and semicolons outside parentheses, and on column gaps of two or more spaces. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  // Pieces are sliced out rather than built a character at a time.
  let start = 0;
  const src = text.replace(/ {2,}/g, ', ');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if ((ch === ',' || ch === ';') && depth === 0) {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

function emptyParticipant(name: string): Participant {
  return { name, organization: null, role: null, from: null, to: null, note: null };
}

function classify(value: string, joined: boolean, inferredCommas: string[]): Chunk[] {
  // "Trainéegrupp 6 med projektledare Gunilla Abrahamsson": a group and its leader.
  const withLeader = /^(.+?)\s+med\s+(.+)$/i.exec(value);
  if (withLeader && GROUP_RE.test(withLeader[1]!.trim())) {
    const group = withLeader[1]!.trim();
    const rest = withLeader[2]!.trim();
    const role = ROLE_RE.exec(rest)?.[0] ?? null;
    const name = (role ? rest.slice(role.length) : rest).trim();
    const leader = emptyParticipant(name);
    leader.role = role;
    leader.organization = group;
    return [groupChunk(group), { kind: 'person', participant: leader, joined: false }];
  }
  if (/^hela\s/i.test(value)) return [groupChunk(value)];

  // "Åstorp Åke Svensson": a municipality and the next person without the comma between them.
  const forms = formsByFirstWord.get(firstWord(value).toLowerCase());
  if (forms) {
    const lower = value.toLowerCase();
    for (const form of forms) {
      if (lower.startsWith(form) && lower[form.length] === ' ') {
        const rest = value.slice(form.length).trim();
        if (leadingPersonName(rest)) {
          inferredCommas.push(value);
          return [{ kind: 'attr', text: value.slice(0, form.length) }, ...classify(rest, false, inferredCommas)];
        }
      }
    }
  }

  const name = leadingPersonName(value);
  if (name && !GROUP_RE.test(value)) {
    const participant = emptyParticipant(name);
    const rest = value.slice(value.indexOf(name) + name.length).trim();
    if (rest) applyAttribute(participant, rest, true);
    return [{ kind: 'person', participant, joined }];
  }
  return [{ kind: 'attr', text: value }];
}

/**
 * The municipality forms by their first word, longest first as in MUNICIPALITY_FORMS. A form followed by a space
 * starts the text only if its first word is the text's first word, so one lookup replaces a test of every form
 * (this runs for every entry of every attendance list).
 */
const formsByFirstWord = new Map<string, string[]>();
for (const form of MUNICIPALITY_FORMS) {
  const word = firstWord(form);
  formsByFirstWord.set(word, [...(formsByFirstWord.get(word) ?? []), form]);
}

/** The text up to its first space (all of it when it has none). */
function firstWord(text: string): string {
  const space = text.indexOf(' ');
  return space < 0 ? text : text.slice(0, space);
}

function groupChunk(name: string): Chunk {
  const participant = emptyParticipant(name);
  participant.role = 'group';
  return { kind: 'person', participant, joined: false };
}

/** Reads times, party, notes, role and organisation out of an attribute and stores them on the participant. */
function applyAttribute(p: Participant, raw: string, sameChunk: boolean): void {
  let rest = raw;
  // Most attributes are a place or a title ("Helsingborg", "ordförande"). The time, note and party patterns may
  // start at any position, so each runs only when the text has what every match of it contains.
  const fromTo = CLOCK_RE.test(rest) ? FROM_TO_RE.exec(rest) : null;
  if (fromTo) {
    p.from = normaliseTime(fromTo[1]!) ?? p.from;
    if (fromTo[2]) p.to = normaliseTime(fromTo[2]) ?? p.to;
    rest = cut(rest, fromTo);
  }
  const toOnly = CLOCK_RE.test(rest) ? TO_ONLY_RE.exec(rest) : null;
  if (toOnly) {
    p.to = normaliseTime(toOnly[1]!) ?? p.to;
    rest = cut(rest, toOnly);
  }
  // Notes as written, in order: "tjg för Tobias Vinberg (S) §§ 134-137" stays one note.
  const notes: string[] = [];
  for (let note = NOTE_HINT_RE.test(rest) ? NOTE_RE.exec(rest) : null; note; note = NOTE_RE.exec(rest)) {
    notes.push(note[1]!.trim());
    rest = cut(rest, note);
  }
  if (notes.length > 0) p.note = join(p.note, notes.join(' '));
  const party = rest.includes('(') ? PARTY_RE.exec(rest) : null;
  if (party) {
    p.organization ??= party[1]!;
    rest = cut(rest, party);
  }
  // "(ordförande)" is a role, "(Åsby)" an organisation, "(Region Sjöland, sammankallande)" both, "(punkt 3)" a note.
  for (let paren = rest.includes('(') ? PAREN_RE.exec(rest) : null; paren; paren = PAREN_RE.exec(rest)) {
    for (const part of paren[1]!.split(/\s*,\s*/)) {
      const inner = part.trim();
      if (!inner) continue;
      if (ROLE_RE.exec(inner)?.[0].length === inner.length && p.role === null) p.role = inner;
      else if (p.organization === null && /^[\p{Lu}][\p{L}-]*(?:\s+[\p{L}-]+){0,4}$/u.test(inner))
        p.organization = inner;
      else p.note = join(p.note, inner);
    }
    rest = cut(rest, paren);
  }
  rest = rest.replace(/^[\s,:;-]+|[\s,:;-]+$/g, '');
  if (!rest) return;
  const role = ROLE_RE.exec(rest);
  if (role && !/^sekretariat/i.test(rest)) {
    const roleText = role[0].trim();
    const after = rest
      .slice(role[0].length)
      .trim()
      .replace(/^(?:i|på|vid|för)\s+/i, '');
    if (p.role === null) p.role = roleText;
    else p.note = join(p.note, roleText);
    if (after) applyOrganisation(p, after);
    return;
  }
  if (sameChunk && /^från\s+/i.test(rest)) {
    p.note = join(p.note, rest);
    return;
  }
  applyOrganisation(p, rest);
}

function applyOrganisation(p: Participant, text: string): void {
  const from = /^(.+?)\s+(från\s+\S.*)$/i.exec(text);
  const org = from && !/kl/.test(from[2]!) ? from[1]! : text;
  if (from && org !== text) p.note = join(p.note, from[2]!);
  if (p.organization === null) p.organization = org;
  else p.note = join(p.note, org);
}

function attach(chunks: Chunk[]): Participant[] {
  const people: Participant[] = [];
  // Persons since the last attribute: an attribute that follows applies to each of them that still lacks one.
  let run: Participant[] = [];
  // Persons joined by "och" across their own attributes ("A, Ängelholm och B, Båstad från X"): a closing
  // "från X" describes all of them.
  let chain: Participant[] = [];
  let lastWasAttr = false;
  for (const chunk of chunks) {
    if (chunk.kind === 'person') {
      chain = chunk.joined && people.length > 0 ? [...chain, chunk.participant] : [chunk.participant];
      if (lastWasAttr || !chunk.joined) run = [];
      if (chunk.participant.role === 'group') {
        people.push(chunk.participant);
        run = [];
        lastWasAttr = false;
        continue;
      }
      people.push(chunk.participant);
      run.push(chunk.participant);
      lastWasAttr = false;
      continue;
    }
    const targets = run.length > 0 ? run : people.slice(-1);
    if (targets.length === 0) {
      // Before any name: a group ("Trainéegrupp 9"), or most likely a name we could not recognise.
      const p = emptyParticipant(chunk.text);
      if (GROUP_RE.test(chunk.text)) p.role = 'group';
      people.push(p);
      continue;
    }
    for (const target of targets) applyAttribute(target, chunk.text, false);
    const from = /\s(från\s+(?!kl)\S.*)$/i.exec(chunk.text);
    if (from) for (const p of chain) if (!targets.includes(p) && !p.note) p.note = from[1]!;
    lastWasAttr = true;
  }
  return people;
}

function cut(text: string, m: RegExpExecArray): string {
  return `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim();
}

function join(a: string | null, b: string): string {
  return a ? `${a}; ${b}` : b;
}
