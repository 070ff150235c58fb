import { AppError } from '../domain/errors.js';
import type { ArchiveStore } from '../store/ports.js';

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: string;
  code: string | null;
  /** People who represented it at a meeting (members, not guests). */
  representatives: number;
}

export interface Representative {
  personId: string;
  name: string;
  role: string;
  firstMeetingId: string;
  firstDate: string | null;
  lastMeetingId: string;
  lastDate: string | null;
  meetings: number;
  present: number;
}

export interface OrganisationDetail extends OrganisationSummary {
  /** Who represented it, in the order they first appeared. */
  history: Representative[];
  /** Meetings with attendance lists where someone of it was present, absent, and the share present (null: none). */
  attendance: { present: number; absent: number; meetings: number; rate: number | null } | null;
}

/** Organisations with at least one representative or guest in the archive, by name. */
export async function listOrganisations(store: ArchiveStore): Promise<OrganisationSummary[]> {
  return store.read(async (session) => {
    const counts = new Map<string, Set<string>>();
    for (const m of await session.memberships.all()) {
      const set = counts.get(m.organisationId) ?? new Set<string>();
      if (m.role === 'member') set.add(m.personId);
      counts.set(m.organisationId, set);
    }
    return (await session.organisations.list())
      .filter((o) => counts.has(o.id))
      .map((o) => ({ id: o.id, name: o.name, kind: o.kind, code: o.code, representatives: counts.get(o.id)!.size }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  });
}

/** One organisation: its representatives over time and, for municipalities, its attendance rate. */
export async function showOrganisation(store: ArchiveStore, id: string): Promise<OrganisationDetail> {
  return store.read(async (session) => {
    const org = await session.organisations.get(id);
    if (!org) throw new AppError('not-found', `No organisation ${id}.`);
    const persons = new Map((await session.persons.list()).map((p) => [p.id, p.name]));
    const history = (await session.memberships.forOrganisation(id))
      .map((m) => ({
        personId: m.personId,
        name: persons.get(m.personId) ?? m.personId,
        role: m.role,
        firstMeetingId: m.firstMeetingId,
        firstDate: m.firstDate,
        lastMeetingId: m.lastMeetingId,
        lastDate: m.lastDate,
        meetings: m.meetings,
        present: m.present,
      }))
      .sort((a, b) => (a.firstDate ?? '').localeCompare(b.firstDate ?? '') || a.name.localeCompare(b.name, 'sv'));
    const withAttendance = await session.stats.meetingsWithAttendance();
    const row = (await session.stats.attendanceByMunicipality()).find((r) => r.id === id);
    return {
      id: org.id,
      name: org.name,
      kind: org.kind,
      code: org.code,
      representatives: new Set(history.filter((h) => h.role === 'member').map((h) => h.personId)).size,
      history,
      attendance: row
        ? {
            present: row.present,
            absent: row.absent,
            meetings: withAttendance,
            rate: withAttendance ? Math.round((row.present / withAttendance) * 1000) / 1000 : null,
          }
        : null,
    };
  });
}
