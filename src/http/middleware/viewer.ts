import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { sessionUser } from '../../services/accounts.js';
import { isLang, type Lang } from '../../web/i18n/index.js';
import { makeView } from '../../web/view.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { isSecure } from './client.js';

export const SESSION_COOKIE = 'protokoll_session';
export const CSRF_COOKIE = 'protokoll_csrf';
export const LANG_COOKIE = 'protokoll_lang';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Works out who is asking and in which language: `?lang=` (remembered in a cookie), the session cookie, and the
 * CSRF token (a random cookie, echoed in every form: a page of another site can neither read nor set it).
 */
export function viewer(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const secure = isSecure(c, deps);
    const cookie = { httpOnly: true, sameSite: 'Lax', secure, path: '/' } as const;
    const asked = c.req.query('lang');
    let lang: Lang = 'sv';
    if (isLang(asked)) {
      lang = asked;
      setCookie(c, LANG_COOKIE, lang, { ...cookie, maxAge: 365 * 86_400 });
    } else {
      const remembered = getCookie(c, LANG_COOKIE);
      if (isLang(remembered)) lang = remembered;
    }
    let csrf = getCookie(c, CSRF_COOKIE);
    if (!csrf || !TOKEN.test(csrf)) {
      csrf = randomBytes(32).toString('base64url');
      setCookie(c, CSRF_COOKIE, csrf, cookie);
    }
    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? await sessionUser(deps.store, token, deps.clock) : null;
    const url = new URL(c.req.url);
    const params = new URLSearchParams(url.search);
    params.delete('lang');
    c.set('view', makeView({ lang, user, csrf, path: url.pathname, query: params.toString() }));
    await next();
  };
}
