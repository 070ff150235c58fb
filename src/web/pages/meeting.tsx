import type { ReferralSummary } from '../../services/follow-up.js';
import type { MeetingDetail } from '../../services/meetings.js';
import { KindBadge, ReferralBadge } from '../components/badges.js';
import { Layout } from '../components/layout.js';
import { meetingName } from '../components/meeting-name.js';
import { formatDate, type MessageKey } from '../i18n/index.js';
import type { View } from '../view.js';

type Attendee = MeetingDetail['attendance'][number];

function times(view: View, a: { from: string | null; to: string | null }): string {
  return [a.from ? view.t('common.from', { time: a.from }) : null, a.to ? view.t('common.to', { time: a.to }) : null]
    .filter(Boolean)
    .join(' ');
}

function AttendanceTable(props: { view: View; id: string; caption: string; rows: Attendee[] }) {
  const { view, rows } = props;
  const { t } = view;
  if (rows.length === 0) return null;
  return (
    <div class="table-wrap">
      <table id={props.id}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('common.name')}</th>
            <th scope="col">{t('common.organisation')}</th>
            <th scope="col">{t('common.role')}</th>
            <th scope="col">{t('common.time')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr>
              <td>{a.personId ? <a href={`/personer/${a.personId}`}>{a.name}</a> : a.name}</td>
              <td>
                {a.organisationId ? (
                  <a href={`/organisationer/${a.organisationId}`}>{a.organisation}</a>
                ) : (
                  (a.organisation ?? '')
                )}
              </td>
              <td>{view.text([a.role, a.note].filter(Boolean).join('; '))}</td>
              <td>{times(view, a)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MeetingPage(props: {
  view: View;
  meeting: MeetingDetail;
  referrals: ReadonlyMap<string, ReferralSummary>;
  overdue: ReadonlySet<string>;
  published: boolean;
}) {
  const { view, meeting: m } = props;
  const { t } = view;
  const title = meetingName(view, m);
  const primary = m.documents.find((d) => d.status === 'primary');
  return (
    <Layout view={view} title={title}>
      <p class="meta">{t('meeting.protocol')}</p>
      <h1>{title}</h1>
      {!props.published ? <p class="notice">{t('meeting.notPublished')}</p> : null}
      {view.editor ? (
        <p>
          <a class="button" href={`/granska/${m.id}`}>
            {t('meeting.review')}
          </a>
        </p>
      ) : null}
      <section aria-labelledby="head-h">
        <h2 id="head-h" class="visually-hidden">
          {t('meeting.header')}
        </h2>
        <dl class="facts">
          <dt>{t('common.body')}</dt>
          <dd>{[m.body ?? t('common.noBody'), m.organization].filter(Boolean).join(', ')}</dd>
          {m.number ? (
            <>
              <dt>{t('common.number')}</dt>
              <dd>{m.number}</dd>
            </>
          ) : null}
          <dt>{t('common.date')}</dt>
          <dd>{formatDate(m.date, view.lang) ?? t('common.unknownDate')}</dd>
          {m.start || m.end ? (
            <>
              <dt>{t('common.time')}</dt>
              <dd>{[m.start, m.end].filter(Boolean).join('–')}</dd>
            </>
          ) : null}
          {m.place ? (
            <>
              <dt>{t('common.place')}</dt>
              <dd>{view.text(m.place)}</dd>
            </>
          ) : null}
        </dl>
        {m.adjournments.map((a) => (
          <p>{t('meeting.adjourned', { from: a.from ?? '?', to: a.to ?? '?' })}</p>
        ))}
      </section>
      <section aria-labelledby="att-h">
        <h2 id="att-h">{t('meeting.attendance')}</h2>
        <AttendanceTable
          view={view}
          id="present"
          caption={t('meeting.present')}
          rows={m.attendance.filter((a) => a.list === 'present')}
        />
        <AttendanceTable
          view={view}
          id="absent"
          caption={t('meeting.absent')}
          rows={m.attendance.filter((a) => a.list === 'absent')}
        />
        <AttendanceTable
          view={view}
          id="guests"
          caption={t('meeting.guests')}
          rows={m.attendance.filter((a) => a.list === 'guest')}
        />
      </section>
      <section aria-labelledby="items-h">
        <h2 id="items-h">{t('meeting.items')}</h2>
        {m.items.map((item) => {
          const referral = props.referrals.get(item.id);
          const target = referral?.links.find((l) => l.status === 'confirmed') ?? referral?.links[0];
          return (
            <article class="item" id={item.id} aria-labelledby={`${item.id}-h`}>
              <h3 id={`${item.id}-h`}>
                <span>
                  {item.number ? `${item.number}. ` : ''}
                  {view.text(item.title)}
                </span>
                <a class="anchor" href={`#${item.id}`}>
                  #<span class="visually-hidden">{t('meeting.anchor')}</span>
                </a>
              </h3>
              {item.presenters.length > 0 ? (
                <p class="meta">
                  {t('meeting.presenters')}: {view.text(item.presenters.join('; '))}
                </p>
              ) : null}
              {item.text ? <p class="item-text">{view.text(item.text)}</p> : null}
              {item.referral ? (
                <p>
                  {target ? (
                    <a class="badge suggested" href={`/moten/${target.targetMeetingId}#${target.targetItemId}`}>
                      {t('meeting.referralBadge')}
                    </a>
                  ) : (
                    <a class="badge pending" href="/#postponed-h">
                      {t('meeting.referralBadge')}
                    </a>
                  )}{' '}
                  {referral ? <ReferralBadge view={view} status={referral.status} /> : null}{' '}
                  {t('meeting.referral', { text: view.text(item.referral.text ?? item.referral.date ?? '') })}
                </p>
              ) : null}
              {item.decisions.length > 0 ? (
                <div class="decisions">
                  <h4>{t('meeting.decisions')}</h4>
                  <ol>
                    {item.decisions.map((d) => (
                      <li id={d.id}>
                        <KindBadge view={view} kind={d.kind} /> {view.text(d.text)}
                        {d.assignments.map((a) => (
                          <div>
                            <a
                              class={`badge ${props.overdue.has(a.id) ? 'overdue' : a.status}`}
                              href={`/uppdrag?visa=all#${a.id}`}
                            >
                              {t('meeting.assignmentBadge', {
                                status: t(
                                  (props.overdue.has(a.id) ? 'status.overdue' : `status.${a.status}`) as MessageKey,
                                ),
                              })}
                            </a>{' '}
                            {a.assignees.join(', ')}
                            {a.due ? ` · ${t('common.due')} ${formatDate(a.due, view.lang)}` : ''}
                          </div>
                        ))}
                      </li>
                    ))}
                  </ol>
                </div>
              ) : null}
            </article>
          );
        })}
      </section>
      {m.signatures.length > 0 ? (
        <section aria-labelledby="sig-h">
          <h2 id="sig-h">{t('meeting.signatures')}</h2>
          <ul>
            {m.signatures.map((s) => (
              <li>{[s.title ?? s.role, s.name].filter(Boolean).join(': ')}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="doc-h">
        <h2 id="doc-h">{t('meeting.documents')}</h2>
        {view.user && primary ? (
          <p>
            <a href={`/dokument/${primary.id}`}>{t('meeting.download', { name: primary.name })}</a> (
            {primary.format.toUpperCase()})
          </p>
        ) : (
          <p>{t('meeting.downloadSignIn')}</p>
        )}
      </section>
      {view.editor && (m.warnings.length > 0 || m.flags.length > 0) ? (
        <section aria-labelledby="warn-h">
          <h2 id="warn-h">{t('meeting.warnings')}</h2>
          <ul class="warnings">
            {m.flags.map((f) => (
              <li>{t(`flag.${f.kind}` as MessageKey)}</li>
            ))}
            {m.warnings.map((w) => (
              <li>
                {w.message}
                {w.line !== null ? ` (${t('meeting.warningLine', { line: w.line })})` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
