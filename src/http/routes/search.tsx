import type { Hono } from 'hono';
import { z } from 'zod';
import { searchArchive } from '../../services/search-archive.js';
import { type SearchForm, SearchPage } from '../../web/pages/search.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { page } from '../render.js';
import { valid } from '../validate.js';

const PAGE_SIZE = 20;
const MAX_PAGE = 500;

const SearchQuery = z.object({
  q: z.string().max(500).default(''),
  typ: z.enum(['', 'item', 'decision', 'meeting', 'person']).default(''),
  organ: z.string().max(200).default(''),
  ar: z.union([z.literal(''), z.string().regex(/^\d{4}$/)]).default(''),
  beslut: z.enum(['', 'information', 'approval', 'assignment', 'referral', 'rejection', 'other']).default(''),
  sida: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  tidslinje: z.enum(['', '1']).default(''),
});

export function searchRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/sok', async (c) => {
    const view = c.get('view');
    const form: SearchForm = valid(SearchQuery, c.req.query());
    const result = form.q.trim()
      ? await searchArchive(deps.store, deps.search, {
          query: form.q,
          ...(form.typ ? { types: [form.typ] } : {}),
          ...(form.organ ? { body: form.organ } : {}),
          ...(form.ar ? { from: form.ar, to: form.ar } : {}),
          ...(form.beslut ? { kind: form.beslut } : {}),
          publishedOnly: !view.user,
          limit: PAGE_SIZE,
          offset: (form.sida - 1) * PAGE_SIZE,
          // The per-year counts of a capped search read every match: only when asked for.
          ...(form.tidslinje === '1' ? { timeline: true, perYear: 1 } : {}),
          marks: { open: '', close: '' },
        })
      : null;
    return page(c, <SearchPage view={view} form={form} result={result} pageSize={PAGE_SIZE} />);
  });
}
