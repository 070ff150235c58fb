import { Hono } from 'hono';
import { z } from 'zod';
import { DECISION_KINDS, ProtocolDocumentSchema } from '../../domain/document.js';
import { AppError } from '../../domain/errors.js';
import { searchArchive } from '../../services/search-archive.js';
import { archiveStats } from '../../services/stats.js';
import type { AppDeps } from '../deps.js';
import { cachedRead } from '../read-cache.js';
import { resolveScope } from './meeting-scope.js';
import { page } from './pagination.js';
import { assignmentPage } from './read-assignments.js';
import {
  decisionPage,
  itemDetailBase,
  itemPage,
  meetingDocumentJson,
  meetingMeta,
  meetingPage,
} from './read-meetings.js';
import { organisationDetail, organisationPage, personDetail, personPage } from './read-registry.js';
import { ApiRegistry, type OpenApiDocument } from './route-registry.js';
import {
  API_COMPONENTS,
  ASSIGNMENT_STATUSES,
  AssignmentPageSchema,
  bodyParam,
  booleanParam,
  DecisionPageSchema,
  DecisionSummarySchema,
  dateBoundParam,
  ItemDetailSchema,
  ItemPageSchema,
  idParam,
  MAX_PAGE,
  MeetingMetaSchema,
  MeetingPageSchema,
  OpenApiSchema,
  OrganisationDetailSchema,
  OrganisationPageSchema,
  orderParam,
  PersonDetailSchema,
  PersonPageSchema,
  pageParams,
  SearchResultSchema,
  StatsSchema,
  yearParam,
} from './schemas.js';

const API_VERSION = '1.0.0';

/** Filters shared by every list of things that happened at meetings. */
const meetingFilters = {
  year: yearParam.optional(),
  body: bodyParam.optional(),
  from: dateBoundParam('from').optional(),
  to: dateBoundParam('to').optional(),
};
const inMeeting = { meeting: idParam('m', 'meeting').shape.id.optional().describe('Only this meeting') };
const listParams = { ...pageParams, order: orderParam };

/**
 * The read-only JSON API (mounted at `/api/v1`): meetings with their `protokoll/1` documents, items, decisions,
 * assignments, persons, organisations, search and statistics, and the OpenAPI 3.1 document of all of it at
 * `/openapi.json`, generated from the same declarations that validate each request.
 */
export function apiRoutes(deps: AppDeps): Hono {
  const { store, search, clock, logger } = deps;
  const api = new ApiRegistry((error, c) =>
    logger?.error({ err: error, path: c.req.path, method: c.req.method }, 'api request failed'),
  );
  const openApiByBase = new Map<string, OpenApiDocument>();
  for (const [id, schema, description] of API_COMPONENTS) api.component(id, schema, description);

  api.get({
    path: '/meetings',
    operationId: 'listMeetings',
    summary: 'Meetings',
    description: 'Published meetings, newest first, with counts. Each links to its protokoll/1 document.',
    tags: ['meetings'],
    query: z.object({ ...meetingFilters, ...listParams }),
    response: MeetingPageSchema,
    handler: ({ query, c, base }) =>
      store.read(async (session) => {
        const scope = await resolveScope(session, query);
        const { rows, total } = await meetingPage(session, scope, { ...query, cache: store }, base);
        return page(c, rows, total, query.limit, query.offset);
      }),
  });

  api.get({
    path: '/meetings/{id}',
    operationId: 'getMeetingDocument',
    summary: 'A meeting as its protokoll/1 document',
    description:
      'The protocol exactly as read and stored, in the public protokoll/1 format (validated against its schema). ' +
      'What the archive adds (ids, counts, source files, flags) is at /meetings/{id}/meta.',
    tags: ['meetings'],
    params: idParam('m', 'meeting'),
    response: ProtocolDocumentSchema,
    errors: [404],
    handler: async ({ params, c }) => {
      const json = await store.read((session) => meetingDocumentJson(session, params.id));
      return c.body(json, 200, { 'content-type': 'application/json; charset=UTF-8' });
    },
  });

  api.get({
    path: '/meetings/{id}/meta',
    operationId: 'getMeetingMeta',
    summary: "A meeting's archive record",
    tags: ['meetings'],
    params: idParam('m', 'meeting'),
    response: MeetingMetaSchema,
    errors: [404],
    handler: ({ params, base }) => store.read((session) => meetingMeta(session, params.id, base)),
  });

  api.get({
    path: '/items',
    operationId: 'listItems',
    summary: 'Agenda items',
    tags: ['items'],
    query: z.object({
      ...meetingFilters,
      ...inMeeting,
      referred: booleanParam('Only items postponed or sent on (true), or only the others (false)').optional(),
      ...listParams,
    }),
    response: ItemPageSchema,
    handler: ({ query, c, base }) =>
      store.read(async (session) => {
        const scope = await resolveScope(session, query);
        const filter = query.referred === undefined ? {} : { referred: query.referred };
        const { rows, total } = await itemPage(session, scope, filter, { ...query, cache: store }, base);
        return page(c, rows, total, query.limit, query.offset);
      }),
  });

  api.get({
    path: '/items/{id}',
    operationId: 'getItem',
    summary: 'An agenda item with its decisions and their assignments',
    tags: ['items'],
    params: idParam('i', 'item'),
    response: ItemDetailSchema,
    errors: [404],
    handler: ({ params, base }) =>
      store.read(async (session) => {
        const item = await itemDetailBase(session, params.id, base);
        const scope = await resolveScope(session, { meeting: item.meetingId });
        const decisions = await decisionPage(
          session,
          scope,
          { itemId: item.id },
          { limit: MAX_PAGE * 10, offset: 0, order: 'asc' },
          base,
        );
        const { rows: assignments } = await assignmentPage(
          session,
          scope,
          { itemId: item.id },
          { offset: 0, order: 'asc' },
          clock,
          base,
        );
        return {
          ...item,
          decisions: decisions.rows.map((d) => ({
            id: d.id,
            kind: d.kind,
            text: d.text,
            assignments: assignments
              .filter((a) => a.decisionId === d.id)
              .map((a) => ({
                id: a.id,
                assignees: a.assignees.map((x) => x.name),
                task: a.task,
                due: a.due,
                dueText: a.dueText,
                status: a.status,
                overdue: a.overdue,
              })),
          })),
        };
      }),
  });

  api.get({
    path: '/decisions',
    operationId: 'listDecisions',
    summary: 'Decisions',
    tags: ['decisions'],
    query: z.object({
      ...meetingFilters,
      ...inMeeting,
      kind: z.enum(DECISION_KINDS).optional().describe('Only decisions of this kind'),
      organisation: z
        .string()
        .min(1)
        .optional()
        .describe(
          'Organisation by id (o_…) or name: decisions of its meetings (the protocol names it as organiser) or ' +
            'that give it an assignment',
        ),
      ...listParams,
    }),
    response: DecisionPageSchema,
    handler: ({ query, c, base }) =>
      store.read(async (session) => {
        const scope = await resolveScope(session, query);
        const filter = {
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.organisation ? { organisation: query.organisation } : {}),
        };
        const { rows, total } = await decisionPage(session, scope, filter, { ...query, cache: store }, base);
        return page(c, rows, total, query.limit, query.offset);
      }),
  });

  api.get({
    path: '/decisions/{id}',
    operationId: 'getDecision',
    summary: 'A decision',
    tags: ['decisions'],
    params: idParam('d', 'decision'),
    response: DecisionSummarySchema,
    errors: [404],
    handler: ({ params, base }) =>
      store.read(async (session) => {
        const meeting = await session.meetings.meetingOf(params.id);
        if (!meeting) throw new AppError('not-found', `No decision ${params.id}.`);
        const { rows } = await decisionPage(
          session,
          await resolveScope(session, { meeting }),
          { decisionId: params.id },
          { limit: 1, offset: 0, order: 'asc' },
          base,
        );
        if (!rows[0]) throw new AppError('not-found', `No decision ${params.id}.`);
        return rows[0];
      }),
  });

  api.get({
    path: '/assignments',
    operationId: 'listAssignments',
    summary: 'Assignments (uppdrag) with their follow-up status',
    description:
      'Status is the manual state if one was set, else "reported" when a report-back was confirmed, else "open". ' +
      "Overdue: open and past the due date (a month's end when only the month is known), by the server's clock.",
    tags: ['assignments'],
    query: z.object({
      ...meetingFilters,
      ...inMeeting,
      status: z.array(z.enum(ASSIGNMENT_STATUSES)).optional().describe('Only these statuses (repeatable)'),
      open: booleanParam('Only open assignments (status=open)').optional(),
      done: booleanParam('Only assignments marked done (status=done)').optional(),
      overdue: booleanParam('Only overdue assignments (true) or only the others (false)').optional(),
      assignee: z
        .string()
        .min(1)
        .optional()
        .describe('Part of the name of the assignee, as written, or of the person or organisation behind it'),
      ...listParams,
    }),
    response: AssignmentPageSchema,
    handler: ({ query, c, base }) =>
      store.read(async (session) => {
        const scope = await resolveScope(session, query);
        const statuses = new Set(query.status ?? ASSIGNMENT_STATUSES);
        if (query.open) for (const s of statuses) if (s !== 'open') statuses.delete(s);
        if (query.done) for (const s of statuses) if (s !== 'done') statuses.delete(s);
        const filter = {
          ...(query.status || query.open || query.done ? { statuses: [...statuses] } : {}),
          ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
          ...(query.assignee ? { assignee: query.assignee } : {}),
        };
        const { rows, total } = await assignmentPage(session, scope, filter, { ...query, cache: store }, clock, base);
        return page(c, rows, total, query.limit, query.offset);
      }),
  });

  api.get({
    path: '/persons',
    operationId: 'listPersons',
    summary: 'Persons of the registry',
    tags: ['registry'],
    query: z.object({ q: z.string().min(1).optional().describe('Part of the name'), ...pageParams }),
    response: PersonPageSchema,
    handler: ({ query, c, base }) =>
      store.read(async (session) => {
        const { rows, total } = await personPage(session, query.q ? { q: query.q } : {}, query, base);
        return page(c, rows, total, query.limit, query.offset);
      }),
  });

  api.get({
    path: '/persons/{id}',
    operationId: 'getPerson',
    summary: 'A person with spellings and memberships over time',
    tags: ['registry'],
    params: idParam('p', 'person'),
    response: PersonDetailSchema,
    errors: [404],
    handler: ({ params, base }) => store.read((session) => personDetail(session, params.id, base)),
  });

  api.get({
    path: '/organisations',
    operationId: 'listOrganisations',
    summary: 'Organisations of the registry',
    tags: ['registry'],
    query: z.object({
      q: z.string().min(1).optional().describe('Part of the name'),
      kind: z.string().min(1).optional().describe('Only this kind (municipality, secretariat, …)'),
      ...pageParams,
    }),
    response: OrganisationPageSchema,
    handler: ({ query, c, base }) =>
      store.read(async (session) => {
        const filter = { ...(query.q ? { q: query.q } : {}), ...(query.kind ? { kind: query.kind } : {}) };
        const { rows, total } = await organisationPage(session, filter, query, base);
        return page(c, rows, total, query.limit, query.offset);
      }),
  });

  api.get({
    path: '/organisations/{id}',
    operationId: 'getOrganisation',
    summary: 'An organisation with its representatives over time and its attendance rate',
    tags: ['registry'],
    params: idParam('o', 'organisation'),
    query: z.object({ year: yearParam.optional().describe('Attendance of this year only') }),
    response: OrganisationDetailSchema,
    errors: [404],
    handler: ({ params, query, base }) =>
      store.read((session) => organisationDetail(session, params.id, query.year, base)),
  });

  api.get({
    path: '/search',
    operationId: 'search',
    summary: 'Full-text search over items, decisions, meetings and persons',
    description:
      'The parameters of `protokoll search`. Query syntax: words (all must occur), "phrases", prefix*, OR, NOT or ' +
      '-word, (parentheses); Swedish stemming and compound splitting.',
    tags: ['search'],
    query: z.object({
      q: z.string().trim().min(1).max(500).describe('The query'),
      body: bodyParam.optional(),
      from: dateBoundParam('from').optional(),
      to: dateBoundParam('to').optional(),
      person: z.string().min(1).optional().describe('Person by id or name: what they took part in or were given'),
      org: z.string().min(1).optional().describe('Organisation by id or name'),
      kind: z.string().min(1).optional().describe('Decision kind, English or Swedish (uppdrag, godkännande, …)'),
      type: z
        .array(z.string().min(1))
        .optional()
        .describe('Result types: item, decision, meeting, person or ärende, beslut, möte (repeatable or a,b)'),
      open: booleanParam('Only results with an open assignment').optional(),
      timeline: booleanParam('Also group the best hits by year').optional(),
      perYear: z.coerce.number().int().min(1).max(MAX_PAGE).optional().describe('Hits per year in the timeline'),
      ...pageParams,
    }),
    response: SearchResultSchema,
    errors: [404],
    handler: async ({ query, c }) => {
      const result = await searchArchive(store, search, {
        query: query.q,
        publishedOnly: true,
        limit: query.limit,
        offset: query.offset,
        ...(query.type ? { types: query.type } : {}),
        ...(query.body !== undefined ? { body: query.body } : {}),
        ...(query.from !== undefined ? { from: query.from } : {}),
        ...(query.to !== undefined ? { to: query.to } : {}),
        ...(query.person !== undefined ? { person: query.person } : {}),
        ...(query.org !== undefined ? { organisation: query.org } : {}),
        ...(query.kind !== undefined ? { kind: query.kind } : {}),
        ...(query.open ? { open: true } : {}),
        ...(query.timeline ? { timeline: true } : {}),
        ...(query.perYear !== undefined ? { perYear: query.perYear } : {}),
      });
      const { links } = page(c, [], result.total, result.limit, result.offset);
      return { ...result, links };
    },
  });

  api.get({
    path: '/stats',
    operationId: 'getStats',
    summary: 'Meetings held, items, decisions by kind, attendance per municipality and person',
    description: 'Counts over published meetings, like every other list of the API.',
    tags: ['stats'],
    query: z.object({ year: yearParam.optional().describe('One year only') }),
    response: StatsSchema,
    handler: ({ query }) =>
      cachedRead(store, `stats:public:${query.year ?? ''}`, () =>
        archiveStats(store, { publishedOnly: true, ...(query.year === undefined ? {} : { year: query.year }) }),
      ),
  });

  api.get({
    path: '/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This API as OpenAPI 3.1',
    tags: ['meta'],
    response: OpenApiSchema,
    handler: async ({ base }) => {
      let document = openApiByBase.get(base);
      if (!document) {
        document = api.openApi({
          title: 'protokoll API',
          version: API_VERSION,
          description:
            'Read-only open data from the meeting protocols of Swedish public bodies. Errors are ' +
            '{ "error": { "code", "message" } }; lists are pages with total and next/prev links.',
          serverUrl: base,
        });
        openApiByBase.set(base, document);
      }
      return document;
    },
  });

  const app = new Hono();
  api.mount(app);
  return app;
}
