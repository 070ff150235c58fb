import type { Hono } from 'hono';
import { z } from 'zod';
import {
  assignmentListCounts,
  assignmentListPage,
  decideLink,
  postponedPage,
  setAssignmentStatus,
} from '../../services/follow-up.js';
import {
  ASSIGNMENT_VIEWS,
  ASSIGNMENTS_PAGE_SIZE,
  type AssignmentsContent,
  AssignmentsPage,
} from '../../web/pages/assignments.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { idOf } from '../ids.js';
import { cachedRead } from '../read-cache.js';
import { page as render } from '../render.js';
import { requireEditor, valid } from '../validate.js';

const ListQuery = z.object({
  visa: z.enum(ASSIGNMENT_VIEWS).default('open'),
  sparat: z.literal('1').optional(),
  sida: z.coerce.number().int().min(1).max(100_000).default(1),
});

/** A return address inside this site ("/uppdrag?visa=open#a_…"); anything else goes to the default. */
export function backTo(value: string | undefined, fallback: string): string {
  return value && /^\/(?![/\\])[^\s]*$/.test(value) ? value : fallback;
}

function withSaved(path: string): string {
  const [base, hash] = path.split('#');
  const joined = `${base}${base!.includes('?') ? '&' : '?'}sparat=1`;
  return hash ? `${joined}#${hash}` : joined;
}

const StatusForm = z.object({
  status: z.enum(['open', 'reported', 'done', 'cancelled']),
  anteckning: z.string().trim().max(2000).optional(),
  tillbaka: z.string().max(500).optional(),
});

const LinkForm = z.object({
  beslut: z.enum(['confirmed', 'rejected']),
  tillbaka: z.string().max(500).optional(),
});

export function assignmentRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/uppdrag', async (c) => {
    const view = c.get('view');
    const query = valid(ListQuery, c.req.query());
    // The public sees only published meetings; signed-in users see all.
    const publishedOnly = !view.user;
    const page = { limit: ASSIGNMENTS_PAGE_SIZE, offset: (query.sida - 1) * ASSIGNMENTS_PAGE_SIZE, publishedOnly };
    // The counts of every view sum up the whole archive: once per data version, date and visibility.
    const key = `assignment-counts:${publishedOnly ? 'public' : 'all'}:${deps.clock().toISOString().slice(0, 10)}`;
    const counts = await cachedRead(deps.store, key, async () => ({
      ...(await assignmentListCounts(deps.store, { clock: deps.clock, publishedOnly })),
      postponed: (await postponedPage(deps.store, { ...page, limit: 0, offset: 0 })).total,
    }));
    const content: AssignmentsContent =
      query.visa === 'postponed'
        ? { kind: 'postponed', rows: (await postponedPage(deps.store, page)).rows }
        : {
            kind: 'assignments',
            rows: (await assignmentListPage(deps.store, { ...page, list: query.visa, clock: deps.clock })).rows,
          };
    return render(
      c,
      <AssignmentsPage
        view={view}
        show={query.visa}
        content={content}
        counts={counts}
        page={query.sida}
        saved={!!query.sparat}
      />,
    );
  });

  app.post('/uppdrag/:id/status', async (c) => {
    const user = requireEditor(c.get('view'));
    const id = valid(idOf('a'), c.req.param('id'));
    const form = valid(StatusForm, c.get('form'));
    await setAssignmentStatus(deps.store, id, form.status, {
      note: form.anteckning || null,
      actor: user.name,
      clock: deps.clock,
    });
    return c.redirect(withSaved(`${backTo(form.tillbaka, '/uppdrag').split('#')[0]}#${id}`), 303);
  });

  app.post('/uppfoljning/:id', async (c) => {
    const user = requireEditor(c.get('view'));
    const id = valid(idOf('l'), c.req.param('id'));
    const form = valid(LinkForm, c.get('form'));
    await decideLink(deps.store, id, form.beslut, { actor: user.name, clock: deps.clock });
    return c.redirect(withSaved(backTo(form.tillbaka, '/uppdrag')), 303);
  });
}
