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

/** Counts for the annual report: meetings held, attendance per municipality and person, decisions, items. */
export async function archiveStats(store: ArchiveStore, options: { year?: number } = {}): Promise<ArchiveStats> {
  const { year } = options;
  return store.read(async (session) => {
    const perYear = await session.stats.meetingsPerYear();
    const items = await session.stats.itemsPerYear();
    const withAttendance = await session.stats.meetingsWithAttendance(year);
    const municipalities = (await session.stats.attendanceByMunicipality(year)).map((m) => ({
      ...m,
      rate: withAttendance ? round(m.present / withAttendance) : null,
    }));
    const persons = (await session.stats.attendanceByPerson(year)).map((p) => ({
      ...p,
      rate: p.present + p.absent ? round(p.present / (p.present + p.absent)) : null,
    }));
    const inYear = (rows: YearCount[]) => (year === undefined ? rows : rows.filter((r) => r.year === String(year)));
    return {
      year: year ?? null,
      meetingsHeld:
        year === undefined
          ? (await session.meetings.list()).length
          : (perYear.find((r) => r.year === String(year))?.count ?? 0),
      meetingsPerYear: inYear(perYear),
      itemsPerYear: inYear(items),
      decisionsByKind: await session.stats.decisionsByKind(year),
      attendance: { meetingsWithAttendance: withAttendance, municipalities, persons },
    };
  });
}
