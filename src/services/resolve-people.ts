import { AppError } from '../domain/errors.js';
import { matchKey, stableId } from '../domain/match-keys.js';
import type { ArchiveSession, ArchiveStore } from '../store/ports.js';
import type { MembershipRow, OrganisationRow, PersonAliasRow, PersonRow } from '../store/schema.js';

/**
 * The person registry. A spelling is matched by its folded key (Crespin = Crespín), so one human is one person
 * whatever the spelling; one name in two municipalities over the years stays one person (a career). Merges and
 * splits are stored as aliases, which re-imports read and never overwrite, so manual decisions survive.
 */

/** Finds the person behind a name (optionally within an organisation), creating one when `create` is set. */
export async function resolvePerson(
  session: ArchiveSession,
  name: string,
  organisationId: string | null,
  options: { create?: boolean; now?: string } = {},
): Promise<string | null> {
  const key = matchKey(name);
  if (!key) return null;
  const found = await session.persons.resolveAlias(key, organisationId);
  if (found) return found;
  if (options.create === false) return null;
  const id = stableId('p', key);
  if (!(await session.persons.get(id))) {
    await session.persons.create({ id, name: name.trim(), createdAt: options.now ?? new Date().toISOString() });
  }
  await session.persons.putAlias({
    matchKey: key,
    organisationId: '',
    personId: id,
    spelling: name.trim(),
    source: 'auto',
  });
  return id;
}

export interface PersonSummary {
  id: string;
  name: string;
  spellings: string[];
  organisations: string[];
  meetings: number;
  firstDate: string | null;
  lastDate: string | null;
}

export interface MembershipView extends MembershipRow {
  organisation: string;
  organisationKind: string;
}

export interface PersonDetail extends PersonSummary {
  aliases: PersonAliasRow[];
  memberships: MembershipView[];
  attendance: Array<{
    meetingId: string;
    date: string | null;
    list: string;
    organisation: string | null;
    role: string | null;
    spelling: string;
  }>;
}

async function summarise(
  session: ArchiveSession,
  person: PersonRow,
  orgs: Map<string, OrganisationRow>,
): Promise<PersonSummary> {
  const memberships = await session.memberships.forPerson(person.id);
  const dates = memberships.flatMap((m) => [m.firstDate, m.lastDate]).filter((d): d is string => d !== null);
  dates.sort();
  const attendance = await session.persons.attendance(person.id);
  return {
    id: person.id,
    name: person.name,
    spellings: await session.persons.spellings(person.id),
    organisations: [...new Set(memberships.map((m) => orgs.get(m.organisationId)?.name ?? m.organisationId))],
    meetings: new Set(attendance.map((a) => a.meetingId)).size,
    firstDate: dates[0] ?? null,
    lastDate: dates.at(-1) ?? null,
  };
}

async function organisationMap(session: ArchiveSession): Promise<Map<string, OrganisationRow>> {
  return new Map((await session.organisations.list()).map((o) => [o.id, o]));
}

/** Lists every person with spellings, organisations and the span of meetings they appear in. */
export async function listPersons(store: ArchiveStore): Promise<PersonSummary[]> {
  return store.read(async (session) => {
    const orgs = await organisationMap(session);
    const out: PersonSummary[] = [];
    for (const person of await session.persons.list()) out.push(await summarise(session, person, orgs));
    return out;
  });
}

/** Finds one person by id, id prefix, or any spelling; AppError not-found / conflict when that is not one person. */
export async function findPerson(session: ArchiveSession, ref: string): Promise<PersonRow> {
  const byId = await session.persons.get(ref);
  if (byId) return byId;
  const key = matchKey(ref);
  const ids = new Set((await session.persons.aliases()).filter((a) => a.matchKey === key).map((a) => a.personId));
  if (ids.size === 0 && /^p_[0-9a-f]+$/.test(ref)) {
    for (const p of await session.persons.list()) if (p.id.startsWith(ref)) ids.add(p.id);
  }
  if (ids.size === 0) throw new AppError('not-found', `No person called "${ref}".`);
  if (ids.size > 1) {
    throw new AppError('conflict', `"${ref}" names ${ids.size} persons (${[...ids].join(', ')}); use an id.`, {
      ids: [...ids],
    });
  }
  const person = await session.persons.get([...ids][0]!);
  if (!person) throw new AppError('not-found', `No person called "${ref}".`);
  return person;
}

/** One person with aliases, memberships over time and every meeting they attended or were absent from. */
export async function showPerson(store: ArchiveStore, ref: string): Promise<PersonDetail> {
  return store.read(async (session) => {
    const person = await findPerson(session, ref);
    const orgs = await organisationMap(session);
    const summary = await summarise(session, person, orgs);
    const memberships = (await session.memberships.forPerson(person.id)).map((m) => ({
      ...m,
      organisation: orgs.get(m.organisationId)?.name ?? m.organisationId,
      organisationKind: orgs.get(m.organisationId)?.kind ?? 'other',
    }));
    const attendance = (await session.persons.attendance(person.id)).map((a) => ({
      meetingId: a.meetingId,
      date: a.date,
      list: a.list,
      organisation: a.organisationId ? (orgs.get(a.organisationId)?.name ?? a.organization) : a.organization,
      role: a.role,
      spelling: a.name,
    }));
    return { ...summary, aliases: await session.persons.aliases(person.id), memberships, attendance };
  });
}

/**
 * Merges person `drop` into person `keep`: every spelling, attendance, signature and assignment of `drop` then
 * belongs to `keep`. Stored as aliases, so the next import of any protocol resolves both spellings to `keep`.
 */
export async function mergePersons(
  store: ArchiveStore,
  keepRef: string,
  dropRef: string,
  actor = 'cli',
): Promise<PersonDetail> {
  const keepId = await store.write(async (session) => {
    const keep = await findPerson(session, keepRef);
    const drop = await findPerson(session, dropRef);
    if (keep.id === drop.id)
      throw new AppError('invalid-input', `"${keepRef}" and "${dropRef}" are already one person.`);
    for (const alias of await session.persons.aliases(drop.id)) {
      await session.persons.putAlias({ ...alias, personId: keep.id, source: 'manual' });
    }
    await session.persons.reassign(drop.id, keep.id);
    await session.persons.delete(drop.id);
    await session.audit.append({
      at: new Date().toISOString(),
      actor,
      action: 'person.merge',
      targetId: keep.id,
      details: { kept: keep, dropped: drop },
    });
    return keep.id;
  });
  return showPerson(store, keepId);
}

/**
 * Splits the attendance of a person within one organisation off into a new person (two namesakes in different
 * municipalities). Stored as an organisation-specific alias so re-imports keep them apart.
 */
export async function splitPerson(
  store: ArchiveStore,
  ref: string,
  organisationRef: string,
  options: { name?: string; actor?: string } = {},
): Promise<{ kept: PersonDetail; created: PersonDetail }> {
  const ids = await store.write(async (session) => {
    const person = await findPerson(session, ref);
    const orgKey = matchKey(organisationRef);
    const organisationId =
      (await session.organisations.get(organisationRef))?.id ?? (await session.organisations.findByVariant(orgKey));
    if (!organisationId) throw new AppError('not-found', `No organisation called "${organisationRef}".`);
    const newId = stableId('p', matchKey(person.name), organisationId);
    if (!(await session.persons.get(newId))) {
      await session.persons.create({
        id: newId,
        name: options.name ?? person.name,
        createdAt: new Date().toISOString(),
      });
    }
    const keys = new Set((await session.persons.aliases(person.id)).map((a) => a.matchKey));
    for (const key of keys) {
      await session.persons.putAlias({
        matchKey: key,
        organisationId,
        personId: newId,
        spelling: person.name,
        source: 'manual',
      });
    }
    const moved = await session.persons.moveAttendance(person.id, organisationId, newId);
    if (moved === 0) {
      throw new AppError('invalid-input', `${person.name} never attended for "${organisationRef}"; nothing to split.`);
    }
    await session.audit.append({
      at: new Date().toISOString(),
      actor: options.actor ?? 'cli',
      action: 'person.split',
      targetId: person.id,
      details: { organisationId, newPersonId: newId, moved },
    });
    return { keep: person.id, created: newId };
  });
  return { kept: await showPerson(store, ids.keep), created: await showPerson(store, ids.created) };
}
