import type { Hono } from 'hono';
import { dashboard } from '../../services/dashboard.js';
import { HomePage } from '../../web/pages/home.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { cachedRead } from '../read-cache.js';
import { cachedPage } from '../render.js';

export function homeRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/', async (c) => {
    const view = c.get('view');
    // The totals sum up the whole archive: computed once per data version, date and visibility.
    const key = `dashboard:${view.user ? 'all' : 'public'}:${deps.clock().toISOString().slice(0, 10)}`;
    const load = () =>
      cachedRead(deps.store, key, () => dashboard(deps.store, { clock: deps.clock, publishedOnly: !view.user }));
    return cachedPage(c, deps.store, key, '', async () => <HomePage view={view} data={await load()} />);
  });
}
