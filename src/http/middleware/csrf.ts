import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../../domain/errors.js';
import type { AppEnv } from '../env.js';
import { CSRF_COOKIE } from './viewer.js';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every state-changing request of the pages must carry the form field `_csrf` equal to the CSRF cookie, and, when
 * the browser says where it comes from, come from this origin. Parses the form once and hands it to the route.
 */
export function csrfCheck(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    const origin = c.req.header('origin');
    if (origin && origin !== new URL(c.req.url).origin) {
      throw new AppError('forbidden', 'Cross-origin form post refused.', { csrf: true });
    }
    const type = c.req.header('content-type') ?? '';
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
      throw new AppError('invalid-input', 'Forms must be sent as application/x-www-form-urlencoded or multipart.');
    }
    let form: Record<string, string | File | (string | File)[]>;
    try {
      form = await c.req.parseBody({ all: true });
    } catch {
      throw new AppError('invalid-input', 'The form could not be read.');
    }
    const sent = form._csrf;
    const expected = getCookie(c, CSRF_COOKIE);
    if (typeof sent !== 'string' || !expected || !same(sent, expected)) {
      throw new AppError('forbidden', 'Missing or wrong CSRF token.', { csrf: true });
    }
    c.set('form', form);
    await next();
  };
}
