import type { AssignmentList, AssignmentSummary, ReferralSummary } from '../../services/follow-up.js';
import { ReferralBadge, StatusBadge } from '../components/badges.js';
import { CsrfField } from '../components/csrf-field.js';
import { Layout } from '../components/layout.js';
import { meetingName } from '../components/meeting-name.js';
import { Pagination } from '../components/pagination.js';
import { formatDate, type MessageKey } from '../i18n/index.js';
import type { View } from '../view.js';

export const ASSIGNMENT_VIEWS = ['open', 'overdue', 'done', 'all', 'postponed'] as const;
export type AssignmentViewName = (typeof ASSIGNMENT_VIEWS)[number];

/** Assignments (or postponed items) per page. */
export const ASSIGNMENTS_PAGE_SIZE = 50;

/** What the page shows: a page of assignments, or of postponed items not taken up. */
export type AssignmentsContent =
  | { kind: 'assignments'; rows: AssignmentSummary[] }
  | { kind: 'postponed'; rows: ReferralSummary[] };
const STATUSES = ['open', 'reported', 'done', 'cancelled'] as const;

function StatusForm(props: { view: View; a: AssignmentSummary; back: string }) {
  const { view, a } = props;
  const { t } = view;
  return (
    <form method="post" action={`/uppdrag/${a.id}/status`} class="inline">
      <CsrfField view={view} />
      <input type="hidden" name="tillbaka" value={props.back} />
      <div>
        <label for={`s-${a.id}`}>{t('common.status')}</label>
        <select id={`s-${a.id}`} name="status">
          {STATUSES.map((s) => (
            <option value={s} selected={a.status === s}>
              {t(`status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for={`n-${a.id}`}>{t('common.note')}</label>
        <input type="text" id={`n-${a.id}`} name="anteckning" value={a.note ?? ''} maxlength={2000} />
      </div>
      <button type="submit">
        {t('common.save')}
        <span class="visually-hidden">: {t('assignments.changeFor', { task: a.task.slice(0, 80) })}</span>
      </button>
    </form>
  );
}

export function LinkDecisionForm(props: { view: View; linkId: string; back: string; label: string }) {
  const { view } = props;
  return (
    <form method="post" action={`/uppfoljning/${props.linkId}`} class="inline">
      <CsrfField view={view} />
      <input type="hidden" name="tillbaka" value={props.back} />
      <button
        type="submit"
        name="beslut"
        value="confirmed"
        aria-label={`${view.t('assignments.confirm')}: ${props.label}`}
      >
        {view.t('assignments.confirm')}
      </button>
      <button
        type="submit"
        name="beslut"
        value="rejected"
        class="secondary"
        aria-label={`${view.t('assignments.reject')}: ${props.label}`}
      >
        {view.t('assignments.reject')}
      </button>
    </form>
  );
}

function pageHref(show: AssignmentViewName, page: number): string {
  return `/uppdrag?visa=${show}${page > 1 ? `&sida=${page}` : ''}`;
}

function PostponedList(props: { view: View; rows: ReferralSummary[] }) {
  const { view } = props;
  return (
    <ul class="plain">
      {props.rows.map((r) => (
        <li id={r.itemId}>
          <h3>
            <a href={`/moten/${r.meetingId}#${r.itemId}`}>{view.text(r.title)}</a>{' '}
            <ReferralBadge view={view} status={r.status} />
          </h3>
          <p class="meta">
            {formatDate(r.date, view.lang)}
            {r.referral.text ? ` · ${view.text(r.referral.text)}` : ''}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function AssignmentsPage(props: {
  view: View;
  show: AssignmentViewName;
  content: AssignmentsContent;
  /** How many each view has. */
  counts: Record<AssignmentList | 'postponed', number>;
  /** The page shown, from 1. */
  page: number;
  saved: boolean;
}) {
  const { view, show, content, counts } = props;
  const { t } = view;
  const back = pageHref(show, props.page);
  const total = counts[show];
  const pages = Math.max(1, Math.ceil(total / ASSIGNMENTS_PAGE_SIZE));
  const assignments = content.kind === 'assignments' ? content.rows : [];
  const first = (props.page - 1) * ASSIGNMENTS_PAGE_SIZE + 1;
  return (
    <Layout view={view} title={t('assignments.title')}>
      <h1>{t('assignments.title')}</h1>
      {props.saved ? (
        <p class="notice ok" role="status">
          {t('assignments.saved')}
        </p>
      ) : null}
      <nav aria-label={t('assignments.view')}>
        <ul class="inline-list">
          {ASSIGNMENT_VIEWS.map((v) => (
            <li>
              <a href={`/uppdrag?visa=${v}`} aria-current={v === show ? 'page' : undefined}>
                {v === show ? (
                  <strong>{t('assignments.viewCount', { view: t(`assignments.view.${v}`), n: counts[v] })}</strong>
                ) : (
                  t('assignments.viewCount', { view: t(`assignments.view.${v}`), n: counts[v] })
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>
        {content.rows.length === 0
          ? t(show === 'postponed' ? 'assignments.postponedCaption' : 'assignments.caption', { n: total })
          : t(show === 'postponed' ? 'assignments.postponedCaptionPage' : 'assignments.captionPage', {
              n: total,
              from: first,
              to: first + content.rows.length - 1,
            })}
      </h2>
      {content.kind === 'postponed' ? <PostponedList view={view} rows={content.rows} /> : null}
      {content.kind === 'assignments' ? (
        <ul class="plain">
          {assignments.map((a) => (
            <li id={a.id}>
              <h3>
                <a href={`/moten/${a.meetingId}#${a.itemId}`}>
                  {a.itemNumber ? `${a.itemNumber}. ` : ''}
                  {view.text(a.itemTitle)}
                </a>{' '}
                <StatusBadge view={view} status={a.status} overdue={a.overdue} />
              </h3>
              <p>{view.text(a.task)}</p>
              <p class="meta">
                {[
                  `${t('common.assignees')}: ${a.assignees.map((x) => x.name).join(', ') || '–'}`,
                  a.due ? `${t('common.due')} ${formatDate(a.due, view.lang)}` : null,
                  t('assignments.given', { date: meetingName(view, a) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {a.note ? (
                <p>
                  {t('common.note')}: {view.text(a.note)}
                </p>
              ) : null}
              {a.reportedBack ? (
                <p>
                  <a href={`/moten/${a.reportedBack.targetMeetingId}#${a.reportedBack.targetItemId}`}>
                    {t('assignments.reportedBack', {
                      title: a.reportedBack.targetTitle ?? '',
                      date: formatDate(a.reportedBack.targetDate, view.lang) ?? '',
                    })}
                  </a>
                </p>
              ) : null}
              {view.editor && a.suggestions.length > 0 ? (
                <div>
                  <h4>{t('assignments.suggestions')}</h4>
                  <ul>
                    {a.suggestions.map((s) => (
                      <li>
                        <a href={`/moten/${s.targetMeetingId}#${s.targetItemId}`}>
                          {s.targetTitle} ({formatDate(s.targetDate, view.lang)})
                        </a>
                        <LinkDecisionForm
                          view={view}
                          linkId={s.id}
                          back={`${back}#${a.id}`}
                          label={s.targetTitle ?? s.id}
                        />
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {view.editor ? <StatusForm view={view} a={a} back={back} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <Pagination view={view} page={props.page} pages={pages} href={(p) => pageHref(show, p)} />
    </Layout>
  );
}
