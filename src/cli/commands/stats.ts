import type { Command } from 'commander';
import { archiveStats } from '../../services/stats.js';
import { EXIT_OK } from '../exit-codes.js';
import { printJson, withArchive, withDbOption } from '../open-archive.js';
import { parseYear } from './meeting.js';

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)} %`);

/** `protokoll stats [--year Y] [--json]`: numbers for the annual report. */
export function registerStats(program: Command): void {
  withDbOption(
    program
      .command('stats')
      .description('Statistik: möten, närvaro, beslut, ärenden')
      .option('--year <år>', 'bara ett år')
      .option('--json', 'skriv JSON'),
  ).action(async (options: { db?: string; year?: string; json?: boolean }) => {
    const year = parseYear(options.year);
    const stats = await withArchive(options.db, (store) => archiveStats(store, year === undefined ? {} : { year }));
    if (options.json) {
      printJson(stats);
    } else {
      const lines = [
        `Möten${year ? ` ${year}` : ''}: ${stats.meetingsHeld}`,
        ...stats.meetingsPerYear.map((r) => `  ${r.year}: ${r.count} möten`),
        'Ärenden per år:',
        ...stats.itemsPerYear.map((r) => `  ${r.year}: ${r.count}`),
        'Beslut per slag:',
        ...stats.decisionsByKind.map((r) => `  ${r.kind}: ${r.count}`),
        `Närvaro per kommun (av ${stats.attendance.meetingsWithAttendance} möten):`,
        ...stats.attendance.municipalities.map((m) => `  ${m.name}: ${m.present} (${percent(m.rate)})`),
        'Närvaro per person:',
        ...stats.attendance.persons.map(
          (p) => `  ${p.name}: ${p.present}/${p.present + p.absent} (${percent(p.rate)})`,
        ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    process.exitCode = EXIT_OK;
  });
}
