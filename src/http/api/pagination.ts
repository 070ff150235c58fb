import type { Context } from 'hono';

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  links: { self: string; next: string | null; prev: string | null };
  data: T[];
}

/** Wraps one page of rows with the total and links to the next and previous pages (same query, other offset). */
export function page<T>(c: Context, data: T[], total: number, limit: number, offset: number): Page<T> {
  const url = new URL(c.req.url);
  const at = (o: number) => {
    const query = new URLSearchParams(url.searchParams);
    query.set('offset', String(o));
    query.set('limit', String(limit));
    return `${url.pathname}?${query}`;
  };
  return {
    total,
    limit,
    offset,
    links: {
      self: `${url.pathname}${url.search}`,
      next: offset + limit < total ? at(offset + limit) : null,
      prev: offset > 0 ? at(Math.max(0, offset - limit)) : null,
    },
    data,
  };
}
