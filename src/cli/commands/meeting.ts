import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { listMeetings, type MeetingDetail, showMeeting } from '../../services/meetings.js';
import { EXIT_OK } from '../exit-codes.js';
import { printJson, withArchive, withDbOption } from '../open-archive.js';

export function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new AppError('invalid-input', `--year wants a year like 2016, not "${value}".`);
  return Number(value);
}

function printMeeting(m: MeetingDetail): void {
  const lines = [
    `${m.body ?? 'Möte'} ${m.number ?? ''} ${m.date ?? '????-??-??'} ${m.start ?? ''}–${m.end ?? ''} ${m.place ?? ''}`
      .replace(/\s+/g, ' ')
      .trim(),
    `  id ${m.id}`,
    `  närvarande: ${m.attendance
      .filter((a) => a.list === 'present')
      .map((a) => `${a.name}${a.organisation ? ` (${a.organisation})` : ''}`)
      .join(', ')}`,
    `  frånvarande: ${
      m.attendance
        .filter((a) => a.list === 'absent')
        .map((a) => a.name)
        .join(', ') || '–'
    }`,
    ...m.items.flatMap((i) => [
      `  ${i.number ? `${i.number}. ` : ''}${i.title}`,
      ...i.decisions.map((d) => `      [${d.kind}] ${d.text}`),
      ...(i.referral ? [`      → ${i.referral.text}`] : []),
    ]),
    ...m.flags.map((f) => `  flagga: ${f.kind} (${f.subjectId})`),
    ...m.warnings.map((w) => `  varning: ${w.code}: ${w.message}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `protokoll meeting list [--year Y]|show ID`. */
export function registerMeeting(program: Command): void {
  const meeting = program.command('meeting').description('Möten i arkivet');
  withDbOption(
    meeting
      .command('list')
      .description('Lista möten')
      .option('--year <år>', 'bara ett år')
      .option('--json', 'skriv JSON'),
  ).action(async (options: { db?: string; year?: string; json?: boolean }) => {
    const year = parseYear(options.year);
    const list = await withArchive(options.db, (store) => listMeetings(store, year === undefined ? {} : { year }));
    if (options.json) printJson(list);
    else {
      for (const m of list) {
        const flags = m.flags.length ? ` [${m.flags.join(', ')}]` : '';
        process.stdout.write(
          `${m.id.slice(0, 12)}  ${m.date ?? '????-??-??'}  ${m.number ?? '–'}  ${m.body ?? ''}  ${m.items} ärenden, ${m.decisions} beslut${flags}\n`,
        );
      }
    }
    process.exitCode = EXIT_OK;
  });
  withDbOption(
    meeting
      .command('show')
      .description('Visa ett möte')
      .argument('<id>', 'id, början av id eller datum')
      .option('--json', 'skriv JSON'),
  ).action(async (id: string, options: { db?: string; json?: boolean }) => {
    const detail = await withArchive(options.db, (store) => showMeeting(store, id));
    if (options.json) printJson(detail);
    else printMeeting(detail);
    process.exitCode = EXIT_OK;
  });
}
