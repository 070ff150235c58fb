import { DECISION_KINDS } from '../../domain/document.js';
import type { ReviewData } from '../../services/review.js';
import { CsrfField } from '../components/csrf-field.js';
import { Layout } from '../components/layout.js';
import { meetingName } from '../components/meeting-name.js';
import type { MessageKey } from '../i18n/index.js';
import type { View } from '../view.js';
import { LinkDecisionForm } from './assignments.js';

type Field =
  | { name: string; label: string; value: string | null; kind?: 'text'; wide?: boolean }
  | { name: string; label: string; value: string; kind: 'select'; options: Array<{ value: string; label: string }> };

function RowForm(props: { view: View; meetingId: string; targetId: string; legend: string; fields: Field[] }) {
  const { view, targetId } = props;
  return (
    <div class="review-row" id={targetId}>
      <form method="post" action={`/granska/${props.meetingId}/ratta`}>
        <CsrfField view={view} />
        <input type="hidden" name="target" value={targetId} />
        <span class="visually-hidden">{props.legend}</span>
        {props.fields.map((f) => {
          const id = `${targetId}-${f.name}`;
          return (
            <div class="field">
              <label for={id}>{f.label}</label>
              {f.kind === 'select' ? (
                <select id={id} name={f.name}>
                  {f.options.map((o) => (
                    <option value={o.value} selected={o.value === f.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : f.wide ? (
                <textarea id={id} name={f.name} rows={3} cols={60}>
                  {f.value ?? ''}
                </textarea>
              ) : (
                <input type="text" id={id} name={f.name} value={f.value ?? ''} />
              )}
            </div>
          );
        })}
        <button type="submit" aria-label={`${view.t('common.save')}: ${props.legend}`}>
          {view.t('common.save')}
        </button>
      </form>
    </div>
  );
}

export function ReviewPage(props: { view: View; data: ReviewData; saved: boolean }) {
  const { view, data } = props;
  const { t } = view;
  const { bundle } = data;
  const m = bundle.meeting;
  const mid = m.id;
  const title = meetingName(view, m);
  const kinds = DECISION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as MessageKey) }));
  const lists = [
    { value: 'present', label: t('meeting.present') },
    { value: 'absent', label: t('meeting.absent') },
    { value: 'guest', label: t('meeting.guests') },
  ];
  return (
    <Layout view={view} title={t('review.title', { title })}>
      <h1>{t('review.title', { title })}</h1>
      <p>
        <a href={`/moten/${mid}`}>{title}</a>
      </p>
      <p>{t('review.intro')}</p>
      {props.saved ? (
        <p class="notice ok" role="status">
          {t('review.saved')}
        </p>
      ) : null}
      <section aria-labelledby="pub-h">
        <h2 id="pub-h">{t('review.publish')}</h2>
        <form method="post" action={`/granska/${mid}/publicering`} class="inline">
          <CsrfField view={view} />
          <p>{t(data.published ? 'review.published' : 'review.hidden')}</p>
          <input type="hidden" name="publicerad" value={data.published ? '0' : '1'} />
          <button type="submit">{t(data.published ? 'review.doHide' : 'review.doPublish')}</button>
        </form>
      </section>
      <section aria-labelledby="m-h">
        <h2 id="m-h">{t('review.meeting')}</h2>
        <RowForm
          view={view}
          meetingId={mid}
          targetId={mid}
          legend={t('review.meeting')}
          fields={[
            { name: 'number', label: t('common.number'), value: m.number },
            { name: 'place', label: t('common.place'), value: m.place },
            { name: 'organization', label: t('review.organizationField'), value: m.organization },
            { name: 'startTime', label: t('review.startTime'), value: m.startTime },
            { name: 'endTime', label: t('review.endTime'), value: m.endTime },
          ]}
        />
      </section>
      <section aria-labelledby="pa-h">
        <h2 id="pa-h">{t('review.attendance')}</h2>
        {bundle.participants.map((p) => (
          <RowForm
            view={view}
            meetingId={mid}
            targetId={p.id}
            legend={p.name}
            fields={[
              { name: 'list', label: `${t('review.list')} (${p.name})`, value: p.list, kind: 'select', options: lists },
              { name: 'organization', label: t('review.organizationField'), value: p.organization },
              { name: 'role', label: t('common.role'), value: p.role },
              { name: 'fromTime', label: t('review.from'), value: p.fromTime },
              { name: 'toTime', label: t('review.to'), value: p.toTime },
            ]}
          />
        ))}
      </section>
      <section aria-labelledby="it-h">
        <h2 id="it-h">{t('review.items')}</h2>
        {bundle.items.map((item) => (
          <div>
            <h3>{[item.number, item.title].filter(Boolean).join('. ')}</h3>
            <RowForm
              view={view}
              meetingId={mid}
              targetId={item.id}
              legend={item.title}
              fields={[
                { name: 'number', label: t('review.itemNumber'), value: item.number },
                { name: 'title', label: t('review.itemTitle'), value: item.title, wide: true },
              ]}
            />
            {bundle.decisions
              .filter((d) => d.itemId === item.id)
              .map((d, i) => (
                <>
                  <RowForm
                    view={view}
                    meetingId={mid}
                    targetId={d.id}
                    legend={`${t('common.decision')} ${i + 1}: ${item.title}`}
                    fields={[
                      { name: 'kind', label: t('common.kind'), value: d.kind, kind: 'select', options: kinds },
                      { name: 'text', label: t('review.decisionText'), value: d.text, wide: true },
                    ]}
                  />
                  {bundle.assignments
                    .filter((a) => a.decisionId === d.id)
                    .map((a) => (
                      <RowForm
                        view={view}
                        meetingId={mid}
                        targetId={a.id}
                        legend={`${t('common.task')}: ${a.task.slice(0, 60)}`}
                        fields={[
                          { name: 'task', label: t('review.task'), value: a.task, wide: true },
                          { name: 'due', label: t('review.due'), value: a.due },
                          { name: 'dueText', label: t('common.note'), value: a.dueText },
                        ]}
                      />
                    ))}
                </>
              ))}
          </div>
        ))}
      </section>
      <section aria-labelledby="fu-h">
        <h2 id="fu-h">{t('review.followUps')}</h2>
        {data.links.length === 0 ? (
          <p>{t('review.noLinks')}</p>
        ) : (
          <ul class="plain">
            {data.links.map((l) => {
              const label = t('review.link', {
                kind: t(`review.linkKind.${l.kind}` as MessageKey),
                title: l.targetTitle ?? '',
                date: l.targetDate ?? '',
                score: l.score,
              });
              return (
                <li>
                  <a href={`/moten/${l.targetMeetingId}#${l.targetItemId}`}>{label}</a>{' '}
                  <span
                    class={`badge ${l.status === 'confirmed' ? 'done' : l.status === 'rejected' ? 'cancelled' : 'open'}`}
                  >
                    {l.status === 'confirmed'
                      ? t('assignments.confirm')
                      : l.status === 'rejected'
                        ? t('assignments.reject')
                        : '?'}
                  </span>
                  {l.status === 'suggested' ? (
                    <LinkDecisionForm view={view} linkId={l.id} back={`/granska/${mid}#fu-h`} label={label} />
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="au-h">
        <h2 id="au-h">{t('review.audit')}</h2>
        <ul>
          {data.audit.map((e) => (
            <li>
              {t('review.auditEntry', { at: e.at.slice(0, 16).replace('T', ' '), actor: e.actor, action: e.action })}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
