import { sql } from 'kysely';
import type { ArchiveStore } from '../store/ports.js';
import { type Clock, dueDeadline } from './follow-up.js';
import { type ArchiveStats, archiveStats, type StatsQuery } from './stats.js';

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

/**
 * The statistics of the annual report: archive counts plus assignments given, reported back and overdue per year.
 * With `publishedOnly` it counts what the public may see.
 */
export async function annualReport(store: ArchiveStore, options: StatsQuery & { clock: Clock }): Promise<AnnualReport> {
  const { clock: _, ...query } = options;
  const stats = await archiveStats(store, query);
  return { ...stats, assignmentsPerYear: await assignmentsPerYear(store, options) };
}

/** The years with (visible) meetings, newest first (what the report can be asked for). */
export async function reportYears(store: ArchiveStore, options: { publishedOnly?: boolean } = {}): Promise<string[]> {
  return store.read(async (session) =>
    (await session.stats.meetingsPerYear({ publishedOnly: options.publishedOnly ?? false }))
      .map((r) => r.year)
      .reverse(),
  );
}

/**
 * Assignments per year of their meeting by status: a manual state wins, else a confirmed report-back makes one
 * reported (as `assignmentStatus`); overdue is open with the due date, or month, past (as `isOverdue`). Read from
 * the archive's kept totals when it has them, else counted in SQL; grouped by status and due date either way, so
 * the deadline is computed in one place.
 */
async function assignmentsPerYear(
  store: ArchiveStore,
  options: StatsQuery & { clock: Clock },
): Promise<AssignmentYear[]> {
  const today = options.clock().toISOString().slice(0, 10);
  const year = options.year === undefined ? undefined : String(options.year);
  const rows = await store.read(async (session) => {
    if (session.totals) {
      return (await session.totals.assignments({ publishedOnly: options.publishedOnly ?? false })).filter(
        (r) => r.year !== '' && (year === undefined || r.year === year),
      );
    }
    const { rows } = await sql<{ year: string; status: string; due: string | null; count: number }>`
      select year, status, due, count(*) as count from (
        select substr(m.date, 1, 4) as year, a.due as due, case
          when a.id in (select assignment_id from assignment_states)
            then (select s.status from assignment_states s where s.assignment_id = a.id)
          when a.id in (select source_id from followup_links where kind = 'report-back' and status = 'confirmed')
            then 'reported'
          else 'open' end as status
        from assignments a join meetings m on m.id = a.meeting_id
        where m.date is not null and m.date <> ''
          and ${year === undefined ? sql`1 = 1` : sql`substr(m.date, 1, 4) = ${year}`}
          and ${
            options.publishedOnly
              ? sql`not exists (select 1 from meeting_publication mp where mp.meeting_id = m.id and mp.published = 0)`
              : sql`1 = 1`
          })
      group by year, status, due`.execute(session.db);
    return rows;
  });
  const byYear = new Map<string, AssignmentYear>();
  for (const row of rows) {
    const n = Number(row.count);
    const entry = byYear.get(row.year) ?? { year: row.year, given: 0, reportedBack: 0, overdue: 0 };
    entry.given += n;
    if (row.status === 'reported' || row.status === 'done') entry.reportedBack += n;
    if (row.status === 'open' && row.due && dueDeadline(row.due) < today) entry.overdue += n;
    byYear.set(row.year, entry);
  }
  return [...byYear.values()].sort((a, b) => a.year.localeCompare(b.year));
}
