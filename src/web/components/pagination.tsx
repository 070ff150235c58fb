import type { View } from '../view.js';

/** Previous/next links for a paged list; `href(page)` builds the address of a page (1-based). */
export function Pagination(props: { view: View; page: number; pages: number; href: (page: number) => string }) {
  const { view, page, pages } = props;
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={view.t('common.pagination')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={props.href(page - 1)} rel="prev">
              {view.t('common.previous')}
            </a>
          </li>
        ) : null}
        <li aria-current="page">{view.t('common.page', { page, pages })}</li>
        {page < pages ? (
          <li>
            <a href={props.href(page + 1)} rel="next">
              {view.t('common.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
