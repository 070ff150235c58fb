import type { OrganisationDetail, OrganisationSummary } from '../../services/organisations.js';
import type { PersonListRow, PersonProfile } from '../../services/person-profile.js';
import { Layout } from '../components/layout.js';
import { Pagination } from '../components/pagination.js';
import { formatDate, formatRate, type MessageKey } from '../i18n/index.js';
import type { View } from '../view.js';
import { AssignmentLine } from './home.js';

/** Persons per page of the list. */
export const PEOPLE_PAGE_SIZE = 100;

export function PeoplePage(props: { view: View; persons: PersonListRow[]; total: number; page: number }) {
  const { view } = props;
  const { t } = view;
  const first = (props.page - 1) * PEOPLE_PAGE_SIZE + 1;
  return (
    <Layout view={view} title={t('people.title')}>
      <h1>{t('people.title')}</h1>
      <div class="table-wrap">
        <table>
          <caption>
            {props.persons.length === 0
              ? t('people.caption', { n: props.total })
              : t('people.captionPage', { n: props.total, from: first, to: first + props.persons.length - 1 })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('common.organisation')}</th>
              <th scope="col" class="num">
                {t('stats.meetings')}
              </th>
              <th scope="col">{t('common.year')}</th>
            </tr>
          </thead>
          <tbody>
            {props.persons.map((p) => (
              <tr>
                <td>
                  <a href={`/personer/${p.id}`}>{p.name}</a>
                </td>
                <td>{p.organisations.join(', ')}</td>
                <td class="num">{p.meetings}</td>
                <td>
                  {p.firstDate
                    ? t('people.span', { from: p.firstDate.slice(0, 4), to: (p.lastDate ?? '').slice(0, 4) })
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        view={view}
        page={props.page}
        pages={Math.max(1, Math.ceil(props.total / PEOPLE_PAGE_SIZE))}
        href={(p) => (p > 1 ? `/personer?sida=${p}` : '/personer')}
      />
    </Layout>
  );
}

export function PersonPage(props: { view: View; person: PersonProfile }) {
  const { view, person: p } = props;
  const { t } = view;
  return (
    <Layout view={view} title={p.name}>
      <h1>{p.name}</h1>
      {p.spellings.length > 1 ? (
        <p class="meta">
          {t('person.spellings')}: {p.spellings.join(', ')}
        </p>
      ) : null}
      <section aria-labelledby="mem-h">
        <h2 id="mem-h">{t('person.memberships')}</h2>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('person.memberships')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.organisation')}</th>
                <th scope="col">{t('common.role')}</th>
                <th scope="col">{t('person.first')}</th>
                <th scope="col">{t('person.last')}</th>
                <th scope="col" class="num">
                  {t('person.present')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.memberships.map((m) => (
                <tr>
                  <td>
                    <a href={`/organisationer/${m.organisationId}`}>{m.organisation}</a>
                  </td>
                  <td>{m.role === 'member' ? t('role.member') : m.role}</td>
                  <td>
                    <a href={`/moten/${m.firstMeetingId}`}>{formatDate(m.firstDate, view.lang)}</a>
                  </td>
                  <td>
                    <a href={`/moten/${m.lastMeetingId}`}>{formatDate(m.lastDate, view.lang)}</a>
                  </td>
                  <td class="num">
                    {m.present} / {m.meetings}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="att-h">
        <h2 id="att-h">{t('person.attendance')}</h2>
        <ul class="plain">
          {p.attendance.map((a) => (
            <li>
              <a href={`/moten/${a.meetingId}`}>{formatDate(a.date, view.lang) ?? t('common.unknownDate')}</a>
              {' · '}
              {t(`person.list.${a.list}` as MessageKey)}
              {a.organisation ? ` · ${a.organisation}` : ''}
              {a.role ? ` · ${view.text(a.role)}` : ''}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="asg-h">
        <h2 id="asg-h">{t('person.assignments')}</h2>
        {p.assignments.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <ul class="plain">
            {p.assignments.map((a) => (
              <AssignmentLine view={view} a={a} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="pres-h">
        <h2 id="pres-h">{t('person.presentations')}</h2>
        {p.presentations.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <ul class="plain">
            {p.presentations.map((x) => (
              <li>
                <a href={`/moten/${x.meetingId}#${x.itemId}`}>
                  {x.itemNumber ? `${x.itemNumber}. ` : ''}
                  {view.text(x.itemTitle)}
                </a>
                <div class="meta">
                  {formatDate(x.date, view.lang)} · {view.text(x.as)}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

export function OrganisationsPage(props: { view: View; organisations: OrganisationSummary[] }) {
  const { view } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t('organisations.title')}>
      <h1>{t('organisations.title')}</h1>
      <ul class="plain">
        {props.organisations.map((o) => (
          <li>
            <a href={`/organisationer/${o.id}`}>{o.name}</a>
            <div class="meta">
              {t(o.kind === 'municipality' ? 'orgkind.municipality' : 'orgkind.other')} ·{' '}
              {t('organisations.representatives', { n: o.representatives })}
            </div>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function OrganisationPage(props: { view: View; organisation: OrganisationDetail }) {
  const { view, organisation: o } = props;
  const { t } = view;
  return (
    <Layout view={view} title={o.name}>
      <h1>{o.name}</h1>
      <p class="meta">
        {t(o.kind === 'municipality' ? 'orgkind.municipality' : 'orgkind.other')}
        {o.code ? ` · ${o.code}` : ''}
      </p>
      <p>
        {o.attendance
          ? t('organisation.attendance', {
              rate: formatRate(o.attendance.rate, view.lang),
              present: o.attendance.present,
              meetings: o.attendance.meetings,
            })
          : t('organisation.noAttendance')}
      </p>
      <section aria-labelledby="hist-h">
        <h2 id="hist-h">{t('organisation.history')}</h2>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('organisation.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('common.role')}</th>
                <th scope="col">{t('person.first')}</th>
                <th scope="col">{t('person.last')}</th>
                <th scope="col" class="num">
                  {t('person.present')}
                </th>
              </tr>
            </thead>
            <tbody>
              {o.history.map((h) => (
                <tr>
                  <td>
                    <a href={`/personer/${h.personId}`}>{h.name}</a>
                  </td>
                  <td>{h.role === 'member' ? t('role.member') : h.role}</td>
                  <td>
                    <a href={`/moten/${h.firstMeetingId}`}>{formatDate(h.firstDate, view.lang)}</a>
                  </td>
                  <td>
                    <a href={`/moten/${h.lastMeetingId}`}>{formatDate(h.lastDate, view.lang)}</a>
                  </td>
                  <td class="num">
                    {h.present} / {h.meetings}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}
