import type { AssignmentSummary } from '../../services/follow-up.js';
import { StatusBadge } from '../components/badges.js';
import { CsrfField } from '../components/csrf-field.js';
import { Layout } from '../components/layout.js';
import { meetingName } from '../components/meeting-name.js';
import { formatDate, type MessageKey } from '../i18n/index.js';
import type { View } from '../view.js';

export const ASSIGNMENT_VIEWS = ['open', 'overdue', 'done', 'all'] as const;
export type AssignmentViewName = (typeof ASSIGNMENT_VIEWS)[number];
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

export function AssignmentsPage(props: {
  view: View;
  show: AssignmentViewName;
  assignments: AssignmentSummary[];
  saved: boolean;
}) {
  const { view, show, assignments } = props;
  const { t } = view;
  const back = `/uppdrag?visa=${show}`;
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
                {v === show ? <strong>{t(`assignments.view.${v}`)}</strong> : t(`assignments.view.${v}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t('assignments.caption', { n: assignments.length })}</h2>
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
    </Layout>
  );
}
