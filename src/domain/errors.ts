/**
 * One error type with stable codes. Edges map a code to an exit code (CLI) or an HTTP status (web),
 * and show `message`, which is written for the person who has to act on it.
 */
export const ERROR_CODES = [
  'unreadable-file',
  'unsupported-format',
  'no-text-layer',
  'not-a-protocol',
  'encrypted-pdf',
  'corrupt-file',
  'too-large',
  'invalid-input',
  'invalid-query',
  'not-found',
  'conflict',
  'unauthorized',
  'forbidden',
  'database-error',
  'foreign-database',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** True for errors we raised on purpose; anything else is a bug and is logged with its stack. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
