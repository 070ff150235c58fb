import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/archive-factories.js';
import { assertValidDocument } from '../../../test/support/schema.js';
import { type ProtocolDocument, ProtocolDocumentSchema } from '../../domain/document.js';
import { listAssignments } from '../../services/follow-up.js';
import { importArchive } from '../../services/import-archive.js';
import { searchArchive } from '../../services/search-archive.js';
import { archiveStats } from '../../services/stats.js';
import type { ArchiveStore } from '../../store/ports.js';
import { ACCOUNT_MIGRATIONS } from '../../store/sqlite/account-migrations.js';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { SEARCH_MIGRATIONS, SqliteSearchIndex } from '../../store/sqlite/search-index.js';
import type { OpenApiDocument } from './route-registry.js';
import { apiRoutes } from './routes.js';

/*
 * The API in process (`app.request`), mounted where the server mounts it, over a real SQLite archive of the five
 * example protocols imported through the import service. Every response is validated against the schema the
 * OpenAPI document declares for it.
 */

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');
const NOW = new Date('2025-06-01T12:00:00Z');
const clock = () => NOW;

let store: ArchiveStore;
let search: SqliteSearchIndex;
let cleanup: () => void;
let app: Hono;
let openapi: OpenApiDocument;
const ajv = new Ajv2020({ allErrors: true, strict: false });

interface Reply {
  status: number;
  body: unknown;
  contentType: string | null;
}

async function get(path: string): Promise<Reply> {
  const response = await app.request(path);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), contentType: response.headers.get('content-type') };
}

/** The OpenAPI path template ("/meetings/{id}") a concrete API path matches. */
function templateOf(path: string): string {
  const bare = path.replace(/^\/api\/v1/, '').split('?')[0]!;
  const template = Object.keys(openapi.paths).find((t) => new RegExp(`^${t.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare));
  if (!template) throw new Error(`no OpenAPI path for ${path}`);
  return template;
}

function declaredSchema(template: string, status: number): unknown {
  const operation = openapi.paths[template]!.get as {
    responses: Record<string, { content: Record<string, { schema: unknown }> }>;
  };
  const response = operation.responses[String(status)];
  if (!response) throw new Error(`${template} does not declare status ${status}`);
  return response.content['application/json']!.schema;
}

/** Requests a path and checks the answer against the schema its route declares for that status. */
async function getValid(path: string, expectedStatus = 200): Promise<Reply> {
  const reply = await get(path);
  expect(reply.status, `${path}: ${JSON.stringify(reply.body)}`).toBe(expectedStatus);
  expect(reply.contentType).toMatch(/^application\/json/);
  const validate = ajv.compile({ $ref: `openapi.json${refPath(declaredSchema(templateOf(path), reply.status))}` });
  if (!validate(reply.body)) throw new Error(`${path}: ${ajv.errorsText(validate.errors)}`);
  return reply;
}

function refPath(schema: unknown): string {
  return ((schema as { $ref: string }).$ref ?? '').replace(/^#/, '#');
}

type Page<T> = { total: number; limit: number; offset: number; data: T[]; links: Record<string, string | null> };

beforeAll(async () => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  search = new SqliteSearchIndex();
  store = await openSqliteStore({
    path: join(temp.dir, 'archive.db'),
    migrations: { ...SEARCH_MIGRATIONS, ...ACCOUNT_MIGRATIONS },
    searchIndexer: search,
  });
  const summary = await importArchive(store, [EXAMPLES], { clock });
  expect(summary.imported).toHaveLength(5);
  app = new Hono().route('/api/v1', apiRoutes({ store, search, clock }));
  const reply = await get('/api/v1/openapi.json');
  openapi = reply.body as OpenApiDocument;
  ajv.addSchema(openapi, 'openapi.json');
});

afterAll(async () => {
  await store.close();
  cleanup();
});

describe('the OpenAPI document', () => {
  it('is an OpenAPI 3.1 document with info, servers, paths and components', () => {
    expect(openapi.openapi).toBe('3.1.0');
    expect(openapi.info.title).toBeTruthy();
    expect(openapi.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(openapi.servers).toEqual([{ url: '/api/v1' }]);
    expect(Object.keys(openapi.paths).length).toBeGreaterThan(10);
    for (const [path, item] of Object.entries(openapi.paths)) {
      expect(path).toMatch(/^\//);
      for (const [method, op] of Object.entries(item)) {
        expect(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']).toContain(method);
        const operation = op as {
          operationId: string;
          parameters?: Array<{ name: string; in: string; required: boolean; schema: object }>;
          responses: Record<string, { description: string; content: Record<string, { schema: { $ref: string } }> }>;
        };
        expect(operation.operationId).toMatch(/^[a-zA-Z]+$/);
        const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const inPath = (operation.parameters ?? []).filter((p) => p.in === 'path');
        expect(inPath.map((p) => p.name).sort()).toEqual(templated.sort());
        for (const p of operation.parameters ?? []) {
          expect(['path', 'query']).toContain(p.in);
          if (p.in === 'path') expect(p.required).toBe(true);
          expect(typeof p.schema).toBe('object');
        }
        expect(Object.keys(operation.responses)).toContain('200');
        for (const response of Object.values(operation.responses)) {
          expect(response.description).toBeTruthy();
          expect(response.content['application/json']!.schema.$ref).toMatch(/^#\/components\/schemas\/\w+$/);
        }
      }
    }
    const ids = Object.values(openapi.paths).flatMap((item) =>
      Object.values(item).map((op) => (op as { operationId: string }).operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves every $ref to a component, and every component is valid JSON Schema 2020-12', () => {
    const refs = JSON.stringify(openapi).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const id = /#\/components\/schemas\/(\w+)/.exec(ref)?.[1];
      expect(id, ref).toBeDefined();
      expect(openapi.components.schemas[id!], ref).toBeDefined();
    }
    const strict = new Ajv2020({ strict: true, allErrors: true });
    strict.addKeyword('openapi').addKeyword('info').addKeyword('jsonSchemaDialect').addKeyword('servers');
    strict.addKeyword('tags').addKeyword('paths').addKeyword('components');
    strict.addSchema(openapi, 'strict.json');
    for (const id of Object.keys(openapi.components.schemas)) {
      expect(() => strict.compile({ $ref: `strict.json#/components/schemas/${id}` }), id).not.toThrow();
    }
  });

  it('describes every route of the router, and nothing else', () => {
    const routed = new Set(
      app.routes
        .filter((r) => r.method === 'GET' && !r.path.endsWith('*'))
        .map((r) => r.path.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, '{$1}')),
    );
    expect([...routed].sort()).toEqual(Object.keys(openapi.paths).sort());
    for (const path of [
      '/meetings',
      '/meetings/{id}',
      '/meetings/{id}/meta',
      '/items',
      '/items/{id}',
      '/decisions',
      '/decisions/{id}',
      '/assignments',
      '/persons',
      '/persons/{id}',
      '/organisations',
      '/organisations/{id}',
      '/search',
      '/stats',
      '/openapi.json',
    ]) {
      expect(routed.has(path), path).toBe(true);
    }
  });

  it('documents the query parameters the routes accept, with types', () => {
    const params = (path: string) =>
      ((openapi.paths[path]!.get as { parameters: Array<{ name: string; schema: { type?: string } }> }).parameters ??
        []) as Array<{ name: string; required: boolean; schema: { type?: string; default?: unknown } }>;
    expect(params('/search').map((p) => p.name)).toEqual(
      expect.arrayContaining(['q', 'body', 'from', 'to', 'person', 'org', 'kind', 'type', 'open', 'limit', 'offset']),
    );
    expect(params('/search').find((p) => p.name === 'q')!.required).toBe(true);
    const limit = params('/meetings').find((p) => p.name === 'limit')!;
    expect(limit).toMatchObject({ required: false, schema: { type: 'integer', default: 20, maximum: 100 } });
    expect(params('/decisions').map((p) => p.name)).toEqual(
      expect.arrayContaining(['kind', 'year', 'body', 'organisation']),
    );
    expect(params('/assignments').map((p) => p.name)).toEqual(
      expect.arrayContaining(['open', 'overdue', 'done', 'assignee']),
    );
  });
});

describe('meetings', () => {
  it('lists the five meetings newest first, one page at a time with links', async () => {
    const all = (await getValid('/api/v1/meetings')).body as Page<{ id: string; date: string }>;
    expect(all.total).toBe(5);
    expect(all.data.map((m) => m.date)).toEqual([...all.data.map((m) => m.date)].sort().reverse());
    expect(all.links.prev).toBeNull();
    expect(all.links.next).toBeNull();

    const first = (await getValid('/api/v1/meetings?limit=2')).body as Page<{ id: string }>;
    expect(first.data.map((m) => m.id)).toEqual(all.data.slice(0, 2).map((m) => m.id));
    expect(first.links.next).toBe('/api/v1/meetings?limit=2&offset=2');
    const second = (await getValid(first.links.next!)).body as Page<{ id: string }>;
    expect(second.data.map((m) => m.id)).toEqual(all.data.slice(2, 4).map((m) => m.id));
    expect(second.links.prev).toBe('/api/v1/meetings?limit=2&offset=0');
    const last = (await getValid('/api/v1/meetings?limit=2&offset=4&order=asc')).body as Page<{ id: string }>;
    expect(last.links.next).toBeNull();
    expect(last.data.map((m) => m.id)).toEqual([all.data[0]!.id]);
  });

  it('filters by year, body and date range', async () => {
    const total = async (query: string) => ((await getValid(`/api/v1/meetings?${query}`)).body as Page<unknown>).total;
    expect(await total('year=2016')).toBe(1);
    expect(await total('body=kommundirektörsgrupp')).toBe(5);
    expect(await total('body=KOMMUNDIREKT%C3%96RSGRUPPEN')).toBe(5);
    expect(await total('body=Styrelsen')).toBe(0);
    expect(await total('from=2018&to=2019')).toBe(2);
    expect(await total('from=2019-05')).toBe(2);
    expect(await total('year=2016&from=2017')).toBe(0);
  });

  it('serves a meeting as its stored protokoll/1 document, valid against the published schema', async () => {
    const { data } = (await getValid('/api/v1/meetings?year=2016')).body as Page<{ id: string }>;
    const reply = await getValid(`/api/v1/meetings/${data[0]!.id}`);
    const document = reply.body as ProtocolDocument;
    expect(ProtocolDocumentSchema.parse(document)).toEqual(document);
    assertValidDocument(document);
    expect(document).toMatchObject({ schema: 'protokoll/1', date: '2016-11-18', number: '10/2016' });
    const stored = await store.read((s) => s.documents.listForMeeting(data[0]!.id));
    expect(document).toEqual(JSON.parse(stored[0]!.documentJson));
  });

  it("serves a meeting's archive record with counts, source file and links", async () => {
    const { data } = (await getValid('/api/v1/meetings?year=2016')).body as Page<{ id: string; items: number }>;
    const meta = (await getValid(`/api/v1/meetings/${data[0]!.id}/meta`)).body as {
      counts: { items: number };
      documents: Array<{ name: string; status: string }>;
      links: { items: string };
    };
    expect(meta.counts.items).toBe(data[0]!.items);
    expect(meta.documents).toEqual([
      expect.objectContaining({ name: 'kommundirektorsgruppen-2016-10.txt', status: 'primary' }),
    ]);
    const items = (await getValid(meta.links.items)).body as Page<unknown>;
    expect(items.total).toBe(data[0]!.items);
  });

  it('answers 404 for an unknown meeting and 400 for a malformed id', async () => {
    expect((await getValid('/api/v1/meetings/m_0000000000', 404)).body).toEqual({
      error: { code: 'not-found', message: 'No meeting m_0000000000.' },
    });
    const bad = (await getValid('/api/v1/meetings/2016-11-18', 400)).body as { error: { message: string } };
    expect(bad.error.message).toMatch(/id/);
    await getValid('/api/v1/meetings/m_0000000000/meta', 404);
  });
});

describe('items and decisions', () => {
  it('lists items, filters referred ones, and shows one with decisions and assignments', async () => {
    const items = (await getValid('/api/v1/items?limit=100')).body as Page<{ id: string; decisions: number }>;
    expect(items.total).toBeGreaterThan(20);
    const referred = (await getValid('/api/v1/items?referred=true')).body as Page<{ referral: unknown }>;
    expect(referred.data.every((i) => i.referral !== null)).toBe(true);
    const notReferred = (await getValid('/api/v1/items?referred=false&limit=1')).body as Page<unknown>;
    expect(referred.total + notReferred.total).toBe(items.total);

    const withDecisions = items.data.find((i) => i.decisions > 0)!;
    const item = (await getValid(`/api/v1/items/${withDecisions.id}`)).body as { decisions: unknown[] };
    expect(item.decisions).toHaveLength(withDecisions.decisions);
    await getValid('/api/v1/items/i_0000', 404);
  });

  it('filters decisions by kind, year, body and organisation', async () => {
    type D = { id: string; kind: string; date: string };
    const all = (await getValid('/api/v1/decisions?limit=100')).body as Page<D>;
    expect(all.total).toBeGreaterThan(5);
    const approvals = (await getValid('/api/v1/decisions?kind=approval&limit=100')).body as Page<D>;
    expect(approvals.total).toBe(all.data.filter((d) => d.kind === 'approval').length);
    const in2016 = (await getValid('/api/v1/decisions?year=2016&limit=100')).body as Page<D>;
    expect(in2016.data.every((d) => d.date.startsWith('2016'))).toBe(true);
    // The cooperation was called Skåne Nordväst in 2011: one organisation of the registry under both names.
    const ofCooperation = (await getValid('/api/v1/decisions?organisation=Familjen%20Helsingborg&limit=1'))
      .body as Page<D>;
    expect(ofCooperation.total).toBe(all.total);
    const underOldName = (await getValid('/api/v1/decisions?organisation=Sk%C3%A5ne%20Nordv%C3%A4st&limit=1'))
      .body as Page<D>;
    expect(underOldName.total).toBe(all.total);
    expect(((await getValid('/api/v1/decisions?organisation=Ingenstans')).body as Page<D>).total).toBe(0);
    const one = (await getValid(`/api/v1/decisions/${all.data[0]!.id}`)).body as D;
    expect(one.id).toBe(all.data[0]!.id);
    await getValid('/api/v1/decisions?kind=maybe', 400);
  });
});

describe('assignments', () => {
  type A = { id: string; status: string; overdue: boolean; assignees: Array<{ name: string }> };

  it('agree with the follow-up service on status and overdue', async () => {
    const api = (await getValid('/api/v1/assignments?limit=100')).body as Page<A>;
    const service = await listAssignments(store, {}, clock);
    expect(api.total).toBe(service.length);
    expect(api.total).toBeGreaterThan(0);
    const byId = new Map(service.map((a) => [a.id, a]));
    for (const a of api.data) expect([a.status, a.overdue]).toEqual([byId.get(a.id)!.status, byId.get(a.id)!.overdue]);

    const ids = async (query: string) =>
      ((await getValid(`/api/v1/assignments?limit=100&${query}`)).body as Page<A>).data.map((a) => a.id).sort();
    const serviceIds = async (query: Parameters<typeof listAssignments>[1]) =>
      (await listAssignments(store, query, clock)).map((a) => a.id).sort();
    expect(await ids('open=true')).toEqual(await serviceIds({ open: true }));
    expect(await ids('overdue=true')).toEqual(await serviceIds({ overdue: true }));
    expect((await ids('overdue=true')).length).toBeGreaterThan(0);
    const name = api.data[0]!.assignees[0]!.name;
    expect(await ids(`assignee=${encodeURIComponent(name)}`)).toEqual(await serviceIds({ assignee: name }));
    expect(await ids('done=true')).toEqual([]);
    expect(await ids('status=open&status=reported')).toEqual(await serviceIds({ open: true }));
  });

  it('rejects a bad status or boolean with 400', async () => {
    await getValid('/api/v1/assignments?status=late', 400);
    await getValid('/api/v1/assignments?open=yes', 400);
  });
});

describe('persons and organisations', () => {
  it('lists persons and shows one with memberships', async () => {
    const persons = (await getValid('/api/v1/persons?limit=100')).body as Page<{ id: string; meetings: number }>;
    expect(persons.total).toBeGreaterThan(10);
    const regular = persons.data.reduce((a, b) => (b.meetings > a.meetings ? b : a));
    const person = (await getValid(`/api/v1/persons/${regular.id}`)).body as {
      meetings: number;
      memberships: Array<{ organisation: string }>;
    };
    expect(person.meetings).toBe(regular.meetings);
    expect(person.memberships.length).toBeGreaterThan(0);
    const lundberg = (await getValid('/api/v1/persons?q=lundberg')).body as Page<{ name: string }>;
    expect(lundberg.data.map((p) => p.name)).toContain('Palle Lundberg');
    await getValid('/api/v1/persons/p_0000', 404);
  });

  it("shows an organisation's representatives and the attendance rate that stats gives it", async () => {
    const municipalities = (await getValid('/api/v1/organisations?kind=municipality&q=helsingborg')).body as Page<{
      id: string;
      name: string;
    }>;
    const helsingborg = municipalities.data.find((o) => o.name === 'Helsingborg')!;
    const detail = (await getValid(`/api/v1/organisations/${helsingborg.id}`)).body as {
      representatives: Array<{ name: string }>;
      attendance: { rate: number; present: number };
    };
    expect(detail.representatives.map((r) => r.name)).toContain('Palle Lundberg');
    const stats = await archiveStats(store);
    const expected = stats.attendance.municipalities.find((m) => m.id === helsingborg.id)!;
    expect(detail.attendance).toMatchObject({ present: expected.present, rate: expected.rate });
    await getValid(`/api/v1/organisations/${helsingborg.id}?year=2016`);
    await getValid('/api/v1/organisations/o_0000', 404);
  });
});

describe('search and stats', () => {
  it('gives what the search service gives, with page links', async () => {
    const reply = (await getValid('/api/v1/search?q=budget&limit=3')).body as {
      total: number;
      hits: Array<{ id: string }>;
      links: { next: string | null };
    };
    const service = await searchArchive(store, search, { query: 'budget', limit: 3 });
    expect(reply.total).toBe(service.total);
    expect(reply.hits.map((h) => h.id)).toEqual(service.hits.map((h) => h.id));
    if (service.total > 3) expect(reply.links.next).toBe('/api/v1/search?q=budget&limit=3&offset=3');
  });

  it('takes the CLI filters: type (repeated or a,b), kind, person, org, dates, open, timeline', async () => {
    const run = async (query: string) => (await getValid(`/api/v1/search?${query}`)).body as { total: number };
    const both = await run('q=budget&type=item&type=decision');
    const comma = await run('q=budget&type=%C3%A4rende,beslut');
    expect(both.total).toBe(comma.total);
    await run('q=uppdrag&kind=uppdrag&from=2016&to=2024-12&org=Helsingborg&person=Palle%20Lundberg&open=true');
    const timeline = (await getValid('/api/v1/search?q=budget&timeline=true&perYear=1')).body as {
      timeline: unknown[];
    };
    expect(timeline.timeline.length).toBeGreaterThan(0);
  });

  it('answers 400 for a bad query or filter and 404 for an unknown person', async () => {
    expect(((await getValid('/api/v1/search', 400)).body as { error: { message: string } }).error.message).toMatch(
      /"q"/,
    );
    expect(((await getValid('/api/v1/search?q=%22open', 400)).body as { error: { code: string } }).error.code).toBe(
      'invalid-query',
    );
    await getValid('/api/v1/search?q=budget&from=2016-13', 400);
    await getValid('/api/v1/search?q=budget&type=protokollet', 400);
    await getValid('/api/v1/search?q=budget&person=Ingen%20Alls', 404);
  });

  it('gives the statistics of the stats service', async () => {
    expect((await getValid('/api/v1/stats')).body).toEqual(await archiveStats(store));
    expect((await getValid('/api/v1/stats?year=2016')).body).toEqual(await archiveStats(store, { year: 2016 }));
  });
});

describe('publication', () => {
  it('leaves hidden meetings out of every list, document and search', async () => {
    const { data } = (await getValid('/api/v1/meetings?year=2016')).body as Page<{ id: string }>;
    const hidden = data[0]!.id;
    // Someone present at the hidden meeting, and the organisation they sat for.
    const present = await store.read((s) =>
      s.db
        .selectFrom('participants')
        .select(['personId', 'organisationId'])
        .where('meetingId', '=', hidden)
        .where('list', '=', 'present')
        .where('personId', 'is not', null)
        .where('organisationId', 'is not', null)
        .executeTakeFirstOrThrow(),
    );
    type Registry = {
      meetings?: number;
      memberships?: Array<{ meetings: number; firstMeetingId: string; lastMeetingId: string }>;
      representatives?: Array<{ meetings: number; firstMeetingId: string; lastMeetingId: string }>;
      attendance?: { meetingsWithAttendance: number };
    };
    const registry = async () => ({
      person: (await getValid(`/api/v1/persons/${present.personId}`)).body as Registry,
      organisation: (await getValid(`/api/v1/organisations/${present.organisationId}`)).body as Registry,
    });
    const sum = (rows: Array<{ meetings: number }> = []) => rows.reduce((n, r) => n + r.meetings, 0);
    const registryBefore = await registry();
    const before = {
      items: ((await getValid('/api/v1/items?limit=1')).body as Page<unknown>).total,
      decisions: ((await getValid('/api/v1/decisions?limit=1')).body as Page<unknown>).total,
      search: ((await getValid('/api/v1/search?q=verksamhetsplan')).body as { total: number }).total,
    };
    await store.write((s) => s.publication.set(hidden, false, 'test', NOW.toISOString()));
    try {
      expect(((await getValid('/api/v1/meetings')).body as Page<unknown>).total).toBe(4);
      await getValid(`/api/v1/meetings/${hidden}`, 404);
      await getValid(`/api/v1/meetings/${hidden}/meta`, 404);
      expect(((await getValid(`/api/v1/items?meeting=${hidden}`)).body as Page<unknown>).total).toBe(0);
      expect(((await getValid('/api/v1/items?limit=1')).body as Page<unknown>).total).toBeLessThan(before.items);
      expect(((await getValid('/api/v1/decisions?limit=1')).body as Page<unknown>).total).toBeLessThan(
        before.decisions,
      );
      const search = (await getValid('/api/v1/search?q=verksamhetsplan')).body as {
        hits: Array<{ meetingId: string }>;
      };
      expect(search.hits.map((h) => h.meetingId)).not.toContain(hidden);
      expect(before.search).toBeGreaterThan(search.hits.length);
      // The registries count published meetings only and never point at a hidden one.
      const registryAfter = await registry();
      expect(registryAfter.person.meetings).toBe(registryBefore.person.meetings! - 1);
      expect(sum(registryAfter.person.memberships)).toBe(sum(registryBefore.person.memberships) - 1);
      expect(sum(registryAfter.organisation.representatives)).toBeLessThan(
        sum(registryBefore.organisation.representatives),
      );
      expect(registryAfter.organisation.attendance!.meetingsWithAttendance).toBe(
        registryBefore.organisation.attendance!.meetingsWithAttendance - 1,
      );
      const pointers = [...registryAfter.person.memberships!, ...registryAfter.organisation.representatives!].flatMap(
        (m) => [m.firstMeetingId, m.lastMeetingId],
      );
      expect(pointers).not.toContain(hidden);
      // Someone named only at the hidden meeting is neither listed nor found.
      const only = await store.read((s) =>
        s.db
          .selectFrom('participants')
          .select('personId')
          .where('meetingId', '=', hidden)
          .where('personId', 'is not', null)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('participants as other')
                  .select('other.id')
                  .whereRef('other.personId', '=', 'participants.personId')
                  .where('other.meetingId', '<>', hidden),
              ),
            ),
          )
          .executeTakeFirstOrThrow(),
      );
      await getValid(`/api/v1/persons/${only.personId}`, 404);
      const listed = (await getValid('/api/v1/persons?limit=100')).body as Page<{ id: string }>;
      expect(listed.data.map((p) => p.id)).not.toContain(only.personId);
      // Statistics count published meetings only, like every list.
      const stats = (await getValid('/api/v1/stats')).body as { meetingsHeld: number };
      expect(stats.meetingsHeld).toBe(4);
      expect(stats).toEqual(await archiveStats(store, { publishedOnly: true }));
      expect((await archiveStats(store)).meetingsHeld).toBe(5);
    } finally {
      await store.write((s) => s.publication.set(hidden, true, 'test', NOW.toISOString()));
    }
  });
});

describe('bad requests', () => {
  it.each([
    '/api/v1/meetings?limit=0',
    '/api/v1/meetings?limit=101',
    '/api/v1/meetings?limit=abc',
    '/api/v1/meetings?limit=1.5',
    '/api/v1/meetings?offset=-1',
    '/api/v1/meetings?year=16',
    '/api/v1/meetings?from=2016-02-30x',
    '/api/v1/meetings?order=sideways',
    '/api/v1/meetings?yaer=2016',
    '/api/v1/items?meeting=nope',
    '/api/v1/organisations/o_x?year=twenty',
    '/api/v1/stats?year=%00',
  ])('%s is a 400 with a JSON error, not a crash', async (path) => {
    const reply = await getValid(path, 400);
    const { error } = reply.body as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid-input');
    expect(error.message).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it.each(['"', '(', ')(', '-', 'OR', '*', 'a*b', 'NOT', '"""', '%25', '\u0000', 'x'.repeat(501)])(
    'search for %j answers 200 or 400, never 500',
    async (q) => {
      const reply = await get(`/api/v1/search?q=${encodeURIComponent(q)}`);
      expect([200, 400]).toContain(reply.status);
    },
  );

  it('lets any site read it from a browser', async () => {
    const response = await app.request('/api/v1/meetings?limit=1', { headers: { origin: 'https://example.org' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await app.request('/api/v1/meetings', {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
  });

  it('names an unknown parameter', async () => {
    const { error } = (await get('/api/v1/meetings?yaer=2016')).body as { error: { message: string } };
    expect(error.message).toBe('Unknown query parameter "yaer".');
  });

  it('answers an unexpected failure with a bare 500 and logs it on the server', async () => {
    const logged: unknown[] = [];
    const failing = {
      store: {
        ...store,
        read: () => Promise.reject(new Error('SQLITE_IOERR at /srv/secret/archive.db')),
      } as ArchiveStore,
      search,
      clock,
      logger: { error: (entry: unknown) => logged.push(entry) } as unknown as Logger,
    };
    const broken = new Hono().route('/api/v1', apiRoutes(failing));
    const response = await broken.request('/api/v1/meetings');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'internal-error', message: 'Internal error.' } });
    expect(logged).toHaveLength(1);
  });

  it('is read-only and answers unknown paths with JSON', async () => {
    const post = await app.request('/api/v1/meetings', { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(await post.json()).toEqual({
      error: { code: 'method-not-allowed', message: 'The API is read-only: only GET is allowed.' },
    });
    const missing = await get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect((missing.body as { error: { code: string } }).error.code).toBe('not-found');
  });
});
