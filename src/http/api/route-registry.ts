import type { Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import {
  ApiErrorSchema,
  apiErrorResponse,
  ERROR_STATUSES,
  type ErrorLog,
  type ErrorStatus,
  errorResponse,
} from './api-errors.js';

/*
 * One registry for the API: each route is declared once with its parameter, query and response schemas; the same
 * declaration validates requests (and types the handler) and is emitted as OpenAPI 3.1. Response schemas are
 * named components, converted with zod's own JSON Schema generator (draft 2020-12, the dialect of OpenAPI 3.1).
 */

type ObjectSchema = z.ZodObject<z.ZodRawShape>;
type EmptyObject = z.ZodObject<Record<never, z.ZodType>>;

export interface HandlerInput<P extends ObjectSchema, Q extends ObjectSchema> {
  params: z.output<P>;
  query: z.output<Q>;
  c: Context;
  /** Where the API is mounted ("/api/v1"), for links. */
  base: string;
}

export interface RouteSpec<P extends ObjectSchema, Q extends ObjectSchema, R extends z.ZodType> {
  /** OpenAPI style: `/meetings/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  params?: P;
  query?: Q;
  /** The 200 response; must be registered with `component`. */
  response: R;
  /** Error statuses besides 400 (always possible with parameters) and 500. */
  errors?: readonly ErrorStatus[];
  /**
   * Returns the response value, or a ready Response when the bytes are served as stored (the protocol document).
   * The value is not checked at run time (the tests validate real responses against the emitted schemas).
   */
  handler: (input: HandlerInput<P, Q>) => Promise<z.input<R> | Response>;
}

interface RegisteredRoute {
  method: 'get';
  path: string;
  honoPath: string;
  operation: Record<string, unknown>;
  run: (c: Context) => Promise<Response>;
}

type OperationFields = 'operationId' | 'summary' | 'description' | 'tags' | 'errors';

export interface ComponentMeta {
  id: string;
  description?: string;
}

/** `{ id }` → `:id` */
function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** A query parameter that may be repeated (`?type=item&type=decision`) is declared as an array. */
function isArray(schema: z.ZodType): boolean {
  let current: z.core.$ZodType = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType };
    if (def.type === 'array') return true;
    if (!def.innerType) return false;
    current = def.innerType;
  }
}

function describeIssue(where: 'path' | 'query', issue: z.core.$ZodIssue): string {
  const name = issue.path.length > 0 ? issue.path.map(String).join('.') : '';
  if (issue.code === 'unrecognized_keys') {
    return `Unknown ${where} parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}.`;
  }
  return `${where === 'path' ? 'Path' : 'Query'} parameter "${name}": ${issue.message}.`;
}

function stripDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

export class ApiRegistry {
  private readonly components = z.registry<ComponentMeta>();
  private readonly routes: RegisteredRoute[] = [];

  constructor(private readonly log: ErrorLog) {
    this.component('Error', ApiErrorSchema, 'Every error: a stable code and a message a person can act on.');
  }

  /** Names a schema so the OpenAPI document refers to it as `#/components/schemas/<id>`. */
  component<T extends z.ZodType>(id: string, schema: T, description?: string): T {
    this.components.add(schema, description ? { id, description } : { id });
    return schema;
  }

  /** Declares a GET route: validation, handler and OpenAPI operation in one place. */
  get<R extends z.ZodType, P extends ObjectSchema = EmptyObject, Q extends ObjectSchema = EmptyObject>(
    spec: RouteSpec<P, Q, R>,
  ): void {
    const response = this.components.get(spec.response);
    if (!response) throw new Error(`${spec.operationId}: register its response schema as a component first`);
    const pattern = honoPath(spec.path);
    const params = (spec.params ?? z.object({})).strict();
    const query = (spec.query ?? z.object({})).strict();
    const arrays = new Set(Object.entries(query.shape).flatMap(([k, s]) => (isArray(s as z.ZodType) ? [k] : [])));

    const run = async (c: Context): Promise<Response> => {
      const parsedParams = params.safeParse(c.req.param());
      if (!parsedParams.success) {
        return errorResponse(c, 400, 'invalid-input', describeIssue('path', parsedParams.error.issues[0]!));
      }
      const raw: Record<string, string | string[]> = {};
      for (const [key, values] of Object.entries(c.req.queries())) {
        raw[key] = arrays.has(key) ? values : values[0]!;
      }
      const parsedQuery = query.safeParse(raw);
      if (!parsedQuery.success) {
        return errorResponse(c, 400, 'invalid-input', describeIssue('query', parsedQuery.error.issues[0]!));
      }
      const routePath = c.req.routePath;
      const base = routePath.endsWith(pattern) ? routePath.slice(0, routePath.length - pattern.length) : '';
      try {
        const result = await spec.handler({
          params: parsedParams.data as z.output<P>,
          query: parsedQuery.data as z.output<Q>,
          c,
          base,
        });
        return result instanceof Response ? result : c.json(result as object, 200);
      } catch (error) {
        return apiErrorResponse(c, error, this.log);
      }
    };

    this.routes.push({
      method: 'get',
      path: spec.path,
      honoPath: pattern,
      operation: this.operation(spec, params, query, response.id),
      run,
    });
  }

  private operation(
    spec: Pick<RouteSpec<ObjectSchema, ObjectSchema, z.ZodType>, OperationFields>,
    params: ObjectSchema,
    query: ObjectSchema,
    responseId: string,
  ): Record<string, unknown> {
    const parameters = [
      ...Object.entries(params.shape).map(([name, schema]) => this.parameter(name, 'path', schema as z.ZodType)),
      ...Object.entries(query.shape).map(([name, schema]) => this.parameter(name, 'query', schema as z.ZodType)),
    ];
    const errorRef = { $ref: '#/components/schemas/Error' };
    const statuses = new Set<ErrorStatus>([...(parameters.length > 0 ? [400 as const] : []), ...(spec.errors ?? [])]);
    statuses.add(500);
    const responses: Record<string, unknown> = {
      200: {
        description: 'OK',
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${responseId}` } } },
      },
    };
    for (const status of [...statuses].sort()) {
      responses[status] = {
        description: ERROR_STATUSES[status],
        content: { 'application/json': { schema: errorRef } },
      };
    }
    return {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [...spec.tags],
      ...(parameters.length > 0 ? { parameters } : {}),
      responses,
    };
  }

  private parameter(name: string, where: 'path' | 'query', schema: z.ZodType): Record<string, unknown> {
    const json = stripDialect(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }));
    const { description, ...rest } = json;
    return {
      name,
      in: where,
      required: where === 'path' || !schema.safeParse(undefined).success,
      ...(description ? { description } : {}),
      ...(isArray(schema) ? { style: 'form', explode: true } : {}),
      schema: rest,
    };
  }

  /** Installs every route on `app`; anything else under it answers with a JSON 404 or 405. */
  mount(app: Hono): void {
    // Open data: any site may read it from a browser (no credentials are ever honoured).
    app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));
    for (const route of this.routes) app.get(route.honoPath, route.run);
    app.all('*', (c) =>
      c.req.method === 'GET' || c.req.method === 'HEAD'
        ? errorResponse(c, 404, 'not-found', `No API resource at ${c.req.path}. See openapi.json.`)
        : errorResponse(c, 405, 'method-not-allowed', 'The API is read-only: only GET is allowed.'),
    );
    app.onError((error, c) => apiErrorResponse(c, error, this.log));
  }

  /** The routes as OpenAPI paths, for tests that compare the router with the document. */
  routeList(): ReadonlyArray<{ method: 'get'; path: string; honoPath: string }> {
    return this.routes.map(({ method, path, honoPath }) => ({ method, path, honoPath }));
  }

  /** The OpenAPI 3.1 document of every declared route and component. */
  openApi(info: { title: string; version: string; description?: string; serverUrl: string }): OpenApiDocument {
    const { schemas } = z.toJSONSchema(this.components, {
      target: 'draft-2020-12',
      metadata: this.components,
      uri: (id) => `#/components/schemas/${id}`,
    });
    const paths: Record<string, Record<string, unknown>> = {};
    for (const route of this.routes) paths[route.path] = { ...paths[route.path], [route.method]: route.operation };
    const tags = [...new Set(this.routes.flatMap((r) => r.operation.tags as string[]))].map((name) => ({ name }));
    return {
      openapi: '3.1.0',
      info: {
        title: info.title,
        version: info.version,
        ...(info.description ? { description: info.description } : {}),
      },
      jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
      servers: [{ url: info.serverUrl || '/' }],
      tags,
      paths,
      components: {
        schemas: Object.fromEntries(
          Object.entries(schemas).map(([id, schema]) => [id, stripDialect(schema as Record<string, unknown>)]),
        ),
      },
    };
  }
}

/** A type alias, not an interface, so that it is assignable to the open `OpenApiDocument` response schema. */
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  jsonSchemaDialect: string;
  servers: Array<{ url: string }>;
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};
