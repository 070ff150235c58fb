import type { ArchiveStore } from '../store/ports.js';
import { type Clock, listAssignments } from './follow-up.js';
import { type ArchiveStats, archiveStats } from './stats.js';

export interface AssignmentYear {
  year: string;
  given: number;
  /** Reported back or done. */
  reportedBack: number;
  overdue: number;
}

export interface AnnualReport extends ArchiveStats {
  assignmentsPerYear: AssignmentYear[];
}

/** The statistics of the annual report: archive counts plus assignments given, reported back and overdue per year. */
export async function annualReport(
  store: ArchiveStore,
  options: { year?: number; clock: Clock },
): Promise<AnnualReport> {
  const stats = await archiveStats(store, options.year === undefined ? {} : { year: options.year });
  const byYear = new Map<string, AssignmentYear>();
  for (const a of await listAssignments(store, {}, options.clock)) {
    const year = a.date?.slice(0, 4);
    if (!year || (options.year !== undefined && year !== String(options.year))) continue;
    const row = byYear.get(year) ?? { year, given: 0, reportedBack: 0, overdue: 0 };
    row.given++;
    if (a.status === 'reported' || a.status === 'done') row.reportedBack++;
    if (a.overdue) row.overdue++;
    byYear.set(year, row);
  }
  return { ...stats, assignmentsPerYear: [...byYear.values()].sort((a, b) => a.year.localeCompare(b.year)) };
}
