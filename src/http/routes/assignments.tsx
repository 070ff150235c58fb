import type { Hono } from 'hono';
import { z } from 'zod';
import { decideLink, listAssignments, setAssignmentStatus } from '../../services/follow-up.js';
import { ASSIGNMENT_VIEWS, AssignmentsPage } from '../../web/pages/assignments.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { idOf } from '../ids.js';
import { page } from '../render.js';
import { requireEditor, valid } from '../validate.js';
import { hiddenFor } from '../visible.js';

const ListQuery = z.object({
  visa: z.enum(ASSIGNMENT_VIEWS).default('open'),
  sparat: z.literal('1').optional(),
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
    const hidden = await hiddenFor(deps, view);
    const all = (await listAssignments(deps.store, {}, deps.clock)).filter((a) => !hidden.has(a.meetingId));
    const shown = all
      .filter((a) =>
        query.visa === 'open'
          ? a.status === 'open'
          : query.visa === 'overdue'
            ? a.overdue
            : query.visa === 'done'
              ? a.status === 'done' || a.status === 'reported'
              : true,
      )
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
    return page(c, <AssignmentsPage view={view} show={query.visa} assignments={shown} saved={!!query.sparat} />);
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
