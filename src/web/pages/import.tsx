import type { ProtocolDocument } from '../../domain/document.js';
import type { PendingUpload } from '../../services/import-upload.js';
import { KindBadge } from '../components/badges.js';
import { CsrfField } from '../components/csrf-field.js';
import { Layout } from '../components/layout.js';
import { formatDate, type Lang } from '../i18n/index.js';
import type { View } from '../view.js';

/** "2025-03-01T10:00:00.000Z" → "1 mars 2025 11:00" in Swedish time. */
function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}

export function ImportPage(props: {
  view: View;
  maxMb: number;
  error?: string | null;
  preview?: { token: string; name: string; document: ProtocolDocument } | null;
  /** The secretary's uploads still waiting for confirmation. */
  pending?: PendingUpload[];
}) {
  const { view, preview } = props;
  const { t } = view;
  const d = preview?.document;
  return (
    <Layout view={view} title={t('import.title')}>
      <h1>{t('import.title')}</h1>
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
      {preview && d ? (
        <section aria-labelledby="preview-h">
          <h2 id="preview-h">{t('import.preview', { name: preview.name })}</h2>
          <dl class="facts">
            <dt>{t('common.body')}</dt>
            <dd>{[d.body ?? t('common.noBody'), d.organization].filter(Boolean).join(', ')}</dd>
            <dt>{t('common.number')}</dt>
            <dd>{d.number ?? '–'}</dd>
            <dt>{t('common.date')}</dt>
            <dd>{formatDate(d.date, view.lang) ?? t('common.unknownDate')}</dd>
            <dt>{t('common.time')}</dt>
            <dd>{[d.start, d.end].filter(Boolean).join('–') || '–'}</dd>
            <dt>{t('common.place')}</dt>
            <dd>{d.place ?? '–'}</dd>
            <dt>{t('meeting.present')}</dt>
            <dd>{d.present.map((p) => [p.name, p.organization].filter(Boolean).join(', ')).join('; ') || '–'}</dd>
            <dt>{t('meeting.absent')}</dt>
            <dd>{d.absent.map((p) => p.name).join('; ') || '–'}</dd>
          </dl>
          <h3>{t('meeting.items')}</h3>
          <ol>
            {d.items.map((i) => (
              <li>
                {i.number ? `${i.number}. ` : ''}
                {i.title}
                {i.decisions.length > 0 ? (
                  <ul>
                    {i.decisions.map((x) => (
                      <li>
                        <KindBadge view={view} kind={x.kind} /> {x.text}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
          <h3>{t('meeting.warnings')}</h3>
          {d.warnings.length === 0 ? (
            <p>{t('import.noWarnings')}</p>
          ) : (
            <ul class="warnings">
              {d.warnings.map((w) => (
                <li>
                  {w.message}
                  {w.line !== null ? ` (${t('meeting.warningLine', { line: w.line })})` : ''}
                </li>
              ))}
            </ul>
          )}
          <form method="post" action="/import/bekrafta" class="inline">
            <CsrfField view={view} />
            <input type="hidden" name="token" value={preview.token} />
            <button type="submit">{t('import.confirm')}</button>
            <button type="submit" formaction="/import/kasta" class="secondary">
              {t('import.discard')}
            </button>
            <a href="/import">{t('import.later')}</a>
          </form>
        </section>
      ) : (
        <>
          <p>{t('import.intro', { mb: props.maxMb })}</p>
          <form method="post" action="/import" enctype="multipart/form-data">
            <CsrfField view={view} />
            <div class="field">
              <label for="file">{t('import.file')}</label>
              <input type="file" id="file" name="file" required accept=".pdf,.docx,.txt,.md" />
            </div>
            <p>
              <button type="submit">{t('import.upload')}</button>
            </p>
          </form>
          {props.pending && props.pending.length > 0 ? (
            <section aria-labelledby="pending-h">
              <h2 id="pending-h">{t('import.pending')}</h2>
              <p>{t('import.pendingIntro')}</p>
              <ul class="plain">
                {props.pending.map((u) => (
                  <li>
                    <strong>{u.name}</strong>
                    <div class="meta">
                      {t('import.pendingMeta', {
                        kb: Math.max(1, Math.round(u.size / 1024)),
                        at: formatDateTime(u.createdAt, view.lang),
                        until: formatDateTime(u.expiresAt, view.lang),
                      })}
                    </div>
                    <form method="post" action="/import/visa" class="inline">
                      <CsrfField view={view} />
                      <input type="hidden" name="token" value={u.id} />
                      <button type="submit">
                        {t('import.show')}
                        <span class="visually-hidden">: {u.name}</span>
                      </button>
                      <button type="submit" formaction="/import/bekrafta">
                        {t('import.confirm')}
                        <span class="visually-hidden">: {u.name}</span>
                      </button>
                      <button type="submit" formaction="/import/kasta" class="secondary">
                        {t('import.discard')}
                        <span class="visually-hidden">: {u.name}</span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </Layout>
  );
}
