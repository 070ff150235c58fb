import type { Hono } from 'hono';
import { dashboard } from '../../services/dashboard.js';
import { HomePage } from '../../web/pages/home.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { page } from '../render.js';
import { hiddenFor } from '../visible.js';

export function homeRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/', async (c) => {
    const view = c.get('view');
    const data = await dashboard(deps.store, { clock: deps.clock, hidden: await hiddenFor(deps, view) });
    return page(c, <HomePage view={view} data={data} />);
  });
}
