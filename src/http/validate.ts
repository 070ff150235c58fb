import type { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { SignedInUser } from '../services/accounts.js';
import type { View } from '../web/view.js';

/** Validates query or form values with a zod schema; anything malformed is the sender's error (400). */
export function valid<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid-input', `${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The signed-in user, or 401. */
export function requireUser(view: View): SignedInUser {
  if (!view.user) throw new AppError('unauthorized', 'Sign in first.');
  return view.user;
}

/** A secretary or admin, or 401/403. */
export function requireEditor(view: View): SignedInUser {
  const user = requireUser(view);
  if (!view.editor) throw new AppError('forbidden', 'Only the secretariat may do this.');
  return user;
}
