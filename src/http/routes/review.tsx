import type { Hono } from 'hono';
import { z } from 'zod';
import { setPublished } from '../../services/publication.js';
import { applyReview, reviewData } from '../../services/review.js';
import { ReviewPage } from '../../web/pages/review.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { idOf } from '../ids.js';
import { page } from '../render.js';
import { requireEditor, valid } from '../validate.js';

const text = z.string().max(20_000).optional();
const ReviewForm = z.object({
  target: z.string().regex(/^(m|pa|i|d|a)_[0-9a-f]{20}$/),
  number: text,
  place: text,
  organization: text,
  startTime: text,
  endTime: text,
  list: text,
  role: text,
  fromTime: text,
  toTime: text,
  title: text,
  text,
  kind: text,
  task: text,
  due: text,
  dueText: text,
});

export function reviewRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/granska/:id', async (c) => {
    const view = c.get('view');
    requireEditor(view);
    const id = valid(idOf('m'), c.req.param('id'));
    const data = await reviewData(deps.store, id);
    return page(c, <ReviewPage view={view} data={data} saved={c.req.query('sparat') === '1'} />);
  });

  app.post('/granska/:id/ratta', async (c) => {
    const user = requireEditor(c.get('view'));
    const id = valid(idOf('m'), c.req.param('id'));
    const { target, ...values } = valid(ReviewForm, c.get('form'));
    const fields = Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined));
    await applyReview(deps.store, id, target, fields, { actor: user.name, clock: deps.clock });
    return c.redirect(`/granska/${id}?sparat=1#${target}`, 303);
  });

  app.post('/granska/:id/publicering', async (c) => {
    const user = requireEditor(c.get('view'));
    const id = valid(idOf('m'), c.req.param('id'));
    const { publicerad } = valid(z.object({ publicerad: z.enum(['0', '1']) }), c.get('form'));
    await setPublished(deps.store, id, publicerad === '1', { actor: user.name, clock: deps.clock });
    return c.redirect(`/granska/${id}?sparat=1`, 303);
  });
}
