import { type RawBuilder, sql } from 'kysely';
import type { ArchiveSession, ArchiveStore } from '../store/ports.js';

/*
 * The decisions register, read a page at a time in SQL: the filters are a WHERE clause, a page is found through the
 * meetings' date index and costs its rows, and only the total grows with the archive. Plain SQL over column names
 * every adapter shares, like the API's read models.
 */

/** One decision in the register, with the meeting and item it was taken in. */
export interface RegisterRow {
  id: string;
  meetingId: string;
  date: string | null;
  body: string | null;
  meetingNumber: string | null;
  itemId: string;
  itemNumber: string | null;
  itemTitle: string;
  kind: string;
  text: string;
  /** Organisations given an assignment by the decision (directly or through an assignee's organisation). */
  organisations: Array<{ id: string; name: string }>;
}

export interface RegisterFilter {
  kind?: string;
  year?: number;
  body?: string;
  organisationId?: string;
  /** Only published meetings (what the public may see). */
  publishedOnly?: boolean;
}

/** What the filters can be set to, from the whole (visible) register. */
export interface RegisterOptions {
  kinds: string[];
  years: string[];
  bodies: string[];
  organisations: Array<{ id: string; name: string }>;
}

export interface RegisterPage {
  rows: RegisterRow[];
  /** Decisions matching the filter, on all pages. */
  total: number;
}

/** Decisions whose meeting is visible: a meeting is hidden only by an explicit `published = 0`. */
function visible(filter: { publishedOnly?: boolean }): RawBuilder<unknown> {
  return filter.publishedOnly
    ? sql`not exists (select 1 from meeting_publication mp where mp.meeting_id = m.id and mp.published = 0)`
    : sql`1 = 1`;
}

/** The meeting part of the filter, a condition over `m` (meetings). */
function meetingConditions(filter: RegisterFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [visible(filter)];
  if (filter.year !== undefined) {
    parts.push(sql`m.date >= ${`${filter.year}-01-01`} and m.date <= ${`${filter.year}-12-31`}`);
  }
  if (filter.body) parts.push(sql`m.body = ${filter.body}`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** The whole filter, a condition over `m` (meetings) and `d` (decisions). */
function conditions(filter: RegisterFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [meetingConditions(filter)];
  if (filter.kind) parts.push(sql`d.kind = ${filter.kind}`);
  if (filter.organisationId) {
    // The organisation directly, or a person assigned without one who sits for it (a member, not a guest).
    // Uncorrelated, so it runs once and not once per decision.
    parts.push(sql`d.id in (select a.decision_id from assignments a
      join assignment_assignees aa on aa.assignment_id = a.id
      where aa.organisation_id = ${filter.organisationId}
         or (aa.organisation_id is null and aa.person_id in (select p.person_id from participants p
             where p.organisation_id = ${filter.organisationId} and p.list <> 'guest')))`);
  }
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** Newest meeting first (undated last), in agenda order within a meeting. */
const ORDER = sql`order by m.date desc, m.id desc, i.position, d.position, d.id`;

/** The rows of these decisions, in the order of `ids`, with the organisations they give assignments to. */
async function rowsOf(session: ArchiveSession, ids: readonly string[]): Promise<RegisterRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<Omit<RegisterRow, 'organisations'>>`
    select d.id as id, d.meeting_id as "meetingId", m.date as date, m.body as body, m.number as "meetingNumber",
           d.item_id as "itemId", i.number as "itemNumber", i.title as "itemTitle", d.kind as kind, d.text as text
    from decisions d join meetings m on m.id = d.meeting_id join items i on i.id = d.item_id
    where d.id in (${sql.join(ids)})`.execute(session.db);
  const orgs = await organisationsOf(session, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...row, organisations: orgs.get(id) ?? [] }] : [];
  });
}

/**
 * Per decision, the organisations of its assignees: an assignee's own organisation, else every organisation its
 * person has sat for as a member (present or absent, not as a guest). Sorted by name.
 */
async function organisationsOf(
  session: ArchiveSession,
  decisionIds: readonly string[],
): Promise<Map<string, Array<{ id: string; name: string }>>> {
  const { rows: assignees } = await sql<{ decisionId: string; organisationId: string | null; personId: string | null }>`
    select a.decision_id as "decisionId", aa.organisation_id as "organisationId", aa.person_id as "personId"
    from assignments a join assignment_assignees aa on aa.assignment_id = a.id
    where a.decision_id in (${sql.join(decisionIds)})`.execute(session.db);
  if (assignees.length === 0) return new Map();
  const persons = [...new Set(assignees.filter((a) => !a.organisationId && a.personId).map((a) => a.personId!))];
  const orgsOfPerson = new Map<string, string[]>();
  if (persons.length > 0) {
    const { rows } = await sql<{ personId: string; organisationId: string }>`
      select distinct person_id as "personId", organisation_id as "organisationId" from participants
      where person_id in (${sql.join(persons)}) and list <> 'guest' and organisation_id is not null`.execute(
      session.db,
    );
    for (const r of rows) orgsOfPerson.set(r.personId, [...(orgsOfPerson.get(r.personId) ?? []), r.organisationId]);
  }
  const idsOf = new Map<string, Set<string>>();
  for (const a of assignees) {
    const set = idsOf.get(a.decisionId) ?? new Set<string>();
    if (a.organisationId) set.add(a.organisationId);
    else if (a.personId) for (const o of orgsOfPerson.get(a.personId) ?? []) set.add(o);
    idsOf.set(a.decisionId, set);
  }
  const all = [...new Set([...idsOf.values()].flatMap((s) => [...s]))];
  const names = new Map<string, string>();
  if (all.length > 0) {
    const { rows } = await sql<{ id: string; name: string }>`
      select id, name from organisations where id in (${sql.join(all)})`.execute(session.db);
    for (const r of rows) names.set(r.id, r.name);
  }
  const out = new Map<string, Array<{ id: string; name: string }>>();
  for (const [decisionId, set] of idsOf) {
    out.set(
      decisionId,
      [...set].map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    );
  }
  return out;
}

/**
 * How many decisions match the filter: from the archive's kept totals (by year, body and kind) when it has them and
 * the filter asks nothing else, else counted over the decisions.
 */
async function registerCount(session: ArchiveSession, filter: RegisterFilter): Promise<number> {
  if (session.totals && !filter.organisationId) {
    const year = filter.year === undefined ? undefined : String(filter.year);
    let n = 0;
    for (const row of await session.totals.decisions({ publishedOnly: filter.publishedOnly ?? false })) {
      if (year !== undefined && row.year !== year) continue;
      if (filter.body && row.body !== filter.body) continue;
      if (filter.kind && row.kind !== filter.kind) continue;
      n += row.count;
    }
    return n;
  }
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from decisions d join meetings m on m.id = d.meeting_id where ${conditions(filter)}`.execute(
    session.db,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * One page of the decisions register (newest meeting first, agenda order within a meeting) and the number of
 * decisions matching the filter.
 */
export async function registerPage(
  store: ArchiveStore,
  filter: RegisterFilter,
  page: { limit: number; offset: number },
): Promise<RegisterPage> {
  return store.read(async (session) => {
    const where = conditions(filter);
    const total = await registerCount(session, filter);
    // The page's ids first, ordered over index columns only; CROSS JOIN keeps meetings as the outer loop, walked in
    // date order by its index, so the page is found without sorting the archive.
    const { rows } = await sql<{ id: string }>`
      select d.id as id from meetings m cross join decisions d on d.meeting_id = m.id join items i on i.id = d.item_id
      where ${where} ${ORDER} limit ${Math.max(0, page.limit)} offset ${Math.max(0, page.offset)}`.execute(session.db);
    return {
      total,
      rows: await rowsOf(
        session,
        rows.map((r) => r.id),
      ),
    };
  });
}

/**
 * Every decision matching the filter, in register order, a batch of meetings at a time, each batch its own short
 * read: a download of the whole register neither holds the archive's connection nor the whole register in memory.
 * Batches continue after the last meeting of the previous one (keyset), so each costs the same however far in.
 */
export async function* registerBatches(
  store: ArchiveStore,
  filter: RegisterFilter,
  meetingsPerBatch = 200,
): AsyncGenerator<RegisterRow[]> {
  // Dated meetings first (newest first), then the undated ones, as `ORDER` sorts them.
  for (const dated of [true, false]) {
    let after: { date: string | null; id: string } | null = null;
    for (;;) {
      const batch: { rows: RegisterRow[]; last: { date: string | null; id: string }; full: boolean } | null =
        await store.read(async (session) => {
          const keyset =
            after === null
              ? sql`1 = 1`
              : dated
                ? sql`(m.date < ${after.date} or (m.date = ${after.date} and m.id < ${after.id}))`
                : sql`m.id < ${after.id}`;
          const { rows: meetings } = await sql<{ id: string; date: string | null }>`
            select m.id as id, m.date as date from meetings m
            where ${dated ? sql`m.date is not null` : sql`m.date is null`} and ${keyset} and ${meetingConditions(filter)}
            order by m.date desc, m.id desc limit ${meetingsPerBatch}`.execute(session.db);
          if (meetings.length === 0) return null;
          const { rows } = await sql<{ id: string }>`
            select d.id as id from meetings m cross join decisions d on d.meeting_id = m.id
            join items i on i.id = d.item_id
            where m.id in (${sql.join(meetings.map((m) => m.id))}) and ${conditions(filter)} ${ORDER}`.execute(
            session.db,
          );
          return {
            rows: await rowsOf(
              session,
              rows.map((r) => r.id),
            ),
            last: meetings.at(-1)!,
            full: meetings.length === meetingsPerBatch,
          };
        });
      if (batch === null) break;
      if (batch.rows.length > 0) yield batch.rows;
      if (!batch.full) break;
      after = batch.last;
    }
  }
}

/**
 * What the register's filters can be set to: kinds, years, bodies and organisations of visible decisions. From the
 * archive's kept totals when it has them (a few hundred rows), else from the decisions and assignments.
 */
export async function registerOptions(
  store: ArchiveStore,
  filter: { publishedOnly?: boolean },
): Promise<RegisterOptions> {
  return store.read(async (session) => {
    const { kinds, years, bodies, organisationIds } = session.totals
      ? await optionsFromTotals(session, filter)
      : await optionsFromRows(session, filter);
    const organisations =
      organisationIds.length === 0
        ? []
        : (
            await sql<{ id: string; name: string }>`
              select id, name from organisations where id in (${sql.join(organisationIds)})`.execute(session.db)
          ).rows;
    const sorted = (values: Iterable<string>) => [...values].sort((a, b) => a.localeCompare(b, 'sv'));
    return {
      kinds: sorted(kinds),
      years: sorted(years).reverse(),
      bodies: sorted(bodies),
      organisations: organisations.sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    };
  });
}

interface OptionValues {
  kinds: Iterable<string>;
  years: Iterable<string>;
  bodies: Iterable<string>;
  organisationIds: string[];
}

async function optionsFromTotals(session: ArchiveSession, filter: { publishedOnly?: boolean }): Promise<OptionValues> {
  const scope = { publishedOnly: filter.publishedOnly ?? false };
  const decisions = await session.totals!.decisions(scope);
  return {
    kinds: new Set(decisions.map((d) => d.kind)),
    years: new Set(decisions.flatMap((d) => (d.year ? [d.year] : []))),
    bodies: new Set(decisions.flatMap((d) => (d.body !== null ? [d.body] : []))),
    organisationIds: await session.totals!.assigneeOrganisationIds(scope),
  };
}

async function optionsFromRows(session: ArchiveSession, filter: { publishedOnly?: boolean }): Promise<OptionValues> {
  const seen = visible(filter);
  const values = async (query: RawBuilder<{ v: string }>) => (await query.execute(session.db)).rows.map((r) => r.v);
  const { rows: organisations } = await sql<{ id: string }>`
    select aa.organisation_id as id from assignments a join meetings m on m.id = a.meeting_id
      join assignment_assignees aa on aa.assignment_id = a.id
    where aa.organisation_id is not null and ${seen}
    union
    select p.organisation_id from participants p where p.list <> 'guest' and p.organisation_id is not null
      and p.person_id in (select aa.person_id from assignments a join meetings m on m.id = a.meeting_id
        join assignment_assignees aa on aa.assignment_id = a.id
        where aa.organisation_id is null and aa.person_id is not null and ${seen})`.execute(session.db);
  return {
    kinds: await values(sql`select distinct d.kind as v from decisions d join meetings m on m.id = d.meeting_id
      where ${seen}`),
    years: await values(sql`select distinct substr(m.date, 1, 4) as v from meetings m
      where m.date is not null and m.date <> '' and ${seen}
        and exists (select 1 from decisions d where d.meeting_id = m.id)`),
    bodies: await values(sql`select distinct m.body as v from meetings m
      where m.body is not null and ${seen} and exists (select 1 from decisions d where d.meeting_id = m.id)`),
    organisationIds: organisations.map((o) => o.id),
  };
}
