import type { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { DECISION_KINDS } from '../../domain/document.js';
import {
  type RegisterFilter,
  type RegisterRow,
  registerBatches,
  registerOptions,
  registerPage,
} from '../../services/decision-register.js';
import { DecisionsPage, REGISTER_PAGE_SIZE, type RegisterForm } from '../../web/pages/decisions.js';
import type { View } from '../../web/view.js';
import { csvHeaders, csvLine } from '../csv.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { idOf } from '../ids.js';
import { cachedRead } from '../read-cache.js';
import { page } from '../render.js';
import { valid } from '../validate.js';

/** Far enough for any register (1,000 pages of 50); a guard against absurd offsets. */
const MAX_PAGE = 100_000;

const RegisterQuery = z.object({
  typ: z.union([z.literal(''), z.enum(DECISION_KINDS)]).default(''),
  ar: z.union([z.literal(''), z.string().regex(/^\d{4}$/)]).default(''),
  organ: z.string().max(200).default(''),
  organisation: z.union([z.literal(''), idOf('o')]).default(''),
});
const PageQuery = RegisterQuery.extend({ sida: z.coerce.number().int().min(1).max(MAX_PAGE).default(1) });

const CSV_HEADER = [
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
] as const;

function filterOf(form: Omit<RegisterForm, 'sida'>, view: View): RegisterFilter {
  return {
    ...(form.typ ? { kind: form.typ } : {}),
    ...(form.ar ? { year: Number(form.ar) } : {}),
    ...(form.organ ? { body: form.organ } : {}),
    ...(form.organisation ? { organisationId: form.organisation } : {}),
    // Signed-in users see every meeting; the public only the published ones.
    publishedOnly: !view.user,
  };
}

function csvRow(view: View, r: RegisterRow): unknown[] {
  return [
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
  ];
}

export function decisionRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/beslut', async (c) => {
    const view = c.get('view');
    const form = valid(PageQuery, c.req.query());
    const filter = filterOf(form, view);
    // The filter choices sum up the whole register: computed once per data version and visibility.
    const options = await cachedRead(deps.store, `register-options:${filter.publishedOnly ? 'public' : 'all'}`, () =>
      registerOptions(deps.store, filter),
    );
    const register = await registerPage(deps.store, filter, {
      limit: REGISTER_PAGE_SIZE,
      offset: (form.sida - 1) * REGISTER_PAGE_SIZE,
    });
    const { sida: _, ...rest } = form;
    const params = new URLSearchParams(Object.entries(rest).filter(([, v]) => v !== ''));
    return page(
      c,
      <DecisionsPage
        view={view}
        form={form}
        options={options}
        register={register}
        csvHref={params.size > 0 ? `/beslut.csv?${params}` : '/beslut.csv'}
      />,
    );
  });

  app.get('/beslut.csv', async (c) => {
    const view = c.get('view');
    const filter = filterOf(valid(RegisterQuery, c.req.query()), view);
    for (const [name, value] of Object.entries(csvHeaders('beslut'))) c.header(name, value);
    // Streamed a batch of meetings at a time: the whole register is never in memory.
    return stream(c, async (out) => {
      await out.write(csvLine(CSV_HEADER, true));
      for await (const batch of registerBatches(deps.store, filter)) {
        await out.write(batch.map((r) => csvLine(csvRow(view, r))).join(''));
      }
    });
  });
}
