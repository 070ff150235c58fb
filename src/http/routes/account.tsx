import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { isAppError } from '../../domain/errors.js';
import { signIn, signOut } from '../../services/accounts.js';
import { SignInPage } from '../../web/pages/sign-in.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { clientAddress, isSecure } from '../middleware/client.js';
import { FailureLimiter } from '../middleware/rate-limit.js';
import { SESSION_COOKIE } from '../middleware/viewer.js';
import { page } from '../render.js';
import { valid } from '../validate.js';

/** Only paths of this site: "/x", never "//evil.example" or "/\\evil". */
function localPath(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}

const SignInForm = z.object({
  name: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1000),
  next: z.string().max(2000).optional(),
});

export function accountRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  // Five tries per name, thirty per address (an office behind one NAT address shares it), per 15 minutes.
  const byName = new FailureLimiter(5);
  const byAddress = new FailureLimiter(30);
  app.get('/logga-in', (c) => page(c, <SignInPage view={c.get('view')} next={localPath(c.req.query('next'))} />));

  app.post('/logga-in', async (c) => {
    const view = c.get('view');
    const form = valid(SignInForm, c.get('form'));
    const next = localPath(form.next);
    const name = [form.name.toLowerCase()];
    const address = [clientAddress(c, deps)];
    if (byName.blocked(name) || byAddress.blocked(address)) {
      return page(c, <SignInPage view={view} next={next} error="tooMany" name={form.name} />, 429);
    }
    try {
      const { token } = await signIn(deps.store, form.name, form.password, deps.clock);
      byName.reset(name);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isSecure(c, deps),
        // A browser-session cookie: the server ends the session after SESSION_HOURS whatever the browser keeps.
        path: '/',
      });
      return c.redirect(next, 303);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'unauthorized') throw error;
      byName.fail(name);
      byAddress.fail(address);
      return page(c, <SignInPage view={view} next={next} error="failed" name={form.name} />, 401);
    }
  });

  app.post('/logga-ut', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await signOut(deps.store, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/', 303);
  });
}
