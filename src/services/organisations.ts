import { sql } from 'kysely';
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

/**
 * Organisations with at least one representative or guest in the archive, by name, with the number of people who
 * represented them (members, not guests). One aggregate; with `publishedOnly`, over published meetings only.
 */
export async function listOrganisations(
  store: ArchiveStore,
  options: { publishedOnly?: boolean } = {},
): Promise<OrganisationSummary[]> {
  return store.read(async (session) => {
    const { rows } = await sql<OrganisationSummary>`
      select o.id as id, o.name as name, o.kind as kind, o.code as code,
             count(distinct case when p.list <> 'guest' then p.person_id end) as representatives
      from participants p join organisations o on o.id = p.organisation_id join meetings m on m.id = p.meeting_id
      where p.person_id is not null and ${
        options.publishedOnly
          ? sql`not exists (select 1 from meeting_publication mp where mp.meeting_id = m.id and mp.published = 0)`
          : sql`1 = 1`
      }
      group by o.id, o.name, o.kind, o.code`.execute(session.db);
    return rows
      .map((o) => ({ ...o, representatives: Number(o.representatives) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  });
}

/**
 * One organisation: its representatives over time and, for municipalities, its attendance rate; with
 * `publishedOnly`, counted over published meetings only.
 */
export async function showOrganisation(
  store: ArchiveStore,
  id: string,
  options: { publishedOnly?: boolean } = {},
): Promise<OrganisationDetail> {
  const scope = { publishedOnly: options.publishedOnly ?? false };
  return store.read(async (session) => {
    const org = await session.organisations.get(id);
    if (!org) throw new AppError('not-found', `No organisation ${id}.`);
    const memberships = await session.memberships.forOrganisation(id, scope);
    const personIds = [...new Set(memberships.map((m) => m.personId))];
    const persons = new Map(
      personIds.length === 0
        ? []
        : (await session.db.selectFrom('persons').select(['id', 'name']).where('id', 'in', personIds).execute()).map(
            (p) => [p.id, p.name],
          ),
    );
    const history = memberships
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
    const withAttendance = await session.stats.meetingsWithAttendance(undefined, scope);
    const row = (await session.stats.attendanceByMunicipality(undefined, scope)).find((r) => r.id === id);
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
