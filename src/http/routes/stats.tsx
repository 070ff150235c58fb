import type { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { annualReport, reportYears } from '../../services/annual-report.js';
import { StatsPage } from '../../web/pages/stats.js';
import { sendCsv } from '../csv.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { cachedRead } from '../read-cache.js';
import { page } from '../render.js';
import { valid } from '../validate.js';

const StatsQuery = z.object({ ar: z.union([z.literal(''), z.string().regex(/^\d{4}$/)]).default('') });

export function statsRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  // Counts over the whole archive: computed once per data version, year and date (overdue depends on it).
  const load = (year: string) =>
    cachedRead(deps.store, `annual-report:${year}:${deps.clock().toISOString().slice(0, 10)}`, () =>
      annualReport(deps.store, { clock: deps.clock, ...(year ? { year: Number(year) } : {}) }),
    );

  app.get('/statistik', async (c) => {
    const { ar } = valid(StatsQuery, c.req.query());
    const report = await load(ar);
    const years = await reportYears(deps.store);
    return page(c, <StatsPage view={c.get('view')} report={report} years={years} year={ar} />);
  });

  app.get('/statistik/:table{[a-z-]+\\.csv}', async (c) => {
    const { ar } = valid(StatsQuery, c.req.query());
    const r = await load(ar);
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
