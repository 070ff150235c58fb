import type { MeetingSummary } from '../../services/meetings.js';
import { Layout } from '../components/layout.js';
import { meetingName } from '../components/meeting-name.js';
import { Pagination } from '../components/pagination.js';
import type { View } from '../view.js';

/** Meetings per page of the list. */
export const MEETINGS_PAGE_SIZE = 50;

export function MeetingsPage(props: {
  view: View;
  /** One page, newest first. */
  meetings: MeetingSummary[];
  /** Meetings matching the filter, on all pages. */
  total: number;
  page: number;
  years: string[];
  bodies: string[];
  year: number | undefined;
  body: string | undefined;
  hidden: ReadonlySet<string>;
}) {
  const { view, meetings } = props;
  const { t } = view;
  const byYear = new Map<string, MeetingSummary[]>();
  for (const m of meetings) {
    const year = m.date?.slice(0, 4) ?? t('common.unknownDate');
    byYear.set(year, [...(byYear.get(year) ?? []), m]);
  }
  return (
    <Layout view={view} title={t('meetings.title')}>
      <h1>{t('meetings.title')}</h1>
      <form method="get" action="/moten" class="inline">
        <div>
          <label for="f-year">{t('meetings.filterYear')}</label>
          <select id="f-year" name="ar">
            <option value="">{t('common.all')}</option>
            {props.years.map((y) => (
              <option value={y} selected={String(props.year) === y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-body">{t('meetings.filterBody')}</label>
          <select id="f-body" name="organ">
            <option value="">{t('common.all')}</option>
            {props.bodies.map((b) => (
              <option value={b} selected={props.body === b}>
                {b}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('common.filter')}</button>
      </form>
      {meetings.length === 0 ? (
        <p>{t('meetings.none')}</p>
      ) : (
        <p>
          {t('meetings.shown', {
            n: props.total,
            from: (props.page - 1) * MEETINGS_PAGE_SIZE + 1,
            to: (props.page - 1) * MEETINGS_PAGE_SIZE + meetings.length,
          })}
        </p>
      )}
      {[...byYear].map(([year, list]) => (
        <section aria-labelledby={`y-${year}`}>
          <h2 id={`y-${year}`}>{year}</h2>
          <ul class="plain">
            {list.map((m) => (
              <li>
                <a href={`/moten/${m.id}`}>{meetingName(view, m)}</a>
                {props.hidden.has(m.id) ? <span class="badge hidden">{t('meetings.unpublished')}</span> : null}
                <div class="meta">
                  {[
                    m.place ? view.text(m.place) : null,
                    t('meetings.items', { n: m.items }),
                    t('meetings.decisions', { n: m.decisions }),
                    t('meetings.present', { n: m.present }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Pagination
        view={view}
        page={props.page}
        pages={Math.max(1, Math.ceil(props.total / MEETINGS_PAGE_SIZE))}
        href={(p) => {
          const params = new URLSearchParams();
          if (props.year !== undefined) params.set('ar', String(props.year));
          if (props.body !== undefined) params.set('organ', props.body);
          if (p > 1) params.set('sida', String(p));
          return params.size > 0 ? `/moten?${params}` : '/moten';
        }}
      />
    </Layout>
  );
}
