import { Hono } from 'hono';
import { ASSETS } from '../../web/assets/index.js';

/** Static files from a fixed in-memory map: a name is looked up, never joined to a path, so nothing can escape. */
export function assetRoutes(): Hono {
  const app = new Hono();
  app.get('/:name', (c) => {
    const asset = ASSETS.get(c.req.param('name'));
    if (!asset) return c.text('Not found', 404);
    return c.body(asset.body, 200, {
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });
  return app;
}
