import type { Adjournment, Decision, Item, Referral, Warning } from '../../domain/document.js';
import { splitDnr } from '../segment/headings.js';
import {
  ACTION_RE,
  ADJOURN_RE,
  DECISION_LABEL_RE,
  DECISION_WORD_RE,
  INLINE_DECISION_RE,
  isProposalLabel,
  PRESENTER_LABEL_RE,
  RESUME_RE,
  SECTION_LABEL_RE,
  STRUCTURAL_HEADING_RE,
} from '../segment/labels.js';
import type { RawItem } from '../segment/segment.js';
import type { WorkLine } from '../segment/work-line.js';
import { propagateDue, readDecision } from './decisions.js';
import { findPersonName, isOrgWord, isPlaceWord, leadingPersonName } from './names.js';
import { parseParticipantList } from './participants.js';
import { findDates, findTimeSpan } from './swedish-dates.js';

/** What one item adds to the document besides itself. */
export interface ItemContext {
  meetingDate: string | null;
  body: string | null;
  adjournments: Adjournment[];
  /** An adjournment whose resumption has not been read yet; it may come in a later item. */
  openAdjournment: Adjournment | null;
  warnings: Warning[];
}

type Mode = 'text' | 'decision' | 'proposal';

const CLAUSE_RE = /^(?:[-*•]\s*)?(?:samt\s+)?att\s+\S/i;
const INLINE_DECIDED_RE = /(?:^|[.!?]\s+)(?:Beslöts|Beslutades|Uppdrogs|Uppdrags)\s/u;
/** Sentences that follow a decision without a label but are no decision: motions, reservations, dispatch. */
const MOTION_SENTENCE_RE =
  /^(?:beslutet\s+(?:skickas|expedieras|delges)\s+(?:till|för)|ordföranden\s+(?:förklarar|tackar)|(?:mötet|sammanträdet)\s+(?:avslutas|avslutades|förklaras)|[^()]{3,60}\([\p{Lu}]{1,3}\)(?:\s+(?:och|samt)\s+[^()]{3,60}\([\p{Lu}]{1,3}\))?\s+(?:reserverar|yrkar|anmäler|lämnar|deltar\s+inte|avstår))/iu;
const BODY_DECIDES_RE = /^[\p{Lu}][\p{L}-]*(?:\s+[\p{L}-]+){0,4}\s+(?:beslutar|beslutade|beslöt)\s+(att\s.+)$/u;
const LEAD_IN_RE =
  /^(?:[\p{L}-]+\s+){1,3}(?:föreslås\s+besluta|föreslår\s+(?:[\p{L}-]+\s+)?besluta|beslutar|besluta)(?:\s+följande)?\s*:?\s*$/iu;
/** Words after which an "att" clause is a complement, not a new decision. */
const COMPLEMENT_END_RE =
  /\b(?:tillägget|tillägg|ändringen|förbehållet|villkoret|motiveringen|med|om|och|samt|som|för|till|innebärande)\s*$/i;
const DECISION_POINT_RE = /^(\d{1,2})[.)]\s+(\S.*)$/;

/** Interprets the body of one item: text, presenters, decisions, assignments, referral; adjournments go to `ctx`. */
export function readItem(raw: RawItem, ctx: ItemContext): Item {
  const { title, dnr } = splitDnr(raw.title);
  const paragraphs = toParagraphs(raw.body);
  if (raw.inline) paragraphs.unshift([{ ...raw.heading, text: raw.inline }]);
  const text: string[] = dnr ? [dnr] : [];
  const presenters: string[] = [];
  const decisions: Decision[] = [];
  const proposals: Decision[] = [];
  // Text paragraphs that stand for something else when that turns out to be needed: the proposal (used as the
  // decision when no decision follows) and a referral sentence in prose.
  const proposalText = new Set<number>();
  let proseReferral: { referral: Referral; index: number } | null = null;
  let mode: Mode = 'text';
  let section = '';
  const delegationList = /delegation|delegerade\s+beslut/i.test(title);
  // Index of the first decision of the current decision section.
  let sectionStart = 0;

  const addClause = (clause: string, into: Decision[]) => {
    // A "clause" of punctuation only ("2. ;") decides nothing; keep it as text rather than lose it.
    if (!/[\p{L}\p{N}]/u.test(clause)) {
      if (clause.trim()) text.push(clause.trim());
      return;
    }
    into.push(readDecision(clause, ctx.meetingDate, ctx.body, into.at(-1) ?? null));
  };
  const addText = (paragraph: string) => {
    if (mode === 'proposal') proposalText.add(text.length);
    text.push(paragraph);
  };

  for (const para of paragraphs) {
    let lines = para;
    const first = para[0]!.text;
    const presenter = PRESENTER_LABEL_RE.exec(first);
    if (presenter && /^(?:föredrag|presentat|redovisas\s+av)\S*\s*:/i.test(first)) {
      const list = [presenter[1]!, ...para.slice(1).map((l) => l.text)].join(', ');
      presenters.push(...namesIn(list));
      continue;
    }
    const adjourn = ADJOURN_RE.exec(first);
    if (adjourn) {
      const span = findTimeSpan(adjourn[1]!);
      const adjournment = { from: span?.start ?? null, to: span?.end ?? null };
      ctx.adjournments.push(adjournment);
      ctx.openAdjournment = span?.end ? null : adjournment;
      if (para.length > 1) text.push(joinLines(para.slice(1)));
      continue;
    }
    const resume = RESUME_RE.exec(first);
    if (resume) {
      const span = findTimeSpan(resume[1]!);
      if (ctx.openAdjournment) ctx.openAdjournment.to = span?.start ?? null;
      else ctx.adjournments.push({ from: null, to: span?.start ?? null });
      ctx.openAdjournment = null;
      continue;
    }
    if (STRUCTURAL_HEADING_RE.test(first) && para.length === 1) continue;
    const action = ACTION_RE.exec(first.replace(/^[-*•]\s+/, ''));
    if (action) {
      addClause([action[1]!, ...para.slice(1).map((l) => l.text)].join(' '), decisions);
      continue;
    }

    const decides = DECISION_WORD_RE.test(first);
    const proposal = isProposalLabel(first);
    if (mode !== 'text' && decides && LEAD_IN_RE.test(first)) {
      if (mode === 'proposal') addText(first);
      lines = para.slice(1);
    } else if (proposal && !ownProposal(first, ctx.body)) {
      mode = 'proposal';
      section = '';
      addText(first);
      lines = para.slice(1);
    } else if ((decides && DECISION_LABEL_RE.test(first)) || proposal) {
      mode = 'decision';
      section = '';
      sectionStart = decisions.length;
      lines = para.slice(1);
    } else {
      const inline = decides ? INLINE_DECISION_RE.exec(first) : null;
      // In a report of delegation decisions, "Beslut: …" lines describe decisions others made.
      if (inline && !(delegationList && /^beslut\s*:/i.test(first))) {
        mode = 'decision';
        // "Styrgruppen beslutar att …" → the clause; "Nämnden beslutar i enlighet med förslaget." → the sentence.
        const clause = /^(?:samt\s+)?att\s/i.test(inline[1]!) || /^beslut\s*:/i.test(first) ? inline[1]! : first;
        lines = [{ ...para[0]!, text: clause }, ...para.slice(1)];
      } else {
        const label = SECTION_LABEL_RE.exec(first);
        if (label && !CLAUSE_RE.test(first)) {
          mode = 'text';
          section = first.toLowerCase();
          // A label on its own line ("Yrkanden") is a paragraph of its own; what follows it is read as usual.
          if (!label[1]) {
            text.push(first);
            lines = para.slice(1);
          }
        }
      }
    }
    if (lines.length === 0) continue;

    const target = mode === 'proposal' ? proposals : decisions;
    const startsClause = CLAUSE_RE.test(lines[0]!.text) || (mode !== 'text' && DECISION_POINT_RE.test(lines[0]!.text));
    // After "att" clauses a prose paragraph ends the decision part; after formal statements ("Nämnden godkänner
    // …") every paragraph up to the next section label is a decision.
    const formal = sectionStart < target.length && !CLAUSE_RE.test(target[sectionStart]!.text);
    if (
      !startsClause &&
      target.length > sectionStart &&
      mode === 'decision' &&
      (MOTION_SENTENCE_RE.test(lines[0]!.text) || (!formal && !sectionIsFormal(para)))
    ) {
      mode = 'text';
    }
    if (mode === 'text' && !startsClause) {
      let paragraph = joinLines(lines);
      // Old minutes decide in the middle of a paragraph: "… i april. Beslöts att godkänna urvalet."
      if (INLINE_DECIDED_RE.test(paragraph)) {
        const kept: string[] = [];
        for (const sentence of paragraph.split(/(?<=[.!?])\s+(?=\p{Lu})/u)) {
          const decided = /^(?:beslöts|beslutades)(?:\s+(?:vidare|även|också|därefter|slutligen))?\s+(att\s.+)$/iu.exec(
            sentence,
          );
          if (decided) addClause(decided[1]!, decisions);
          else if (/^(?:uppdrogs|uppdrags)\s+(?:åt|till)\s/iu.test(sentence)) addClause(sentence, decisions);
          else kept.push(sentence);
        }
        paragraph = kept.join(' ');
        if (!paragraph) continue;
      }
      const motion = /^(?:yrkande|proposition|omröstning|reservation|protokollsanteckning)/.test(section);
      const found: Referral | null = motion || proseReferral ? null : readReferral(paragraph, ctx, lines[0]!.no);
      if (found) proseReferral = { referral: found, index: text.length };
      text.push(paragraph);
      presenters.push(...presentersInProse(paragraph));
      continue;
    }
    if (mode === 'proposal') addText(joinLines(lines));
    // Clauses: each "att …" line or numbered point starts one; other lines continue the current clause.
    let current: string | null = null;
    for (let line of lines) {
      const decidesHere = DECISION_WORD_RE.test(line.text);
      // "Kommunstyrelsen föreslås besluta" introduces the clauses below it.
      if (decidesHere && LEAD_IN_RE.test(line.text)) continue;
      // "Bygg- och miljönämnden beslutar att bevilja …": the clause starts at "att".
      const said = decidesHere ? BODY_DECIDES_RE.exec(line.text) : null;
      if (said) line = { ...line, text: said[1]! };
      const point = DECISION_POINT_RE.exec(line.text);
      // "… i enlighet med förvaltningens förslag med tillägget / att kommunen …": the clause goes on.
      // "… med följande villkor: / 1. Fasaden ska …": points after a colon belong to the clause.
      const continuesClause =
        current !== null &&
        ((/^att\s/i.test(line.text) && COMPLEMENT_END_RE.test(current)) ||
          (point !== null && /:\s*$|\d[.)]\s.*$/.test(current) && listedAfterColon(current)));
      if (!continuesClause && (CLAUSE_RE.test(line.text) || (point && mode !== 'text'))) {
        if (current !== null) addClause(current, target);
        current = (point && !CLAUSE_RE.test(line.text) ? point[2]! : line.text).replace(/^[-*•]\s*/, '');
      } else if (current !== null) current = `${current} ${line.text}`;
      else current = line.text;
    }
    if (current !== null) addClause(current, target);
  }

  const useProposals = decisions.length === 0 && proposals.length > 0;
  const finalDecisions = useProposals ? proposals : decisions;
  propagateDue(finalDecisions);
  const referred = finalDecisions.find((d) => d.kind === 'referral');
  let referral: Referral | null = null;
  const dropped = new Set<number>(useProposals ? proposalText : []);
  if (referred)
    referral = readReferral(referred.text, ctx, null, true) ?? { to: null, date: null, text: referred.text };
  else if (proseReferral) {
    referral = proseReferral.referral;
    dropped.add(proseReferral.index);
  }
  return {
    number: raw.number,
    title,
    presenters: unique(presenters),
    text: text.filter((_, i) => !dropped.has(i)).join('\n\n'),
    decisions: finalDecisions,
    referral,
  };
}

/**
 * "Arbetsutskottets förslag" in the arbetsutskott's own protocol is what the meeting decided (a proposal to the
 * board); in the board's protocol it is someone else's proposal.
 */
function ownProposal(label: string, body: string | null): boolean {
  const m = /^([\p{L}-]+?)(?:ets|ens|s)\s+förslag/iu.exec(label);
  return m !== null && body !== null && body.toLowerCase().includes(m[1]!.toLowerCase());
}

/** True once a clause has announced a list ("med följande villkor:"): its numbered points are part of it. */
function listedAfterColon(clause: string): boolean {
  return /:\s*(?:\d[.)]\s.*)?$/.test(clause) && /\S:\s/.test(`${clause} `);
}

/** In a formal paragraph the decision part may be a sentence without "att" ("Kommunstyrelsen godkänner …"). */
function sectionIsFormal(para: WorkLine[]): boolean {
  return para.length > 1 && DECISION_LABEL_RE.test(para[0]!.text);
}

/** Lines that open a part of an item even without a blank line before them (minutes written line by line). */
function opensPart(text: string): boolean {
  return (
    (DECISION_WORD_RE.test(text) && (DECISION_LABEL_RE.test(text) || INLINE_DECISION_RE.test(text))) ||
    isProposalLabel(text) ||
    // Action and presenter labels end in a colon.
    (text.includes(':') &&
      (ACTION_RE.test(text.replace(/^[-*•]\s+/, '')) || /^(?:föredrag\S*|presentatör\S*)\s*:/i.test(text))) ||
    SECTION_LABEL_RE.test(text) ||
    ADJOURN_RE.test(text) ||
    RESUME_RE.test(text)
  );
}

function toParagraphs(lines: WorkLine[]): WorkLine[][] {
  const out: WorkLine[][] = [];
  let current: WorkLine[] = [];
  let lastContent: WorkLine | null = null;
  for (const line of lines) {
    if (line.noise) continue;
    if (!line.text || (current.length > 0 && opensPart(line.text))) {
      if (current.length > 0) out.push(current);
      current = [];
      if (!line.text) continue;
    }
    // A page header between the halves of a sentence leaves "… till" / "kommunernas …": join them again.
    if (
      current.length === 0 &&
      lastContent &&
      out.length > 0 &&
      /^\p{Ll}/u.test(line.text) &&
      /[\p{Ll},]$/u.test(lastContent.text) &&
      !CLAUSE_RE.test(line.text)
    ) {
      current = out.pop()!;
    }
    current.push(line);
    lastContent = line;
  }
  if (current.length > 0) out.push(current);
  // A label line directly followed by content without a blank line is its own paragraph start, which is fine.
  return out;
}

/**
 * Joins the lines of a paragraph. A hyphen at a line end before a capital or a digit belongs to the word
 * ("Jan-" / "Inge", "2024-02-" / "29"); before a small letter it is a Swedish compound dash ("Skol- och").
 */
function joinLines(lines: WorkLine[]): string {
  let out = '';
  for (const line of lines) {
    const part = line.text.replace(/^[-*•]\s+/, '').trim();
    if (!part) continue;
    // endsWith first: the pattern would scan the whole paragraph joined so far for each line.
    const wordGoesOn = out.endsWith('-') && /[\p{L}\d]-$/u.test(out) && /^[\p{Lu}\d]/u.test(part);
    out = !out ? part : wordGoesOn ? `${out}${part}` : `${out} ${part}`;
  }
  return out;
}

const REFERRAL_TRIGGER_RE =
  /(?:flyttades|flyttas|flyttad|skjuts\s+upp|sköts\s+upp|bordlades|bordläggs|bordlagt|återremitterades|återremitteras|utgår|utgick|utgått|hänskjuts|tas\s+upp\s+(?:på|vid|till)|tas\s+upp\s+igen)/i;
const DECISION_REFERRAL_RE = new RegExp(`remitter\\w*|${REFERRAL_TRIGGER_RE.source}`, 'i');
const TARGET_RE =
  /(?:till|på|vid)\s+((?:nästa|kommande|ett\s+senare)\s+)?([\p{L}-]*(?:möte|mötet|sammanträde|sammanträdet|styrelse|styrelsen|styrelsens|nämnd|nämnden|nämndens|utskott|utskottet|utskottets|fullmäktige|fullmäktiges|gruppen|gruppens|grupp|presidiet|presidiets|direktionen|direktionens)(?:\s+(?:möte|mötet|sammanträde|sammanträdet))?)(?![\p{L}-])/iu;

/** A postponement or referral in prose ("Punkten flyttades till kommundirektörsmöte 190816."), or null. */
export function readReferral(
  paragraph: string,
  ctx: ItemContext,
  line: number | null = null,
  /** A decision clause may refer by "remittera"; in prose that word is about remisses sent to the body. */
  decision = false,
): Referral | null {
  if (paragraph.length > 400) return null;
  const trigger = (decision ? DECISION_REFERRAL_RE : REFERRAL_TRIGGER_RE).exec(paragraph);
  if (!trigger) return null;
  const dates = findDates(paragraph, ctx.meetingDate);
  const date = dates.find((d) => !ctx.meetingDate || d.value >= ctx.meetingDate.slice(0, d.value.length)) ?? null;
  if (date?.typo) {
    ctx.warnings.push({
      code: 'date-typo',
      message: `"${date.typo}" tolkat som månad (${date.value}).`,
      line,
    });
  }
  let to: string | null = null;
  const target = TARGET_RE.exec(paragraph.slice(trigger.index));
  if (target) {
    // "kommunstyrelsens sammanträde" → the body; "kommundirektörsmöte" as written; "nästa sammanträde" whole.
    const written = target[2]!;
    to = written.replace(/\s+(?:möte|mötet|sammanträde|sammanträdet)$/i, '').trim();
    if (/s$/.test(to) && written.includes(' ')) to = to.slice(0, -1);
    if (target[1] && /^(?:möte|mötet|sammanträde|sammanträdet)$/i.test(written)) to = `${target[1]}${written}`.trim();
  }
  return { to, date: date?.value ?? null, text: paragraph };
}

const PRESENTER_HINT_RE = /redo|present|föredr|inform|rapport|berätta|genomför|igenom|visade|deltar/i;
const PRESENT_VERBS =
  /\s(?:redogjorde|redogör|redovisar|redovisade|presenterar|presenterade|föredrog|föredrar|informerade|informerar|rapporterade|rapporterar|berättade|berättar|genomförde|gick\s+igenom|går\s+igenom|visade|föredrar)\b/;
const BY_RE =
  /(?:redovisas|presenteras|föredras|presenterades|redovisades)\s+av\s+(?:[\p{Ll}-]+\s+){0,3}((?:[\p{Lu}][\p{L}-]+\s+){1,3}[\p{Lu}][\p{L}-]+)/gu;
const FROM_DELTAR_RE = /(?:^|[.!?]\s+)Från\s+[^.]{1,80}?\s+deltar\s+([^.]+)/gu;

/** Presenters named in prose: "A redovisar …", "Ärendet redovisas av A", "Från nätverket deltar A, B …". */
export function presentersInProse(paragraph: string): string[] {
  // Most paragraphs name no presenter; one cheap test spares the per-sentence patterns.
  if (!PRESENTER_HINT_RE.test(paragraph)) return [];
  const names: string[] = [];
  // A verb found in a sentence is found in the paragraph too: without one there, no need to split.
  if (PRESENT_VERBS.test(paragraph)) {
    for (const sentence of paragraph.split(/(?<=[.!?])\s+/)) {
      const verb = PRESENT_VERBS.exec(sentence);
      if (verb) names.push(...namesBeforeVerb(sentence.slice(0, verb.index)));
    }
  }
  // exec loops rather than matchAll, which clones the pattern on every call.
  BY_RE.lastIndex = 0;
  for (let m = BY_RE.exec(paragraph); m; m = BY_RE.exec(paragraph)) {
    const name = leadingPersonName(m[1]!);
    if (name) names.push(name);
  }
  FROM_DELTAR_RE.lastIndex = 0;
  for (let m = FROM_DELTAR_RE.exec(paragraph); m; m = FROM_DELTAR_RE.exec(paragraph)) names.push(...namesIn(m[1]!));
  return names;
}

/** Walks back from the verb over names and their organisations; stops at anything else. */
function namesBeforeVerb(prefix: string): string[] {
  const chunks = prefix.replace(/\s+respektive\s+/g, ', ').split(/\s*,\s*/);
  const found: string[] = [];
  for (let i = chunks.length - 1; i >= 0; i--) {
    const chunk = chunks[i]!.trim();
    if (!chunk) continue;
    const people = chunk
      .split(/\s+(?:och|samt)\s+/)
      .map((p) => leadingPersonName(p.replace(/\s+från\s+.*$/, '')))
      .filter((n): n is string => n !== null);
    if (people.length > 0 && leadingPersonName(chunk) !== null) {
      found.unshift(...people);
      continue;
    }
    // "Verkställande direktör Viktor Bengtsson": a title of a few words before the name.
    const bare = chunk.replace(/\s*\([^)]*\)\s*$/, '');
    const titled = findPersonName(bare);
    if (titled && bare.endsWith(titled) && bare.split(/\s+/).length <= 6 && found.length === 0) {
      found.unshift(titled);
      break;
    }
    const words = chunk.split(/\s+/);
    if (words.length <= 4 && words.some((w) => isOrgWord(w) || isPlaceWord(w)) && found.length === 0) continue;
    if (words.length <= 4 && words.every((w) => isPlaceWord(w) || isOrgWord(w))) continue;
    break;
  }
  return found;
}

/** Person names in a list ("A, titel, och B, Höganäs kommun"), groups left out. */
function namesIn(list: string): string[] {
  return parseParticipantList(list)
    .participants.filter((p) => p.role !== 'group')
    .map((p) => (leadingPersonName(p.name) === p.name ? p.name : findPersonName(p.name)))
    .filter((n): n is string => n !== null);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
