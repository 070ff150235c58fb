import type { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { isOverdue, meetingReferrals } from '../../services/follow-up.js';
import { listMeetings, showMeeting } from '../../services/meetings.js';
import { hiddenMeetings } from '../../services/publication.js';
import { MeetingPage } from '../../web/pages/meeting.js';
import { MeetingsPage } from '../../web/pages/meetings.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { isId } from '../ids.js';
import { page } from '../render.js';
import { valid } from '../validate.js';

const ListQuery = z.object({
  ar: z.union([z.literal(''), z.coerce.number().int().min(1000).max(9999)]).optional(),
  organ: z.string().max(200).optional(),
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
    const hidden = await hiddenMeetings(deps.store);
    const visible = (list: Awaited<ReturnType<typeof listMeetings>>) =>
      view.user ? list : list.filter((m) => !hidden.has(m.id));
    const all = visible(await listMeetings(deps.store));
    const meetings = all.filter(
      (m) => (year === undefined || m.date?.startsWith(`${year}-`)) && (body === undefined || m.body === body),
    );
    const distinct = (values: Array<string | null | undefined>) =>
      [...new Set(values.filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b, 'sv'));
    return page(
      c,
      <MeetingsPage
        view={view}
        meetings={meetings}
        years={distinct(all.map((m) => m.date?.slice(0, 4))).reverse()}
        bodies={distinct(all.map((m) => m.body))}
        year={year}
        body={body}
        hidden={view.user ? hidden : new Set()}
      />,
    );
  });

  app.get('/moten/:id', async (c) => {
    const view = c.get('view');
    const id = c.req.param('id');
    if (!isId('m', id)) throw new AppError('not-found', 'No such meeting.');
    const published = await deps.store.read((s) => s.publication.isPublished(id));
    if (!view.user && !published) throw new AppError('not-found', 'No such meeting.');
    const meeting = await showMeeting(deps.store, id);
    const referrals = new Map((await meetingReferrals(deps.store, id)).map((r) => [r.itemId, r]));
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
