import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { type ErrorCode, isAppError } from '../../domain/errors.js';

/** The only error body the API sends: a stable code to branch on and a message a person can act on. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string().describe('invalid-input, invalid-query, not-found, method-not-allowed, internal-error, …'),
    message: z.string(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorSchema>;

const STATUS: Readonly<Partial<Record<ErrorCode, ContentfulStatusCode>>> = {
  'invalid-input': 400,
  'invalid-query': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
};

/** Every status the API documents for errors, with what it means. */
export const ERROR_STATUSES = {
  400: 'Invalid parameters or query',
  404: 'No such resource (or not published)',
  405: 'The API is read-only',
  500: 'Internal error',
} as const;
export type ErrorStatus = keyof typeof ERROR_STATUSES;

/** Writes `{ error: { code, message } }` with the given status. */
export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string): Response {
  return c.json({ error: { code, message } } satisfies ApiErrorBody, status);
}

/** Where errors that are not the caller's fault go, with their stack (the server log, never the response). */
export type ErrorLog = (error: unknown, c: Context) => void;

/**
 * Maps an AppError to its status and message; anything else is a bug: logged with its stack on the server,
 * answered with a bare 500 so no internals (paths, SQL, stack) reach the caller.
 */
export function apiErrorResponse(c: Context, error: unknown, log: ErrorLog): Response {
  if (isAppError(error)) {
    const status = STATUS[error.code] ?? 500;
    if (status === 500) log(error, c);
    return errorResponse(c, status, error.code, status === 500 ? 'Internal error.' : error.message);
  }
  log(error, c);
  return errorResponse(c, 500, 'internal-error', 'Internal error.');
}
