/**
 * Decision clauses and due dates, built so that the kind, assignees, task and due date a perfect parser reads
 * from the written clause are known exactly (docs/extraction-rules.md, "Decisions").
 */
import type { Assignment } from '../../domain/document.js';
import { type Day, iso, isoMonth, monthName, ymd } from './calendar.js';
import type { Clause } from './model.js';
import type { Rng } from './prng.js';

/** A due-date phrase as written and the date it resolves to against the meeting date. */
export interface Due {
  text: string;
  value: string;
}

/** The year a month or day without a year resolves to: the next such date after the meeting. */
function yearlessFits(meeting: Day, target: Day): boolean {
  const a = ymd(meeting);
  const b = ymd(target);
  if (b.m === a.m) return false;
  const year = b.m > a.m ? a.y : a.y + 1;
  return year === b.y;
}

/** A due phrase for a target day, in one of the forms the protocols use. */
export function dueFor(rng: Rng, meeting: Day, target: Day, forms: readonly DueForm[]): Due {
  const t = ymd(target);
  const usable = forms.filter((f) => !YEARLESS.has(f) || yearlessFits(meeting, target));
  const form = usable.length > 0 ? rng.pick(usable) : 'month';
  switch (form) {
    case 'month':
      return { text: `i ${monthName(t.m)} ${t.y}`, value: isoMonth(t.y, t.m) };
    case 'monthNoYear':
      return { text: `i ${monthName(t.m)}`, value: isoMonth(t.y, t.m) };
    case 'iso':
      return { text: `senast ${iso(target)}`, value: iso(target) };
    case 'dayMonth':
      return { text: `senast ${t.d} ${monthName(t.m)}`, value: iso(target) };
    case 'midMonth':
      return { text: `senast mitten av ${monthName(t.m)}`, value: isoMonth(t.y, t.m) };
  }
}

export type DueForm = 'month' | 'monthNoYear' | 'iso' | 'dayMonth' | 'midMonth';
const YEARLESS = new Set<DueForm>(['monthNoYear', 'dayMonth', 'midMonth']);

/** "A", "A och B", "A, B och C". */
export function joinSv(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} och ${names[names.length - 1]}`;
}

export function information(inf: string, finite: string | null = null): Clause {
  return { kind: 'information', inf, finite, assignment: null };
}

export function approval(inf: string, finite: string | null = null): Clause {
  return { kind: 'approval', inf, finite, assignment: null };
}

export function rejection(inf: string, finite: string | null = null): Clause {
  return { kind: 'rejection', inf, finite, assignment: null };
}

export function other(inf: string, finite: string | null = null): Clause {
  return { kind: 'other', inf, finite, assignment: null };
}

export function referralClause(inf: string, finite: string | null = null): Clause {
  return { kind: 'referral', inf, finite, assignment: null };
}

/** "tacka för informationen" and its equals. */
export function thanks(rng: Rng, subject: string | null = null): Clause {
  const inf = rng.weighted(
    [
      'tacka för informationen',
      'tacka för informationen och lägga den till handlingarna',
      'lägga informationen till handlingarna',
      'notera informationen',
    ],
    [6, 1, 1, 1],
  );
  const finite = subject
    ? rng.pick([`${subject} noterar informationen`, `${subject} lägger informationen till handlingarna`])
    : null;
  return information(inf, finite);
}

/**
 * An assignment clause: "uppdra åt X att T", "X får i uppdrag att T", "ge X i uppdrag att T" (and, for
 * numbered points, "Kommunstyrelsen uppdrar åt X att T"). `task` is the verb phrase after "att", due phrase included.
 */
export function assignment(
  rng: Rng,
  assignees: string[],
  taskBase: string,
  due: Due | null,
  subject: string | null = null,
): Clause {
  const task = due ? `${taskBase} ${due.text}` : taskBase;
  const who = joinSv(assignees);
  const inf = rng.pick([
    `uppdra åt ${who} att ${task}`,
    `uppdra till ${who} att ${task}`,
    `${who} får i uppdrag att ${task}`,
    `ge ${who} i uppdrag att ${task}`,
    `uppdraga åt ${who} att ${task}`,
  ]);
  const finite = subject
    ? rng.pick([`${subject} uppdrar åt ${who} att ${task}`, `${subject} ger ${who} i uppdrag att ${task}`])
    : null;
  return {
    kind: 'assignment',
    inf,
    finite,
    assignment: { assignees: [...assignees], task, due: due?.value ?? null, dueText: due?.text ?? null },
  };
}

/**
 * The 2016 Skitlite pattern: an assignment, a bare "att utvärdera …" that continues it, and "samt att redovisa …
 * <date>" whose date all three take (extraction rules: "An assignment without its own date takes the date of a
 * 'redovisa … <date>' clause of the same assignment chain").
 */
export function assignmentChain(
  rng: Rng,
  assignees: string[],
  firstTask: string,
  secondTask: string | null,
  reportTask: string,
  due: Due,
): Clause[] {
  const head = assignment(rng, assignees, firstTask, null);
  const shared = (task: string): Assignment => ({ assignees: [...assignees], task, due: due.value, dueText: due.text });
  const out: Clause[] = [{ ...head, assignment: shared(firstTask) }];
  if (secondTask) out.push({ kind: 'assignment', inf: secondTask, finite: null, assignment: shared(secondTask) });
  const report = `${reportTask} ${due.text}`;
  out.push({ kind: 'assignment', inf: report, finite: null, assignment: shared(report) });
  return out;
}
