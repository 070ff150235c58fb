import type { Hono } from 'hono';
import { z } from 'zod';
import { DECISION_KINDS } from '../../domain/document.js';
import { decisionRegister } from '../../services/decision-register.js';
import { DecisionsPage, type RegisterForm } from '../../web/pages/decisions.js';
import { sendCsv } from '../csv.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { idOf } from '../ids.js';
import { page } from '../render.js';
import { valid } from '../validate.js';
import { hiddenFor } from '../visible.js';

const RegisterQuery = z.object({
  typ: z.union([z.literal(''), z.enum(DECISION_KINDS)]).default(''),
  ar: z.union([z.literal(''), z.string().regex(/^\d{4}$/)]).default(''),
  organ: z.string().max(200).default(''),
  organisation: z.union([z.literal(''), idOf('o')]).default(''),
});

export function decisionRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const load = async (view: AppEnv['Variables']['view'], form: RegisterForm) =>
    decisionRegister(deps.store, {
      ...(form.typ ? { kind: form.typ } : {}),
      ...(form.ar ? { year: Number(form.ar) } : {}),
      ...(form.organ ? { body: form.organ } : {}),
      ...(form.organisation ? { organisationId: form.organisation } : {}),
      hidden: await hiddenFor(deps, view),
    });

  app.get('/beslut', async (c) => {
    const view = c.get('view');
    const form = valid(RegisterQuery, c.req.query());
    const register = await load(view, form);
    const params = new URLSearchParams(Object.entries(form).filter(([, v]) => v !== ''));
    return page(c, <DecisionsPage view={view} form={form} register={register} csvHref={`/beslut.csv?${params}`} />);
  });

  app.get('/beslut.csv', async (c) => {
    const view = c.get('view');
    const register = await load(view, valid(RegisterQuery, c.req.query()));
    return sendCsv(
      c,
      'beslut',
      [
        'date',
        'body',
        'meeting_number',
        'item_number',
        'item_title',
        'kind',
        'decision',
        'organisations',
        'meeting_id',
        'decision_id',
      ],
      register.rows.map((r) => [
        r.date,
        r.body,
        r.meetingNumber,
        r.itemNumber,
        view.text(r.itemTitle),
        r.kind,
        view.text(r.text),
        r.organisations.map((o) => o.name).join('; '),
        r.meetingId,
        r.id,
      ]),
    );
  });
}
