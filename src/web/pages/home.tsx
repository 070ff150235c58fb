import type { Dashboard } from '../../services/dashboard.js';
import type { AssignmentSummary } from '../../services/follow-up.js';
import { ReferralBadge, StatusBadge } from '../components/badges.js';
import { Layout } from '../components/layout.js';
import { meetingName } from '../components/meeting-name.js';
import { formatDate } from '../i18n/index.js';
import type { View } from '../view.js';

export function AssignmentLine(props: { view: View; a: AssignmentSummary }) {
  const { view, a } = props;
  return (
    <li>
      <a href={`/moten/${a.meetingId}#${a.itemId}`}>{view.text(a.task)}</a>{' '}
      <StatusBadge view={view} status={a.status} overdue={a.overdue} />
      <div class="meta">
        {a.assignees.map((x) => x.name).join(', ')}
        {a.due ? ` · ${view.t('common.due')} ${formatDate(a.due, view.lang)}` : ''}
        {' · '}
        {meetingName(view, a)}
      </div>
    </li>
  );
}

export function HomePage(props: { view: View; data: Dashboard }) {
  const { view, data } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      <search>
        <form method="get" action="/sok" class="search-row">
          <div class="field">
            <label for="home-q">{t('home.searchLabel')}</label>
            <input type="search" id="home-q" name="q" />
          </div>
          <button type="submit">{t('common.search')}</button>
        </form>
      </search>
      <div class="grid">
        <section aria-labelledby="latest-h">
          <h2 id="latest-h">{t('home.latest')}</h2>
          {data.latest.length === 0 ? (
            <p>{t('meetings.none')}</p>
          ) : (
            <ul class="plain">
              {data.latest.map((m) => (
                <li>
                  <a href={`/moten/${m.id}`}>{meetingName(view, m)}</a>
                  <div class="meta">
                    {[t('meetings.items', { n: m.items }), t('meetings.decisions', { n: m.decisions })].join(' · ')}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/moten">{t('home.allMeetings')}</a>
          </p>
        </section>
        <section aria-labelledby="overdue-h">
          <h2 id="overdue-h">{t('home.overdue')}</h2>
          {data.overdue.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ul class="plain">
              {data.overdue.map((a) => (
                <AssignmentLine view={view} a={a} />
              ))}
            </ul>
          )}
          <p>
            <a href="/uppdrag?visa=overdue">{t('home.allOverdue', { n: data.counts.overdue })}</a>
          </p>
        </section>
      </div>
      <div class="grid">
        <section aria-labelledby="open-h">
          <h2 id="open-h">{t('home.open')}</h2>
          {data.open.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ul class="plain">
              {data.open.map((a) => (
                <AssignmentLine view={view} a={a} />
              ))}
            </ul>
          )}
          <p>
            <a href="/uppdrag?visa=open">{t('home.allOpen', { n: data.counts.open })}</a>
          </p>
        </section>
        <section aria-labelledby="postponed-h">
          <h2 id="postponed-h">{t('home.postponed')}</h2>
          {data.postponed.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ul class="plain">
              {data.postponed.map((r) => (
                <li>
                  <a href={`/moten/${r.meetingId}#${r.itemId}`}>{view.text(r.title)}</a>{' '}
                  <ReferralBadge view={view} status={r.status} />
                  <div class="meta">
                    {formatDate(r.date, view.lang)}
                    {r.referral.text ? ` · ${view.text(r.referral.text)}` : ''}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/uppdrag?visa=postponed">{t('home.allPostponed', { n: data.counts.postponed })}</a>
          </p>
        </section>
      </div>
    </Layout>
  );
}
