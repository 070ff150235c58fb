import type { Assignment, Decision, DecisionKind } from '../../domain/document.js';
import { isPersonName } from './names.js';
import { type DateValue, findDates } from './swedish-dates.js';

/**
 * Reads one decision clause: its kind and, for a clause that tasks someone, the assignment. `previous` is the
 * decision before it in the same item: a bare infinitive clause ("att utvärdera …") continues an assignment.
 */
export function readDecision(
  text: string,
  meetingDate: string | null,
  body: string | null,
  previous: Decision | null,
): Decision {
  const clause = text.replace(/[,;]\s*$/, '').trim();
  const core = clause.replace(/^(?:samt\s+)?att\s+/i, '').replace(/^\d+[.)]\s+/, '');
  // "föreslå kommunfullmäktige att anta …": the proposed decision decides the kind.
  const proposed = /^(?:\S+\s+){0,4}?(?:föreslå|föreslår|föreslås)\s+(?:[\p{L}-]+\s+){1,3}?att\s+(.+)$/iu.exec(core);
  const lower = (proposed ? proposed[1]! : core).toLowerCase();
  const assignment = readAssignment(core, meetingDate, body, previous);
  const kind: DecisionKind = assignment?.explicit
    ? 'assignment'
    : REFERRAL_RE.test(lower)
      ? 'referral'
      : isRejection(lower)
        ? 'rejection'
        : assignment
          ? 'assignment'
          : isInformation(lower)
            ? 'information'
            : isApproval(lower)
              ? 'approval'
              : 'other';
  return {
    text: clause,
    kind,
    assignments: kind === 'assignment' && assignment ? [assignment.value] : [],
  };
}

// These patterns run on every clause. Written as one /iu pattern each, mixing anchored and unanchored
// alternatives, they cost microseconds per clause: V8 then tries every alternative at every position. Split into
// their anchored and unanchored parts, and behind a search for words every match contains, they cost a fraction.

/** Every information clause names one of these. */
const INFORMATION_HINT_RE =
  /handlingarna|information|redovisning|rapport|presentation|dragning|protokollet|tacka|lägg|notera|anteckna/iu;
const INFORMATION_ANYWHERE_RE =
  /till\s+handlingarna|\b(?:noterar|antecknar|tar\s+emot|tackar\s+för)\s+(?:informationen|redovisningen|rapporten|presentationen|dragningen)|(?:noteras|antecknas)\s+(?:till|i)\s+protokollet/iu;
const INFORMATION_START_RE =
  /^(?:tacka\s+för\s+(?:informationen|presentationen|redovisningen|dragningen|rapporten|genomgången)|(?:[\p{L}\s-]+\s)?tackar\s+för\s+informationen|lägga\s+.{0,80}?till\s+handlingarna|.{0,60}läggs\s+till\s+handlingarna|notera\s|(?:informationen|rapporten|redovisningen)\s+(?:noteras|läggs)|ta\s+emot\s+informationen|godkänna\s+informationen|anteckna\s|informationen\s+antecknas)/iu;

function isInformation(lower: string): boolean {
  return INFORMATION_HINT_RE.test(lower) && (INFORMATION_ANYWHERE_RE.test(lower) || INFORMATION_START_RE.test(lower));
}

const APPROVAL_END_RE = /\b(?:godkänns|antas|fastställs|beviljas|bifalls|tillstyrks)\.?$/iu;
const APPROVAL_ANYWHERE_RE = /(?:i\s+enlighet\s+med|enligt)\s+(?:\S+\s+){0,2}förslag/iu;
const APPROVAL_START_RE =
  /^(?:(?:\S+\s+){0,5}?)(?:anta|antar|antas|godkänna|godkänner|godkänns|fastställa|fastställer|fastställs|ställa\s+sig\s+bakom|ställer\s+sig\s+bakom|bevilja|beviljar|beviljas|tillstyrka|tillstyrker|bifalla|bifaller|besluta\s+enligt|rekommendera|rekommenderar|anvisa|anslå|godta)\b/iu;

function isApproval(lower: string): boolean {
  return APPROVAL_END_RE.test(lower) || APPROVAL_ANYWHERE_RE.test(lower) || APPROVAL_START_RE.test(lower);
}

const REJECTION_END_RE = /\b(?:avslås|avstyrks|avvisas)\.?$/iu;
const REJECTION_WORD_RE =
  /(?:^|\s)(?:avslå|avslår|avslås|avstyrka|avstyrker|avstyrks|inte\s+(?:ska|skall|bör)\s|ej\s+(?:ska|skall)\s|inte\s+bevilja|inte\s+anta|inte\s+godkänna|avvisa|avvisar|avvisas)/iu;

function isRejection(lower: string): boolean {
  return REJECTION_END_RE.test(lower) || REJECTION_WORD_RE.test(lower);
}

const REFERRAL_RE =
  /(?:återremittera|återremitteras|bordlägga|bordläggs|bordlades|skjuta\s+upp|skjuts\s+upp|flyttas\s+till|tas\s+upp\s+(?:på|vid)\s+(?:nästa|kommande|ett\s+senare)|remittera\s|remitteras\s|hänskjuta|hänskjuts)/iu;

/** "Hälso- och sjukvårdsnämnden uppdras att redovisa …": the passive form names the assignee first. */
const UPPDRAS_RE = /^(.+?)\s+(?:uppdras|uppdrogs|ges\s+i\s+uppdrag)\s+att\s+(.+)$/isu;
const ANSVARIG_RE = /\b(?:ansvarig(?:a)?|ansvar)\s*:\s*([^,.;]+?)\s*(?=[,.;]|$)/iu;
const UPPDRAG_AT_RE = /^(?:\S+\s+){0,4}?(?:uppdra(?:ga|r|s)?|uppdrogs|uppdrog)\s+(?:åt|till)\s+(.+?)\s+att\s+(.+)$/isu;
const FAR_UPPDRAG_RE = /^(.+?)\s+(?:får|ges|erhåller|tilldelas)\s+(?:i\s+)?uppdrag(?:et)?\s+att\s+(.+)$/isu;
const GE_UPPDRAG_RE = /^(?:\S+\s+){0,3}?(?:ge|ger)\s+(.+?)\s+(?:i\s+)?uppdrag(?:et)?\s+att\s+(.+)$/isu;
const PASSIVE_BY_RE =
  /^(.+?\s\p{L}+(?:s|as|es))\s+av\s+((?:[\p{Lu}][\p{L}-]+\s+){1,3}[\p{Lu}][\p{L}-]+|[\p{Ll}-]*(?:sekretariatet|förvaltningen|ordföranden|projektledaren|kommundirektören|direktören|chefen|samordnaren|presidiet|arbetsgruppen))(?![\p{L}])(.*)$/u;
/** Definite nouns and names that can carry out a task. */
const AGENT_RE =
  /^((?:[\p{Lu}][\p{L}-]+(?:\s+[\p{Lu}][\p{L}-]+){1,2})|[\p{Lu}][\p{L}-]+|(?:nätverket|projektgruppen|arbetsgruppen|styrgruppen|beredningsgruppen)(?:\s+(?:för\s+)?[\p{L}-]+){0,3}|[\p{L}-]*(?:sekretariatet|kommundirektörerna|kommundirektören|stadsdirektören|projektledaren|projektledare|förvaltningen|förvaltningarna|kommunledningskontoret|cheferna|chefen|direktören|direktörerna|samordnaren|ordföranden|presidiet|kansliet|ekonomer|ekonomerna|nätverken|kommunerna|sekretariatschef|sekretariatschefen))((?:\s+(?:och|samt)\s+(?:[\p{Lu}][\p{L}-]+(?:\s+[\p{Lu}][\p{L}-]+){0,2}|[\p{L}-]*(?:sekretariatet|kommundirektörerna|förvaltningen|cheferna|projektledaren)))*)\s+((?:gemensamt\s+|själva\s+|tillsammans\s+|också\s+|även\s+|därefter\s+)?(?:ska|skall|bör|får|tar|ges|)\s*[\p{Ll}-]+)\b/u;
const PASSIVE_TASK_RE =
  /\b(?:tas\s+fram|tas\s+upp|presenteras|redovisas|återrapporteras|utreds|utarbetas|upprättas|genomförs|ses\s+över|återkommer|kompletteras|revideras|bereds)\b/i;
const STATE_VERBS =
  /^(?:ska\s+|skall\s+)?(?:fungerar|fungera|är|vara|utgör|utgöra|består|bestå|har|ha|blir|bli|ingår|ingå|bereder|bereda|kvarstår|gäller|heter|omfattar)\b/i;
const PRESENT_VERB =
  /^(?:(?:gemensamt|själva|tillsammans|också|även|därefter)\s+)?(?:ska|skall|bör|får|tar|ges)\b|^(?:(?:gemensamt|själva|tillsammans|också|även|därefter)\s+)?[\p{Ll}-]+(?:ar|er|ör|ir|år|yr)\b/u;
const APPROVAL_INFINITIVE =
  /^(?:anta|godkänna|fastställa|tacka|lägga|notera|ställa|bevilja|avslå|tillstyrka|uppmana|välja|utse)\b/i;

interface ReadAssignment {
  value: Assignment;
  /** The clause says "uppdrag" in so many words. */
  explicit: boolean;
}

function readAssignment(
  core: string,
  ref: string | null,
  body: string | null,
  previous: Decision | null,
): ReadAssignment | null {
  const sentences = sentencesOf(core);
  const firstSentence = sentences[0]!;
  // "Ta fram en mall. Ansvarig: Lars Öhman, klart 15/3": minutes name the owner after the task.
  const owner = /nsvar/i.test(core) ? ANSVARIG_RE.exec(core) : null;
  if (owner) {
    const task = core.slice(0, owner.index).replace(/[.,;\s]+$/, '');
    return make(splitAssignees(owner[1]!.trim()), task, core, ref, true);
  }
  // The patterns below backtrack over the whole clause; a substring test first keeps most clauses cheap.
  if (firstSentence.toLowerCase().includes('uppdr')) {
    const uppdrag =
      UPPDRAG_AT_RE.exec(firstSentence) ?? GE_UPPDRAG_RE.exec(firstSentence) ?? UPPDRAS_RE.exec(firstSentence);
    if (uppdrag) return make(splitAssignees(uppdrag[1]!), uppdrag[2]!, core, ref, true);
    const far = FAR_UPPDRAG_RE.exec(firstSentence);
    if (far) return make(splitAssignees(far[1]!), far[2]!, core, ref, true);
  }

  for (const sentence of sentences) {
    const agent = readAgentClause(sentence, body);
    if (agent) return make(agent.assignees, agent.task, sentence === core ? core : sentence, ref, false);
  }
  const passive = firstSentence.includes(' av ') ? PASSIVE_BY_RE.exec(firstSentence) : null;
  if (passive && !APPROVAL_INFINITIVE.test(firstSentence)) {
    return make(splitAssignees(passive[2]!), firstSentence, core, ref, false);
  }
  // "att projektplaner tas fram … och presenteras för styrelsen 190830": a task with a date but nobody named.
  if (PASSIVE_TASK_RE.test(firstSentence) && findDue(firstSentence, ref)) {
    return make([], firstSentence, core, ref, false);
  }
  // "att utvärdera … och redovisa …" after "att uppdra åt projektledaren …": the same assignee goes on.
  const continuing = previous?.kind === 'assignment' ? previous.assignments[0] : undefined;
  if (continuing && /^\p{Ll}+a\b/u.test(firstSentence) && !APPROVAL_INFINITIVE.test(firstSentence)) {
    return make([...continuing.assignees], firstSentence, core, ref, false);
  }
  return null;
}

const SENTENCE_BREAK_RE = /(?<=[.!?])\s+(?=[\p{Lu}])/u;

/** The sentences of a clause. Most clauses are one sentence, which a plain search tells faster than the split. */
function sentencesOf(text: string): string[] {
  return /[.!?]\s/.test(text) ? text.split(SENTENCE_BREAK_RE) : [text];
}

function readAgentClause(sentence: string, body: string | null): { assignees: string[]; task: string } | null {
  const m = AGENT_RE.exec(sentence);
  if (!m) return null;
  const subject = `${m[1]!}${m[2] ?? ''}`.trim();
  const rest = sentence.slice(m.index + m[1]!.length + (m[2]?.length ?? 0)).trim();
  if (!PRESENT_VERB.test(rest) || STATE_VERBS.test(rest.replace(/^(?:gemensamt|själva|tillsammans)\s+/, '')))
    return null;
  if (/^(?:ska|skall)\s+\S+s\b/.test(rest)) return null;
  const lowerSubject = subject.toLowerCase();
  if (body && lowerSubject === body.toLowerCase()) return null;
  // A deciding body as subject ("Arbetsutskottet avger yttrande …") states the decision; it tasks nobody.
  if (/(?:nämnden|styrelsen|utskottet|direktionen|fullmäktige|presidiet|beredningen)$/i.test(lowerSubject)) return null;
  if (/^(?:mötet|gruppen|vi|det|detta|den|man|en|ett|alla|samtliga|vissa)$|grupp(?:en)?$/i.test(lowerSubject))
    return null;
  // A capitalised word alone that is not a known organisation is more likely a sentence start than an agent.
  if (
    /^[\p{Lu}][\p{L}-]+$/u.test(subject) &&
    !/^(?:Beta|Sekretariatet|Projektledare|Projektledaren)$/u.test(subject) &&
    !/[\p{Lu}]{2,}/u.test(subject)
  ) {
    if (!/(?:ar|er|ör)\b/u.test(rest.split(' ')[0] ?? '')) return null;
    if (/^(?:Det|Den|Detta|Man|Nätverket|Gruppen|Mötet|Ärendet|Punkten|Frågan)$/u.test(subject)) return null;
  }
  return { assignees: splitAssignees(subject), task: rest };
}

function make(assignees: string[], task: string, whole: string, ref: string | null, explicit: boolean): ReadAssignment {
  const cleanTask = sentencesOf(task)[0]!
    .replace(/[.,;]\s*$/, '')
    .trim();
  const due = findDue(whole, ref);
  // "inför internatet": a deadline tied to an event rather than a date; kept as written for people to read.
  const before = due
    ? null
    : /\b(?:inför\s+(?:(?:kommande|nästa|varje)\s+)?[\p{L}-]+|(?:till|senast\s+till|senast)\s+(?:nästa|kommande)\s+[\p{L}-]*(?:möte|sammanträde))/u.exec(
        cleanTask,
      );
  return {
    value: { assignees, task: cleanTask, due: due?.value ?? null, dueText: due?.text ?? before?.[0] ?? null },
    explicit,
  };
}

/** "sekretariatet och Beta Udvikling" → two; "nätverket Näringsliv och Destination" stays one. */
export function splitAssignees(text: string): string[] {
  const parts = text
    .trim()
    .split(/\s*,\s*|(?<!-)\s+(?:och|samt)\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length <= 1) return [text.trim()];
  const agentLike = (p: string) =>
    /^[\p{Lu}][\p{Ll}-]+$/u.test(p) ||
    /^[\p{Ll}-]+(?:et|en|na|rna|erna|arna)(?:\s+(?:för|i|inom)\s+.+)?$/u.test(p) ||
    isPersonName(p) ||
    /^[\p{Ll}-]+(?:et|en|na|rna|orna|erna|arna)$/u.test(p) ||
    /^[\p{Lu}][\p{L}-]+\s+[\p{Lu}][\p{L}-]+$/u.test(p);
  if (parts.every(agentLike)) return parts;
  return [text.trim()];
}

const DUE_PREFIX_RE = /(?:senast(?:\s+den)?|före|innan|till\s+den|klart|klar|deadline:?|den|by)\s+$/i;

/**
 * The deadline of a task: the earliest date named in it, with "senast"/"före" kept in the text as written.
 * Dates before the meeting (a decision it refers to) are not deadlines.
 */
export function findDue(text: string, ref: string | null): DateValue | null {
  const dates = findDates(text, ref, { future: true }).filter((d) => !ref || d.value >= ref.slice(0, d.value.length));
  if (dates.length === 0) return null;
  const earliest = dates.reduce((a, b) => (b.value < a.value ? b : a));
  const at = text.indexOf(earliest.text);
  const prefix = DUE_PREFIX_RE.exec(text.slice(Math.max(0, at - 16), at));
  return prefix ? { ...earliest, text: `${prefix[0]}${earliest.text}`.trim() } : earliest;
}

/**
 * Gives assignments without a date of their own the date of the chain they belong to: an assignment clause and
 * the bare infinitive clauses that continue it ("att uppdra åt projektledaren att …", "att utvärdera …",
 * "samt att redovisa … i februari 2017", the Skitlite item). A second "uppdra" clause starts a new chain.
 */
export function propagateDue(decisions: Decision[]): void {
  let chain: Assignment[] = [];
  const flush = () => {
    const dated = chain.find((a) => a.due);
    if (dated) for (const a of chain) if (!a.due) Object.assign(a, { due: dated.due, dueText: dated.dueText });
    chain = [];
  };
  for (const d of decisions) {
    const a = d.assignments[0];
    if (!a) {
      flush();
      continue;
    }
    const continues =
      chain.length > 0 && CONTINUATION_RE.test(d.text) && chain[0]!.assignees.join('|') === a.assignees.join('|');
    if (!continues) flush();
    chain.push(a);
  }
  flush();
}

const CONTINUATION_RE = /^(?:samt\s+)?att\s+(?!uppdra)\p{Ll}+a\b/iu;
