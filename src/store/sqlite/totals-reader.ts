import type { ArchiveTotals, AttendanceCount, StatsOptions, StatsRepository, YearCount } from '../ports.js';
import type { AssignmentStatus } from '../schema.js';
import type { SqliteStatements } from './statements.js';

/*
 * Statistics and the other whole-archive counts read from the archive totals (archive-totals.ts): a few rows per
 * question, whatever the size of the archive. The numbers are those of the row counts they replace (the stats
 * repository over the archive's rows, and the services' own SQL); the tests compare the two.
 */

/** The scopes a viewer counts: the public sees published meetings, signed-in users hidden ones too. */
const scopes = (options?: StatsOptions) => (options?.publishedOnly ? "('public')" : "('public', 'hidden')");
/** A year's rows, or '*' (every year, undated meetings included) when no year is asked for. */
const yearKey = (year?: number) => (year === undefined ? '*' : String(year));

/** Per year (dated meetings only), oldest first: one count's rows but '*' and '' (undated). */
function perYear(q: SqliteStatements, counter: string, options?: StatsOptions): YearCount[] {
  return q.all<YearCount>(
    `select year, sum(n) as count from archive_totals
     where counter = ? and scope in ${scopes(options)} and year not in ('*', '') and key = '' and detail = ''
     group by year order by year`,
    counter,
  );
}

function total(q: SqliteStatements, counter: string, year: number | undefined, options?: StatsOptions): number {
  return (
    q.get<{ n: number | null }>(
      `select sum(n) as n from archive_totals
       where counter = ? and scope in ${scopes(options)} and year = ? and key = '' and detail = ''`,
      counter,
      yearKey(year),
    )?.n ?? 0
  );
}

/**
 * Attendance per person or municipality in a year or all years: meetings present, and absent without being
 * present, over those listed either way; sorted by name.
 */
function attendance(
  q: SqliteStatements,
  group: 'person' | 'organisation',
  year: number | undefined,
  options?: StatsOptions,
): AttendanceCount[] {
  const join =
    group === 'person'
      ? 'join persons g on g.id = t.key'
      : "join organisations g on g.id = t.key and g.kind = 'municipality'";
  const rows = q.all<{ id: string; name: string; present: number; absent: number }>(
    `select g.id as id, g.name as name,
            sum(case when t.counter = ? then t.n else 0 end) as present,
            sum(case when t.counter = ? then t.n else 0 end) as absent
     from archive_totals t ${join}
     where t.counter in (?, ?) and t.scope in ${scopes(options)} and t.year = ?
     group by g.id, g.name order by g.name, g.id`,
    `${group}-present`,
    `${group}-absent`,
    `${group}-present`,
    `${group}-absent`,
    yearKey(year),
  );
  return rows.map((r) => ({ ...r, meetings: r.present + r.absent }));
}

/** The stats repository over the totals (same answers as the one over the archive's rows). */
export function totalsStats(q: SqliteStatements): StatsRepository {
  return {
    async meetingsPerYear(options) {
      return perYear(q, 'meetings', options);
    },
    async itemsPerYear(options) {
      return perYear(q, 'items', options);
    },
    async meetingCount(options) {
      return total(q, 'meetings', undefined, options);
    },
    async decisionsByKind(year, options) {
      return q.all<{ kind: string; count: number }>(
        `select key as kind, sum(n) as count from archive_totals
         where counter = 'decisions' and scope in ${scopes(options)} and year = ? group by key order by key`,
        yearKey(year),
      );
    },
    async attendanceByMunicipality(year, options) {
      return attendance(q, 'organisation', year, options);
    },
    async attendanceByPerson(year, options) {
      return attendance(q, 'person', year, options);
    },
    async meetingsWithAttendance(year, options) {
      return total(q, 'attended', year, options);
    },
  };
}

/** The other whole-archive counts over the totals. */
export function archiveTotals(q: SqliteStatements): ArchiveTotals {
  return {
    async assignments(options) {
      return q
        .all<{ year: string; status: AssignmentStatus; due: string; count: number }>(
          `select year, key as status, detail as due, sum(n) as count from archive_totals
           where counter = 'assignments' and scope in ${scopes(options)} and year ${options?.allYears ? "= '*'" : "<> '*'"}
           group by year, key, detail`,
        )
        .map((r) => ({ ...r, due: r.due === '' ? null : r.due }));
    },
    async decisions(options) {
      return q
        .all<{ year: string; body: string; kind: string; count: number }>(
          `select year, detail as body, key as kind, sum(n) as count from archive_totals
           where counter = 'decisions' and scope in ${scopes(options)} and year <> '*' group by year, detail, key`,
        )
        .map((r) => ({ ...r, body: r.body === '' ? null : r.body }));
    },
    async postponedNotTakenUp(options) {
      return total(q, 'postponed', undefined, options);
    },
    async assigneeOrganisationIds(options) {
      // A person's organisations count from every meeting, visible or not (as the register's filter finds them).
      return q
        .all<{ id: string }>(
          `select key as id from archive_totals
           where counter = 'assignee-organisation' and scope in ${scopes(options)} and year = '*'
           union
           select key from archive_totals where counter = 'member' and year = '*' and detail in (
             select key from archive_totals
             where counter = 'assignee-person' and scope in ${scopes(options)} and year = '*')`,
        )
        .map((r) => r.id);
    },
  };
}
