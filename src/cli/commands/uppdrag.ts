import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import {
  type AssignmentSummary,
  decideLink,
  listAssignments,
  listReferrals,
  setAssignmentStatus,
} from '../../services/follow-up.js';
import type { AssignmentStatus } from '../../store/schema.js';
import { EXIT_OK } from '../exit-codes.js';
import { printJson, withArchive, withDbOption } from '../open-archive.js';

const STATUS_WORDS: Record<string, AssignmentStatus> = {
  open: 'open',
  öppen: 'open',
  reported: 'reported',
  återrapporterad: 'reported',
  done: 'done',
  klar: 'done',
  cancelled: 'cancelled',
  avbruten: 'cancelled',
};

function printAssignment(a: AssignmentSummary): void {
  const due = a.due ? ` senast ${a.due}` : '';
  const flag = a.overdue ? ' FÖRSENAD' : '';
  const lines = [
    `${a.id.slice(0, 12)}  [${a.status}${flag}]  ${a.date ?? '????-??-??'} ${a.itemNumber ? `${a.itemNumber}. ` : ''}${a.itemTitle}`,
    `    ${a.assignees.map((x) => x.name).join(', ') || '(ingen angiven)'}: ${a.task}${due}`,
    ...(a.reportedBack ? [`    återrapporterad: ${a.reportedBack.targetDate} ${a.reportedBack.targetTitle}`] : []),
    ...a.suggestions.map((s) => `    förslag ${s.id.slice(0, 12)} (${s.score}): ${s.targetDate} ${s.targetTitle}`),
    ...(a.note ? [`    anteckning: ${a.note}`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `protokoll uppdrag [--open|--overdue|--assignee X]`, `klar`, `status`, `bekräfta`, `avvisa`, `flyttade`. */
export function registerUppdrag(program: Command): void {
  const uppdrag = withDbOption(
    program
      .command('uppdrag')
      .description('Uppföljning av uppdrag och flyttade ärenden')
      .option('--open', 'bara öppna uppdrag')
      .option('--overdue', 'bara försenade uppdrag')
      .option('--assignee <namn>', 'bara uppdrag till en person, organisation eller roll')
      .option('--json', 'skriv JSON'),
  ).action(async (options: { db?: string; open?: boolean; overdue?: boolean; assignee?: string; json?: boolean }) => {
    const list = await withArchive(options.db, (store) =>
      listAssignments(store, {
        ...(options.open ? { open: true } : {}),
        ...(options.overdue ? { overdue: true } : {}),
        ...(options.assignee ? { assignee: options.assignee } : {}),
      }),
    );
    if (options.json) printJson(list);
    else if (list.length === 0) process.stdout.write('Inga uppdrag.\n');
    else for (const a of list) printAssignment(a);
    process.exitCode = EXIT_OK;
  });

  const setStatus = async (
    id: string,
    status: AssignmentStatus,
    options: { db?: string; note?: string; json?: boolean },
  ) => {
    const summary = await withArchive(options.db, (store) =>
      setAssignmentStatus(store, id, status, { note: options.note ?? null }),
    );
    if (options.json) printJson(summary);
    else printAssignment(summary);
    process.exitCode = EXIT_OK;
  };
  withDbOption(
    uppdrag
      .command('klar')
      .description('Markera ett uppdrag som klart')
      .argument('<id>', 'uppdragets id (eller början av det)')
      .option('--note <text>', 'anteckning, t.ex. var det redovisades')
      .option('--json', 'skriv JSON'),
  ).action((id: string, _options: unknown, command: Command) => setStatus(id, 'done', command.optsWithGlobals()));
  withDbOption(
    uppdrag
      .command('status')
      .description('Sätt status: öppen, återrapporterad, klar eller avbruten')
      .argument('<id>', 'uppdragets id')
      .argument('<status>', 'open|reported|done|cancelled (eller på svenska)')
      .option('--note <text>', 'anteckning')
      .option('--json', 'skriv JSON'),
  ).action((id: string, word: string, _options: unknown, command: Command) => {
    const options = command.optsWithGlobals<{ db?: string; note?: string; json?: boolean }>();
    const status = STATUS_WORDS[word.toLowerCase()];
    if (!status)
      throw new AppError('invalid-input', `Okänd status "${word}"; använd ${Object.keys(STATUS_WORDS).join(', ')}.`);
    return setStatus(id, status, options);
  });
  for (const [name, decision, description] of [
    ['bekräfta', 'confirmed', 'Bekräfta en föreslagen koppling (återrapport eller flyttat ärende)'],
    ['avvisa', 'rejected', 'Avvisa en föreslagen koppling'],
  ] as const) {
    withDbOption(
      uppdrag
        .command(name)
        .alias(decision === 'confirmed' ? 'confirm' : 'reject')
        .description(description)
        .argument('<link>', 'kopplingens id (eller början av det)')
        .option('--note <text>', 'anteckning')
        .option('--json', 'skriv JSON'),
    ).action(async (link: string, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<{ db?: string; note?: string; json?: boolean }>();
      const view = await withArchive(options.db, (store) =>
        decideLink(store, link, decision, { note: options.note ?? null }),
      );
      if (options.json) printJson(view);
      else process.stdout.write(`${view.id.slice(0, 12)} ${view.status}: ${view.targetDate} ${view.targetTitle}\n`);
      process.exitCode = EXIT_OK;
    });
  }
  withDbOption(
    uppdrag.command('flyttade').description('Flyttade ärenden och var de togs upp').option('--json', 'skriv JSON'),
  ).action(async (_options: unknown, command: Command) => {
    const options = command.optsWithGlobals<{ db?: string; json?: boolean }>();
    const list = await withArchive(options.db, listReferrals);
    if (options.json) printJson(list);
    else {
      for (const r of list) {
        const where = r.links
          .map((l) => `${l.id.slice(0, 12)} ${l.status} ${l.targetDate} ${l.targetTitle}`)
          .join('; ');
        process.stdout.write(
          `${r.date} ${r.title} [${r.status}] → ${r.referral.date ?? r.referral.to ?? '?'}${where ? `: ${where}` : ''}\n`,
        );
      }
    }
    process.exitCode = EXIT_OK;
  });
}
