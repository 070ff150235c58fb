import type { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { annualReport, reportYears } from '../../services/annual-report.js';
import { StatsPage } from '../../web/pages/stats.js';
import type { View } from '../../web/view.js';
import { sendCsv } from '../csv.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { cachedRead } from '../read-cache.js';
import { cachedPage } from '../render.js';
import { valid } from '../validate.js';

const StatsQuery = z.object({ ar: z.union([z.literal(''), z.string().regex(/^\d{4}$/)]).default('') });
const PageQuery = StatsQuery.extend({ sida: z.coerce.number().int().min(1).max(10_000).default(1) });

export function statsRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  // Counts over the whole archive: computed once per data version, year, visibility and date (overdue depends on
  // it). The public counts only published meetings; signed-in users count all.
  const load = (year: string, view: View) => {
    const publishedOnly = !view.user;
    const key = `annual-report:${year}:${publishedOnly ? 'public' : 'all'}:${deps.clock().toISOString().slice(0, 10)}`;
    return cachedRead(deps.store, key, () =>
      annualReport(deps.store, { clock: deps.clock, publishedOnly, ...(year ? { year: Number(year) } : {}) }),
    );
  };
  const years = (view: View) =>
    cachedRead(deps.store, `report-years:${view.user ? 'all' : 'public'}`, () =>
      reportYears(deps.store, { publishedOnly: !view.user }),
    );

  app.get('/statistik', async (c) => {
    const view = c.get('view');
    const { ar, sida } = valid(PageQuery, c.req.query());
    const canonical = new URLSearchParams();
    if (ar) canonical.set('ar', ar);
    if (sida > 1) canonical.set('sida', String(sida));
    const key = `statistics:${view.user ? 'all' : 'public'}:${deps.clock().toISOString().slice(0, 10)}`;
    return cachedPage(c, deps.store, key, canonical.toString(), async () => (
      <StatsPage view={view} report={await load(ar, view)} years={await years(view)} year={ar} personPage={sida} />
    ));
  });

  app.get('/statistik/:table{[a-z-]+\\.csv}', async (c) => {
    const { ar } = valid(StatsQuery, c.req.query());
    const r = await load(ar, c.get('view'));
    const name = c.req.param('table').replace(/\.csv$/, '');
    const attendance = (rows: typeof r.attendance.persons) =>
      rows.map((x) => [x.id, x.name, x.present, x.absent, x.meetings, x.rate]);
    switch (name) {
      case 'moten':
        return sendCsv(
          c,
          name,
          ['year', 'meetings', 'items'],
          r.meetingsPerYear.map((m) => [m.year, m.count, r.itemsPerYear.find((i) => i.year === m.year)?.count ?? 0]),
        );
      case 'narvaro-kommuner':
        return sendCsv(
          c,
          name,
          ['id', 'name', 'present', 'absent', 'meetings', 'rate'],
          attendance(r.attendance.municipalities),
        );
      case 'narvaro-personer':
        return sendCsv(
          c,
          name,
          ['id', 'name', 'present', 'absent', 'meetings', 'rate'],
          attendance(r.attendance.persons),
        );
      case 'beslut':
        return sendCsv(
          c,
          name,
          ['kind', 'count'],
          r.decisionsByKind.map((k) => [k.kind, k.count]),
        );
      case 'uppdrag':
        return sendCsv(
          c,
          name,
          ['year', 'given', 'reported_back', 'overdue'],
          r.assignmentsPerYear.map((a) => [a.year, a.given, a.reportedBack, a.overdue]),
        );
      default:
        throw new AppError('not-found', `No table ${name}.`);
    }
  });
}
