import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import pino from 'pino';
import { isAppError } from '../domain/errors.js';
import { MAX_UPLOAD_BYTES } from '../services/import-upload.js';
import { ErrorPage } from '../web/pages/error-page.js';
import { makeView } from '../web/view.js';
import { apiRoutes } from './api/routes.js';
import type { AppDeps } from './deps.js';
import type { AppEnv } from './env.js';
import { SHOW_MESSAGE, STATUS_OF } from './errors.js';
import { csrfCheck } from './middleware/csrf.js';
import { securityHeaders } from './middleware/security-headers.js';
import { viewer } from './middleware/viewer.js';
import { page } from './render.js';
import { accountRoutes } from './routes/account.js';
import { assetRoutes } from './routes/assets.js';
import { assignmentRoutes } from './routes/assignments.js';
import { decisionRoutes } from './routes/decisions.js';
import { homeRoutes } from './routes/home.js';
import { importRoutes } from './routes/import.js';
import { meetingRoutes } from './routes/meetings.js';
import { peopleRoutes } from './routes/people.js';
import { reviewRoutes } from './routes/review.js';
import { searchRoutes } from './routes/search.js';
import { statsRoutes } from './routes/stats.js';

const FORM_LIMIT = 256 * 1024;

/**
 * The web application: security headers, viewer (language, session, CSRF token), CSRF check and body limits, the
 * pages, the JSON API under /api/v1, and one error handler that maps AppError codes to statuses and a page.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const logger = deps.logger ?? pino({ level: 'silent' });
  const app = new Hono<AppEnv>();
  app.use(securityHeaders());
  app.route('/api/v1', apiRoutes(deps));
  app.route('/assets', assetRoutes());
  app.use(viewer(deps));
  const tooLarge = () => {
    throw new HTTPException(413);
  };
  app.post('/import', bodyLimit({ maxSize: MAX_UPLOAD_BYTES + 64 * 1024, onError: tooLarge }));
  app.use('*', async (c, next) => {
    if (c.req.method === 'POST' && c.req.path === '/import') return next();
    return bodyLimit({ maxSize: FORM_LIMIT, onError: tooLarge })(c, next);
  });
  app.use(csrfCheck());
  homeRoutes(app, deps);
  meetingRoutes(app, deps);
  searchRoutes(app, deps);
  decisionRoutes(app, deps);
  assignmentRoutes(app, deps);
  peopleRoutes(app, deps);
  statsRoutes(app, deps);
  importRoutes(app, deps);
  reviewRoutes(app, deps);
  accountRoutes(app, deps);

  app.notFound((c) => {
    const view = c.get('view') ?? makeView({ lang: 'sv', user: null, csrf: '', path: c.req.path, query: '' });
    return page(c, <ErrorPage view={view} status={404} />, 404);
  });
  app.onError((error, c) => {
    let status: ContentfulStatusCode = 500;
    let detail: string | null = null;
    let csrf = false;
    if (isAppError(error)) {
      status = STATUS_OF[error.code];
      detail = SHOW_MESSAGE.has(error.code) ? error.message : null;
      csrf = error.details.csrf === true;
    } else if (error instanceof HTTPException) {
      status = error.status as ContentfulStatusCode;
    }
    if (status >= 500) logger.error({ err: error, path: c.req.path, method: c.req.method }, 'request failed');
    else logger.info({ path: c.req.path, status, code: isAppError(error) ? error.code : null }, 'request refused');
    if (c.req.path.startsWith('/api/')) {
      return c.json({ error: { code: isAppError(error) ? error.code : 'internal-error', message: detail } }, status);
    }
    const view = c.get('view') ?? makeView({ lang: 'sv', user: null, csrf: '', path: c.req.path, query: '' });
    return page(c, <ErrorPage view={view} status={status} csrf={csrf} detail={detail} />, status);
  });
  return app;
}
