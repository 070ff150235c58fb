import type { RegisterOptions, RegisterPage } from '../../services/decision-register.js';
import { KindBadge } from '../components/badges.js';
import { Layout } from '../components/layout.js';
import { Pagination } from '../components/pagination.js';
import { formatDate, type MessageKey } from '../i18n/index.js';
import type { View } from '../view.js';

export interface RegisterForm {
  typ: string;
  ar: string;
  organ: string;
  organisation: string;
  /** The page, from 1. */
  sida: number;
}

/** Decisions per page of the register. */
export const REGISTER_PAGE_SIZE = 50;

/** The register's address with this form and page (page 1 and empty fields left out). */
function hrefOf(form: RegisterForm, sida: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...form, sida })) {
    if (v !== '' && !(k === 'sida' && v === 1)) params.set(k, String(v));
  }
  const query = params.toString();
  return query ? `/beslut?${query}` : '/beslut';
}

export function DecisionsPage(props: {
  view: View;
  form: RegisterForm;
  options: RegisterOptions;
  register: RegisterPage;
  csvHref: string;
}) {
  const { view, form, register, options } = props;
  const { t } = view;
  const pages = Math.max(1, Math.ceil(register.total / REGISTER_PAGE_SIZE));
  const first = (form.sida - 1) * REGISTER_PAGE_SIZE + 1;
  return (
    <Layout view={view} title={t('decisions.title')}>
      <h1>{t('decisions.title')}</h1>
      <form method="get" action="/beslut" class="inline">
        <div>
          <label for="f-kind">{t('common.kind')}</label>
          <select id="f-kind" name="typ">
            <option value="">{t('common.all')}</option>
            {options.kinds.map((k) => (
              <option value={k} selected={form.typ === k}>
                {t(`kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-year">{t('common.year')}</label>
          <select id="f-year" name="ar">
            <option value="">{t('common.all')}</option>
            {options.years.map((y) => (
              <option value={y} selected={form.ar === y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-body">{t('common.body')}</label>
          <select id="f-body" name="organ">
            <option value="">{t('common.all')}</option>
            {options.bodies.map((b) => (
              <option value={b} selected={form.organ === b}>
                {b}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-org">{t('decisions.organisation')}</label>
          <select id="f-org" name="organisation">
            <option value="">{t('common.all')}</option>
            {options.organisations.map((o) => (
              <option value={o.id} selected={form.organisation === o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('common.filter')}</button>
      </form>
      <p>
        <a href={props.csvHref}>{t('common.downloadCsv')}</a>
      </p>
      <div class="table-wrap">
        <table>
          <caption>
            {register.rows.length === 0
              ? t('decisions.caption', { n: register.total })
              : t('decisions.captionPage', {
                  n: register.total,
                  from: first,
                  to: first + register.rows.length - 1,
                })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('common.date')}</th>
              <th scope="col">{t('common.item')}</th>
              <th scope="col">{t('common.kind')}</th>
              <th scope="col">{t('common.decision')}</th>
              <th scope="col">{t('decisions.organisation')}</th>
            </tr>
          </thead>
          <tbody>
            {register.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/moten/${r.meetingId}`}>{formatDate(r.date, view.lang) ?? t('common.unknownDate')}</a>
                  <div class="meta">{[r.body, r.meetingNumber].filter(Boolean).join(' ')}</div>
                </td>
                <td>
                  <a href={`/moten/${r.meetingId}#${r.itemId}`}>
                    {r.itemNumber ? `${r.itemNumber}. ` : ''}
                    {view.text(r.itemTitle)}
                  </a>
                </td>
                <td>
                  <KindBadge view={view} kind={r.kind} />
                </td>
                <td>{view.text(r.text)}</td>
                <td>{r.organisations.map((o) => o.name).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination view={view} page={form.sida} pages={pages} href={(p) => hrefOf(form, p)} />
    </Layout>
  );
}
