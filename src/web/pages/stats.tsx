import type { AnnualReport } from '../../services/annual-report.js';
import type { AttendanceRate } from '../../services/stats.js';
import { BarChart } from '../components/bar-chart.js';
import { Layout } from '../components/layout.js';
import { Pagination } from '../components/pagination.js';
import { formatRate, type MessageKey } from '../i18n/index.js';
import type { View } from '../view.js';

/** Persons per page of the attendance chart and table (the CSV has them all). */
export const PERSONS_PER_PAGE = 25;

const collator = new Intl.Collator('sv');
const sorted = new WeakMap<readonly AttendanceRate[], AttendanceRate[]>();

/**
 * Persons most often present first, then by name. Remembered per list: the report is cached, so thousands of
 * persons are sorted once per archive version, not on every request.
 */
function byPresence(persons: readonly AttendanceRate[]): AttendanceRate[] {
  let out = sorted.get(persons);
  if (!out) {
    out = [...persons].sort((a, b) => b.present - a.present || collator.compare(a.name, b.name));
    sorted.set(persons, out);
  }
  return out;
}

export function StatsPage(props: {
  view: View;
  report: AnnualReport;
  years: string[];
  year: string;
  /** The page of the per-person table, from 1. */
  personPage: number;
}) {
  const { view, report } = props;
  const { t } = view;
  const suffix = props.year ? `?ar=${props.year}` : '';
  const rate = (v: number) => formatRate(v, view.lang);
  const municipalities = report.attendance.municipalities;
  const everyone = byPresence(report.attendance.persons);
  const pages = Math.max(1, Math.ceil(everyone.length / PERSONS_PER_PAGE));
  const first = (props.personPage - 1) * PERSONS_PER_PAGE;
  const persons = everyone.slice(first, first + PERSONS_PER_PAGE);
  const pageHref = (p: number) => {
    const params = new URLSearchParams();
    if (props.year) params.set('ar', props.year);
    if (p > 1) params.set('sida', String(p));
    const query = params.toString();
    return `/statistik${query ? `?${query}` : ''}#persons-h`;
  };
  return (
    <Layout view={view} title={t('stats.title')}>
      <h1>{t('stats.title')}</h1>
      <p>{t('stats.intro')}</p>
      <form method="get" action="/statistik" class="inline">
        <div>
          <label for="f-year">{t('stats.year')}</label>
          <select id="f-year" name="ar">
            <option value="">{t('stats.allYears')}</option>
            {props.years.map((y) => (
              <option value={y} selected={props.year === y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('common.filter')}</button>
      </form>
      <p>
        <strong>{t('stats.meetingsHeld', { n: report.meetingsHeld })}</strong>
      </p>
      <BarChart
        view={view}
        id="meetings"
        title={t('stats.meetingsPerYear')}
        rowHeader={t('common.year')}
        rows={report.meetingsPerYear.map((r) => r.year)}
        series={[{ label: t('stats.meetings'), values: report.meetingsPerYear.map((r) => r.count) }]}
        csvHref={`/statistik/moten.csv${suffix}`}
      />
      <BarChart
        view={view}
        id="municipalities"
        title={t('stats.attendanceMunicipality')}
        rowHeader={t('common.organisation')}
        rows={municipalities.map((m) => m.name)}
        series={[{ label: t('stats.rate'), values: municipalities.map((m) => m.rate ?? 0) }]}
        format={rate}
        csvHref={`/statistik/narvaro-kommuner.csv${suffix}`}
      />
      <BarChart
        view={view}
        id="persons"
        title={t('stats.attendancePerson')}
        rowHeader={t('common.name')}
        rows={persons.map((p) => p.name)}
        series={[
          { label: t('stats.present'), values: persons.map((p) => p.present) },
          { label: t('stats.absent'), values: persons.map((p) => p.absent) },
        ]}
        csvHref={`/statistik/narvaro-personer.csv${suffix}`}
        footer={
          everyone.length > PERSONS_PER_PAGE ? (
            <>
              <p>
                {t('stats.personsShown', {
                  from: persons.length === 0 ? 0 : first + 1,
                  to: first + persons.length,
                  n: everyone.length,
                })}
              </p>
              <Pagination view={view} page={props.personPage} pages={pages} href={pageHref} />
            </>
          ) : null
        }
      />
      <BarChart
        view={view}
        id="kinds"
        title={t('stats.decisionsByKind')}
        rowHeader={t('common.kind')}
        rows={report.decisionsByKind.map((k) => t(`kind.${k.kind}` as MessageKey))}
        series={[{ label: t('common.count'), values: report.decisionsByKind.map((k) => k.count) }]}
        csvHref={`/statistik/beslut.csv${suffix}`}
      />
      <BarChart
        view={view}
        id="assignments"
        title={t('stats.assignments')}
        rowHeader={t('common.year')}
        rows={report.assignmentsPerYear.map((r) => r.year)}
        series={[
          { label: t('stats.given'), values: report.assignmentsPerYear.map((r) => r.given) },
          { label: t('stats.reportedBack'), values: report.assignmentsPerYear.map((r) => r.reportedBack) },
          { label: t('stats.overdue'), values: report.assignmentsPerYear.map((r) => r.overdue) },
        ]}
        csvHref={`/statistik/uppdrag.csv${suffix}`}
      />
    </Layout>
  );
}
