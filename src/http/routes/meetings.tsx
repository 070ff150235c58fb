import type { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { isOverdue } from '../../services/follow-up.js';
import { meetingFilterOptions, meetingListPage, meetingPageData } from '../../services/meetings.js';
import { hiddenMeetings } from '../../services/publication.js';
import { MeetingPage } from '../../web/pages/meeting.js';
import { MEETINGS_PAGE_SIZE, MeetingsPage } from '../../web/pages/meetings.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { isId } from '../ids.js';
import { cachedRead } from '../read-cache.js';
import { page } from '../render.js';
import { valid } from '../validate.js';

const ListQuery = z.object({
  ar: z.union([z.literal(''), z.coerce.number().int().min(1000).max(9999)]).optional(),
  organ: z.string().max(200).optional(),
  sida: z.coerce.number().int().min(1).max(100_000).default(1),
});

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  json: 'application/json',
};

/** A file name that is safe in a header and on any disk: no path, no control or quoting characters. */
export function safeFileName(name: string, format: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = base
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 120);
  return clean || `protokoll.${format}`;
}

export function meetingRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/moten', async (c) => {
    const view = c.get('view');
    const query = valid(ListQuery, c.req.query());
    const year = typeof query.ar === 'number' ? query.ar : undefined;
    const body = query.organ || undefined;
    // The public sees only published meetings; signed-in users see all, the unpublished ones marked.
    const publishedOnly = !view.user;
    const options = await cachedRead(deps.store, `meeting-options:${publishedOnly ? 'public' : 'all'}`, () =>
      meetingFilterOptions(deps.store, { publishedOnly }),
    );
    const { rows, total } = await meetingListPage(deps.store, {
      ...(year === undefined ? {} : { year }),
      ...(body === undefined ? {} : { body }),
      publishedOnly,
      limit: MEETINGS_PAGE_SIZE,
      offset: (query.sida - 1) * MEETINGS_PAGE_SIZE,
    });
    return page(
      c,
      <MeetingsPage
        view={view}
        meetings={rows}
        total={total}
        page={query.sida}
        years={options.years}
        bodies={options.bodies}
        year={year}
        body={body}
        hidden={view.user ? await hiddenMeetings(deps.store) : new Set()}
      />,
    );
  });

  app.get('/moten/:id', async (c) => {
    const view = c.get('view');
    const id = c.req.param('id');
    if (!isId('m', id)) throw new AppError('not-found', 'No such meeting.');
    // One read for the page: the meeting, its postponed items and its publication flag.
    const data = await meetingPageData(deps.store, id);
    if (!data || (!view.user && !data.published)) throw new AppError('not-found', 'No such meeting.');
    const { meeting, published } = data;
    const referrals = new Map(data.referrals.map((r) => [r.itemId, r]));
    const overdue = new Set(
      meeting.items.flatMap((i) =>
        i.decisions.flatMap((d) =>
          d.assignments.filter((a) => isOverdue(a.status, a.due, deps.clock)).map((a) => a.id),
        ),
      ),
    );
    return page(
      c,
      <MeetingPage view={view} meeting={meeting} referrals={referrals} overdue={overdue} published={published} />,
    );
  });

  /** The original file, as stored: signed-in users only (the public reads the redacted pages). */
  app.get('/dokument/:id', async (c) => {
    const view = c.get('view');
    const id = c.req.param('id');
    if (!isId('doc', id)) throw new AppError('not-found', 'No such document.');
    if (!view.user) throw new AppError('unauthorized', 'Sign in to download original files.');
    const doc = await deps.store.read((s) => s.documents.get(id));
    if (!doc) throw new AppError('not-found', 'No such document.');
    const name = safeFileName(doc.name, doc.format);
    const ascii = name.replace(/[^\x20-\x7e]/g, '_');
    return c.body(new Uint8Array(doc.bytes), 200, {
      'Content-Type': CONTENT_TYPES[doc.format] ?? 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      // A stored HTML file must never run as a page of this site.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    });
  });
}
