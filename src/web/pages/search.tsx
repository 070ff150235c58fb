import { raw } from 'hono/html';
import type { SearchResult } from '../../services/search-archive.js';
import { KindBadge } from '../components/badges.js';
import { BarChart } from '../components/bar-chart.js';
import { Layout } from '../components/layout.js';
import { Pagination } from '../components/pagination.js';
import { formatDate, type MessageKey } from '../i18n/index.js';
import type { View } from '../view.js';

export interface SearchForm {
  q: string;
  typ: string;
  organ: string;
  ar: string;
  beslut: string;
  sida: number;
  /** '1': count the hits per year over the whole archive, also for a search of more than SEARCH_CAP hits. */
  tidslinje: string;
}

/** The search service returns snippets HTML-escaped with only <mark> added; anything else is escaped again. */
function marked(view: View, html: string) {
  return raw(view.text(html));
}

function hrefWith(form: SearchForm, change: Partial<SearchForm>): string {
  const next = { ...form, ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(next)) {
    if (v !== '' && !(k === 'sida' && v === 1)) params.set(k, String(v));
  }
  return `/sok?${params}`;
}

function Facet(props: {
  form: SearchForm;
  field: 'typ' | 'organ' | 'ar' | 'beslut';
  legend: string;
  values: Array<{ value: string; count: number; label: string }>;
}) {
  const { form } = props;
  if (props.values.length === 0) return null;
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <ul>
        {props.values.map((v) => {
          const current = form[props.field] === v.value;
          return (
            <li>
              <a
                href={hrefWith(form, { [props.field]: current ? '' : v.value, sida: 1 })}
                aria-current={current ? 'true' : undefined}
              >
                {current ? <strong>{v.label}</strong> : v.label}
              </a>{' '}
              ({v.count})
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

export function SearchPage(props: { view: View; form: SearchForm; result: SearchResult | null; pageSize: number }) {
  const { view, form, result } = props;
  const { t } = view;
  const pages = result ? Math.max(1, Math.ceil(result.total / props.pageSize)) : 0;
  // Hits per year: the facet counts are all of them unless the search was capped; then only on request.
  const years =
    result?.timeline ??
    (result && !result.counts.capped ? result.counts.years.map((y) => ({ year: y.value, count: y.count })) : null);
  const filtered = form.typ || form.organ || form.ar || form.beslut;
  return (
    <Layout view={view} title={form.q ? `${t('search.title')}: ${form.q}` : t('search.title')}>
      <h1>{t('search.title')}</h1>
      <search>
        <form method="get" action="/sok" class="search-row">
          <div class="field">
            <label for="q">{t('search.label')}</label>
            <input type="search" id="q" name="q" value={form.q} aria-describedby="q-help" />
          </div>
          {(['typ', 'organ', 'ar', 'beslut'] as const).map((k) =>
            form[k] ? <input type="hidden" name={k} value={form[k]} /> : null,
          )}
          <button type="submit">{t('common.search')}</button>
        </form>
      </search>
      <p id="q-help" class="meta">
        {t('search.help')}
      </p>
      {!result ? (
        <p>{t('search.empty')}</p>
      ) : (
        <div class="layout-2">
          <aside class="facets" aria-labelledby="facets-h">
            <h2 id="facets-h">{t('search.filters')}</h2>
            {filtered ? (
              <p>
                <a href={hrefWith(form, { typ: '', organ: '', ar: '', beslut: '', sida: 1 })}>{t('search.clear')}</a>
              </p>
            ) : null}
            <Facet
              form={form}
              field="typ"
              legend={t('search.type')}
              values={result.counts.types.map((x) => ({
                ...x,
                label: t(`search.type.${x.value}` as MessageKey),
              }))}
            />
            <Facet
              form={form}
              field="organ"
              legend={t('common.body')}
              values={result.counts.bodies.map((x) => ({ ...x, label: x.value }))}
            />
            <Facet
              form={form}
              field="ar"
              legend={t('common.year')}
              values={[...result.counts.years].reverse().map((x) => ({ ...x, label: x.value }))}
            />
            <Facet
              form={form}
              field="beslut"
              legend={t('search.kind')}
              values={result.counts.decisionKinds.map((x) => ({ ...x, label: t(`kind.${x.value}` as MessageKey) }))}
            />
          </aside>
          <div>
            <h2 id="results-h" aria-live="polite">
              {result.total === 0
                ? t('search.noResults', { q: form.q })
                : t(result.counts.capped ? 'search.resultsCapped' : 'search.results', { n: result.total, q: form.q })}
            </h2>
            {result.counts.capped ? <p class="meta">{t('search.cappedHint', { n: result.total })}</p> : null}
            <ol class="plain hits" start={(form.sida - 1) * props.pageSize + 1}>
              {result.hits.map((hit) => {
                const href =
                  hit.type === 'person'
                    ? `/personer/${hit.id}`
                    : hit.type === 'meeting'
                      ? `/moten/${hit.id}`
                      : hit.type === 'decision'
                        ? `/moten/${hit.meetingId}#${hit.id}`
                        : `/moten/${hit.meetingId}#${hit.id}`;
                return (
                  <li>
                    <a class="hit-title" href={href}>
                      {hit.itemNumber ? `${hit.itemNumber}. ` : ''}
                      {marked(view, hit.titleHtml)}
                    </a>
                    <div class="meta">
                      {t(`search.type.${hit.type}` as MessageKey)}
                      {hit.body ? ` · ${hit.body}` : ''}
                      {hit.meetingNumber ? ` ${hit.meetingNumber}` : ''}
                      {hit.date ? ` · ${formatDate(hit.date, view.lang)}` : ''}{' '}
                      {hit.decisionKind ? <KindBadge view={view} kind={hit.decisionKind} /> : null}
                    </div>
                    {hit.snippetHtml ? <p>{marked(view, hit.snippetHtml)}</p> : null}
                  </li>
                );
              })}
            </ol>
            <Pagination view={view} page={form.sida} pages={pages} href={(p) => hrefWith(form, { sida: p })} />
            {years && years.length > 0 ? (
              <BarChart
                view={view}
                id="timeline"
                title={t('search.timeline')}
                rowHeader={t('common.year')}
                rows={years.map((y) => y.year)}
                series={[{ label: t('search.timelineCaption'), values: years.map((y) => y.count) }]}
              />
            ) : result.counts.capped ? (
              <p>
                <a href={hrefWith(form, { tidslinje: '1' })}>{t('search.showTimeline')}</a>
              </p>
            ) : null}
          </div>
        </div>
      )}
    </Layout>
  );
}
