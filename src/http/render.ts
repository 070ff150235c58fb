import type { Context } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ArchiveStore } from '../store/ports.js';
import type { AppEnv } from './env.js';
import { cachedRead } from './read-cache.js';

/** Sends a page: the doctype, then the JSX tree (hono/jsx escapes every string in it). */
export function page(
  c: Context,
  node: HtmlEscapedString | Promise<HtmlEscapedString>,
  status: ContentfulStatusCode = 200,
) {
  return c.html(html`<!doctype html>${node}`, status);
}

/**
 * Sends a page that is the same for every anonymous viewer of one language and address while the archive is
 * unchanged (the start page, statistics): rendered once per data version and kept as HTML. Signed-in viewers, and
 * addresses with other query parameters than the page reads (`canonicalQuery`), are rendered every time, so odd
 * addresses cannot fill the cache.
 */
export async function cachedPage(
  c: Context<AppEnv>,
  store: ArchiveStore,
  key: string,
  canonicalQuery: string,
  render: () => HtmlEscapedString | Promise<HtmlEscapedString>,
) {
  const view = c.get('view');
  if (view.user || view.query !== canonicalQuery) return page(c, render());
  const body = await cachedRead(
    store,
    `${key}:${view.lang}:${view.path}?${view.query}`,
    async () => String(await html`<!doctype html>${render()}`),
    'pages',
  );
  return c.html(body);
}
