import type { ArchiveStore, YearCount } from '../store/ports.js';

export interface AttendanceRate {
  id: string;
  name: string;
  present: number;
  absent: number;
  meetings: number;
  /** Share of meetings attended: for a municipality over all meetings with attendance, for a person over the
   *  meetings they were listed for (present or absent); null when there is nothing to divide by. */
  rate: number | null;
}

export interface ArchiveStats {
  year: number | null;
  meetingsHeld: number;
  meetingsPerYear: YearCount[];
  itemsPerYear: YearCount[];
  decisionsByKind: Array<{ kind: string; count: number }>;
  attendance: {
    meetingsWithAttendance: number;
    municipalities: AttendanceRate[];
    persons: AttendanceRate[];
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export interface StatsQuery {
  year?: number;
  /** Count only published meetings: what the public may see (the API and anonymous visitors). */
  publishedOnly?: boolean;
}

/**
 * Counts for the annual report: meetings held, attendance per municipality and person, decisions, items. Every
 * number is an SQL aggregate; with `publishedOnly`, meetings hidden from the public are not counted.
 */
export async function archiveStats(store: ArchiveStore, options: StatsQuery = {}): Promise<ArchiveStats> {
  const { year } = options;
  const scope = { publishedOnly: options.publishedOnly ?? false };
  return store.read(async (session) => {
    const perYear = await session.stats.meetingsPerYear(scope);
    const items = await session.stats.itemsPerYear(scope);
    const withAttendance = await session.stats.meetingsWithAttendance(year, scope);
    const municipalities = (await session.stats.attendanceByMunicipality(year, scope)).map((m) => ({
      ...m,
      rate: withAttendance ? round(m.present / withAttendance) : null,
    }));
    const persons = (await session.stats.attendanceByPerson(year, scope)).map((p) => ({
      ...p,
      rate: p.present + p.absent ? round(p.present / (p.present + p.absent)) : null,
    }));
    const inYear = (rows: YearCount[]) => (year === undefined ? rows : rows.filter((r) => r.year === String(year)));
    return {
      year: year ?? null,
      meetingsHeld:
        year === undefined
          ? await session.stats.meetingCount(scope)
          : (perYear.find((r) => r.year === String(year))?.count ?? 0),
      meetingsPerYear: inYear(perYear),
      itemsPerYear: inYear(items),
      decisionsByKind: await session.stats.decisionsByKind(year, scope),
      attendance: { meetingsWithAttendance: withAttendance, municipalities, persons },
    };
  });
}
