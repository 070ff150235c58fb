import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../domain/errors.js';

/** HTTP status for each AppError code: the person's input is wrong (4xx) or the server is (5xx). */
export const STATUS_OF: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  'unreadable-file': 422,
  'unsupported-format': 415,
  'no-text-layer': 422,
  'not-a-protocol': 422,
  'encrypted-pdf': 422,
  'corrupt-file': 422,
  'too-large': 413,
  'invalid-input': 400,
  'invalid-query': 400,
  'not-found': 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  'database-error': 503,
  'foreign-database': 503,
};

/** Codes whose message is written for the person who sent the request (and reveals nothing internal). */
export const SHOW_MESSAGE: ReadonlySet<ErrorCode> = new Set([
  'unreadable-file',
  'unsupported-format',
  'no-text-layer',
  'not-a-protocol',
  'encrypted-pdf',
  'corrupt-file',
  'too-large',
  'invalid-input',
  'invalid-query',
]);
