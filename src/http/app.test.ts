import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignment,
  decision,
  documentFile,
  fakeParser,
  item,
  makeDocument,
} from '../../test/support/archive-factories.js';
import { createTestWeb, TEST_NOW, TestClient, type TestWeb } from '../../test/support/web-app.js';
import { importBytes } from '../services/import-archive.js';
import { setPublished } from '../services/publication.js';
import { SqliteSearchIndex } from '../store/sqlite/search-index.js';
import { createApp } from './app.js';
import { CONTENT_SECURITY_POLICY } from './middleware/security-headers.js';

let web: TestWeb;
let meetingId: string;
let assignmentId: string;

beforeAll(async () => {
  web = await createTestWeb();
  const list = await (await new TestClient(web.app).get('/moten')).text();
  meetingId = /\/moten\/(m_[0-9a-f]{20})/.exec(list)![1]!;
  const all = await (await new TestClient(web.app).get('/uppdrag?visa=all')).text();
  assignmentId = /<li id="(a_[0-9a-f]{20})"/.exec(all)![1]!;
}, 60_000);
afterAll(() => web.close());

const anonymous = () => new TestClient(web.app);
async function signedIn(role: 'admin' | 'secretary' | 'member'): Promise<TestClient> {
  const client = new TestClient(web.app);
  expect((await client.signIn(role)).status).toBe(303);
  return client;
}

describe('search page', () => {
  it('draws hits per year from the counts, and for a capped search only when asked', async () => {
    const full = await (await anonymous().get('/sok?q=trainee')).text();
    expect(full).toContain('id="timeline-h"');
    const capped = createApp({ store: web.store, search: new SqliteSearchIndex(2), clock: () => TEST_NOW });
    const client = new TestClient(capped);
    const first = await (await client.get('/sok?q=trainee')).text();
    expect(first).toContain('Fler än 2 träffar');
    expect(first).not.toContain('id="timeline-h"');
    expect(first).toContain('tidslinje=1');
    const asked = await (await client.get('/sok?q=trainee&tidslinje=1')).text();
    expect(asked).toContain('id="timeline-h"');
  });
});

describe('pages', () => {
  it.each([
    ['/', 'Översikt'],
    ['/moten', 'Möten'],
    ['/moten?ar=2016', '2016'],
    ['/sok', 'Skriv något att söka efter'],
    ['/sok?q=trainee', 'träffar för'],
    ['/beslut', 'Beslutsregister'],
    ['/beslut?typ=assignment', 'Beslutsregister'],
    ['/uppdrag', 'Uppdrag'],
    ['/uppdrag?visa=overdue', 'Försenade'],
    ['/personer', 'Personer'],
    ['/organisationer', 'Organisationer'],
    ['/statistik', 'Möten per år'],
    ['/statistik?ar=2016', 'Närvaro per kommun'],
    ['/logga-in', 'Logga in'],
  ])('%s renders in Swedish', async (path, text) => {
    const response = await anonymous().get(path);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html><html lang="sv">/);
    expect(html).toContain(text);
  });

  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const client = anonymous();
    const first = await (await client.get('/moten?lang=en')).text();
    expect(first).toContain('<html lang="en">');
    expect(first).toContain('Meetings');
    expect(await (await client.get('/')).text()).toContain('Latest meetings');
  });

  it('shows a meeting with attendance, items, decisions and anchors, and people and organisations pages', async () => {
    const html = await (await anonymous().get(`/moten/${meetingId}`)).text();
    expect(html).toContain('Närvarande');
    expect(html).toMatch(/<article class="item" id="i_[0-9a-f]{20}"/);
    const person = /\/personer\/(p_[0-9a-f]{20})/.exec(html)![1];
    const org = /\/organisationer\/(o_[0-9a-f]{20})/.exec(html)![1];
    expect((await anonymous().get(`/personer/${person}`)).status).toBe(200);
    const orgPage = await (await anonymous().get(`/organisationer/${org}`)).text();
    expect(orgPage).toContain('Representanter över tid');
  });

  it('serves CSV for the register and the statistics', async () => {
    const csv = await anonymous().get('/beslut.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[0]).toContain('date,body,meeting_number');
    for (const table of ['moten', 'narvaro-kommuner', 'narvaro-personer', 'beslut', 'uppdrag']) {
      expect((await anonymous().get(`/statistik/${table}.csv`)).status).toBe(200);
    }
    expect((await anonymous().get('/statistik/hemligt.csv')).status).toBe(404);
  });

  it('draws charts as SVG with a data table each', async () => {
    const html = await (await anonymous().get('/statistik')).text();
    expect((html.match(/<svg /g) ?? []).length).toBe(5);
    expect((html.match(/<table>/g) ?? []).length).toBe(5);
  });
});

describe('long lists a page at a time', () => {
  it('caps the start page lists and links to the full lists with their counts', async () => {
    const html = await (await anonymous().get('/')).text();
    expect(html).toMatch(/<a href="\/uppdrag\?visa=overdue">Alla försenade uppdrag \(\d+\)<\/a>/);
    expect(html).toMatch(/<a href="\/uppdrag\?visa=open">Alla öppna uppdrag \(\d+\)<\/a>/);
    expect(html).toMatch(/<a href="\/uppdrag\?visa=postponed">Alla flyttade ärenden som inte tagits upp \(\d+\)<\/a>/);
    const postponed = await (await anonymous().get('/uppdrag?visa=postponed')).text();
    expect(postponed).toMatch(/\d+ flyttade ärenden som inte tagits upp, 1–\d+ visas/);
    expect(postponed).toMatch(/<li id="i_[0-9a-f]{20}">/);
    const all = await (await anonymous().get('/uppdrag?visa=all')).text();
    const total = Number(/(\d+) uppdrag, 1–\d+ visas/.exec(all)![1]);
    expect(all).toContain(`Alla (${total})`);
    expect((all.match(/<li id="a_/g) ?? []).length).toBe(total);
  });

  it('pages the per-person statistics and keeps every person in the CSV', async () => {
    const first = await (await anonymous().get('/statistik')).text();
    const n = Number(/Personerna 1–25 av (\d+)/.exec(first)![1]);
    expect(n).toBeGreaterThan(25);
    expect(first).toContain('href="/statistik?sida=2#persons-h"');
    const second = await (await anonymous().get('/statistik?sida=2')).text();
    expect(second).toContain(`Personerna 26–${Math.min(50, n)} av ${n}`);
    const csv = await (await anonymous().get('/statistik/narvaro-personer.csv')).text();
    expect(csv.split('\r\n').length - 2).toBe(n);
  });

  it('pages the decisions register with a total, page links that keep the filter, and a full CSV', async () => {
    const extra = await createTestWeb();
    try {
      // The five examples hold 40 decisions; six more meetings of three decisions each make two pages.
      for (let k = 0; k < 6; k++) {
        const doc = makeDocument({
          date: `2025-01-${String(10 + k).padStart(2, '0')}`,
          items: [
            item(`Ärende ${k}`, {
              number: '1',
              decisions: [
                decision(`att godkänna ${k}`),
                decision(`att notera ${k}`, 'information'),
                decision(`att utreda ${k}`, 'assignment', [assignment(['Bjuvs kommun'], `utreda ${k}`)]),
              ],
            }),
          ],
        });
        const result = await importBytes(
          extra.store,
          { bytes: documentFile(doc, String(k)), name: `extra-${k}.txt` },
          { parse: fakeParser('1.0.0') },
        );
        expect(result.outcome).not.toBe('failed');
      }
      const client = new TestClient(extra.app);
      const first = await (await client.get('/beslut')).text();
      expect(first).toContain('58 beslut, 1–50 visas');
      expect((first.match(/<tr><td>/g) ?? []).length).toBe(50);
      expect(first).toContain('Sida 1 av 2');
      expect(first).toContain('<a href="/beslut?sida=2" rel="next">');
      const second = await (await client.get('/beslut?sida=2')).text();
      expect(second).toContain('58 beslut, 51–58 visas');
      expect((second.match(/<tr><td>/g) ?? []).length).toBe(8);
      expect(second).toContain('<a href="/beslut" rel="prev">');
      const body = await (await client.get('/beslut?organ=Kommundirektörsgruppen')).text();
      expect(body).toContain('<a href="/beslut?organ=Kommundirekt%C3%B6rsgruppen&amp;sida=2" rel="next">');
      expect(body).toContain('href="/beslut.csv?organ=Kommundirekt%C3%B6rsgruppen"');
      const kinds = await (await client.get('/beslut?typ=information')).text();
      expect(kinds).toMatch(/\d+ beslut, 1–\d+ visas/);
      expect(kinds).not.toContain('rel="next"');
      const bytes = new Uint8Array(await (await client.get('/beslut.csv')).arrayBuffer());
      // UTF-8 with a byte order mark, so spreadsheet programs read å, ä, ö.
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = new TextDecoder().decode(bytes);
      expect(csv.startsWith('date,body,')).toBe(true);
      expect(csv.split('\r\n').length - 2).toBe(58);
      const assigned = await (await client.get('/beslut.csv?typ=assignment&ar=2025')).text();
      expect(assigned.split('\r\n').length - 2).toBe(6);
      expect(assigned).toMatch(/,Bjuv,m_[0-9a-f]{20},d_/);
    } finally {
      await extra.close();
    }
  }, 60_000);
});

describe('security', () => {
  it('sends a strict CSP and the other protective headers on every response', async () => {
    for (const path of ['/', '/finns-inte', '/sok?q=(']) {
      const response = await anonymous().get(path);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  it('sets HttpOnly SameSite=Lax cookies, Secure over https', async () => {
    const plain = await anonymous().get('/');
    expect(plain.headers.get('set-cookie')).toMatch(/protokoll_csrf=.*HttpOnly.*SameSite=Lax/);
    const https = await web.app.request('https://protokoll.example/');
    expect(https.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('refuses a POST without or with a wrong CSRF token', async () => {
    const client = await signedIn('secretary');
    const path = `/uppdrag/${assignmentId}/status`;
    expect((await client.post(path, { status: 'done' }, { csrf: false })).status).toBe(403);
    expect((await client.post(path, { status: 'done', _csrf: 'x'.repeat(43) }, { csrf: false })).status).toBe(403);
    const crossSite = await client.request(path, {
      method: 'POST',
      body: new URLSearchParams({ status: 'done', _csrf: client.csrf }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
  });

  it('checks roles: anonymous 401, member 403, secretary allowed', async () => {
    const path = `/uppdrag/${assignmentId}/status`;
    expect((await anonymous().post(path, { status: 'done' })).status).toBe(401);
    expect((await (await signedIn('member')).post(path, { status: 'done' })).status).toBe(403);
    expect((await anonymous().get('/import')).status).toBe(401);
    expect((await (await signedIn('member')).get(`/granska/${meetingId}`)).status).toBe(403);
    const secretary = await signedIn('secretary');
    const done = await secretary.post(path, { status: 'done', anteckning: 'Redovisat', tillbaka: '/uppdrag?visa=all' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/uppdrag?visa=all&sparat=1#${assignmentId}`);
    const audit = await web.store.read((s) => s.audit.list(5));
    expect(audit.some((e) => e.actor === 'secretary' && e.targetId === assignmentId)).toBe(true);
    await secretary.post(path, { status: 'open' });
  });

  it('redirects after sign-in only within the site', async () => {
    const client = anonymous();
    const response = await client.post('/logga-in', {
      name: 'member',
      password: 'correct horse battery',
      next: '//evil.example',
    });
    expect(response.headers.get('location')).toBe('/');
  });

  it('limits failed sign-ins', async () => {
    const client = anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await client.post('/logga-in', { name: 'nobody', password: 'wrong password' })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });

  it('shows the public only published meetings, everywhere', async () => {
    // The start page and statistics are kept rendered for the public: hiding a meeting must renew them.
    expect(await (await anonymous().get('/')).text()).toContain(meetingId);
    expect(await (await anonymous().get('/statistik')).text()).toContain('Antal möten: 5');
    await setPublished(web.store, meetingId, false, { actor: 'test' });
    try {
      expect(await (await anonymous().get('/')).text()).not.toContain(meetingId);
      expect((await anonymous().get(`/moten/${meetingId}`)).status).toBe(404);
      expect(await (await anonymous().get('/moten')).text()).not.toContain(meetingId);
      expect(await (await anonymous().get('/beslut')).text()).not.toContain(meetingId);
      expect(await (await anonymous().get('/uppdrag?visa=all')).text()).not.toContain(meetingId);
      expect(await (await anonymous().get('/beslut.csv')).text()).not.toContain(meetingId);
      const member = await signedIn('member');
      expect((await member.get(`/moten/${meetingId}`)).status).toBe(200);
      expect(await (await member.get('/moten')).text()).toContain('Ej publicerat');
      expect(await (await member.get('/beslut.csv')).text()).toContain(meetingId);
      // Person and organisation pages count and link only what the viewer may see.
      const present = await web.store.read((s) =>
        s.db
          .selectFrom('participants')
          .select(['personId', 'organisationId'])
          .where('meetingId', '=', meetingId)
          .where('list', '=', 'present')
          .where('personId', 'is not', null)
          .where('organisationId', 'is not', null)
          .executeTakeFirstOrThrow(),
      );
      expect(await (await anonymous().get(`/personer/${present.personId}`)).text()).not.toContain(meetingId);
      expect(await (await member.get(`/personer/${present.personId}`)).text()).toContain(meetingId);
      expect(await (await anonymous().get(`/organisationer/${present.organisationId}`)).text()).not.toContain(
        meetingId,
      );
      // Statistics count what the viewer may see: the public one meeting less, signed-in users all five.
      expect(await (await anonymous().get('/statistik')).text()).toContain('Antal möten: 4');
      expect(await (await member.get('/statistik')).text()).toContain('Antal möten: 5');
      expect(((await (await anonymous().get('/api/v1/stats')).json()) as { meetingsHeld: number }).meetingsHeld).toBe(
        4,
      );
      const csv = await (await anonymous().get('/statistik/moten.csv')).text();
      const counted = csv
        .split('\r\n')
        .slice(1, -1)
        .map((line) => Number(line.split(',')[1]));
      expect(counted.reduce((a, b) => a + b, 0)).toBe(4);
    } finally {
      await setPublished(web.store, meetingId, true, { actor: 'test' });
    }
  });

  it('lets a secretary hide and publish a meeting through the review page, audited', async () => {
    const secretary = await signedIn('secretary');
    expect((await secretary.post(`/granska/${meetingId}/publicering`, { publicerad: '0' })).status).toBe(303);
    expect((await anonymous().get(`/moten/${meetingId}`)).status).toBe(404);
    expect((await secretary.post(`/granska/${meetingId}/publicering`, { publicerad: '1' })).status).toBe(303);
    expect((await anonymous().get(`/moten/${meetingId}`)).status).toBe(200);
    const actions = (await web.store.read((s) => s.audit.list(5))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['meeting.publish', 'meeting.unpublish']));
  });

  it.each([
    '/moten/..%2F..%2Fetc%2Fpasswd',
    '/moten/m_zzz',
    '/dokument/..%2F..%2Fpackage.json',
    '/assets/..%2F..%2Fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/personer/%E0%A4%A',
    '/sok?q=%E0%A4%A',
    '/sok?q=(((',
    '/sok?q="',
    '/sok?q=a&sida=-1',
    '/sok?q=a&sida=abc',
    '/sok?q=a&typ=<script>',
    '/moten?ar=abc',
    '/beslut?organisation=../../x',
    '/statistik?ar=20166',
    '/uppdrag?visa=x',
  ])('answers %s with 4xx and no stack trace', async (path) => {
    const response = await anonymous().get(path);
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(500);
    const html = await response.text();
    expect(html).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(html).not.toContain('devDependencies');
    expect(html).not.toContain('<script');
  });

  it('answers malformed posts with 4xx', async () => {
    const client = await signedIn('secretary');
    const bad = [
      client.request('/logga-in', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } }),
      client.request('/logga-in', {
        method: 'POST',
        body: '--x\r\nbroken',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      }),
      client.post(`/uppdrag/${assignmentId}/status`, { status: 'exploded' }),
      client.post('/uppdrag/a_nope/status', { status: 'done' }),
      client.post(`/granska/${meetingId}/ratta`, { target: 'm_0000', place: 'x' }),
      client.post(`/granska/${meetingId}/ratta`, { target: meetingId, startTime: '25:99' }),
      client.post('/import/bekrafta', { token: 'nope' }),
    ];
    for (const response of await Promise.all(bad)) {
      expect(response.status, await response.text()).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
  });

  it('escapes markup from protocol text and redacts contact details for the public', async () => {
    const [item] = await web.store.read((s) => s.meetings.items(meetingId));
    const secretary = await signedIn('secretary');
    const title = '<script>alert(1)</script> Ring 070-123 45 67 eller mejla anna.svensson@example.se';
    expect(
      (await secretary.post(`/granska/${meetingId}/ratta`, { target: item!.id, title, number: item!.number ?? '' }))
        .status,
    ).toBe(303);
    const publicHtml = await (await anonymous().get(`/moten/${meetingId}`)).text();
    expect(publicHtml).not.toContain('<script>alert(1)</script>');
    expect(publicHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(publicHtml).not.toContain('070-123 45 67');
    expect(publicHtml).not.toContain('anna.svensson@example.se');
    expect(publicHtml).toContain('[telefon borttaget]');
    const search = await (await anonymous().get('/sok?q=alert')).text();
    expect(search).not.toContain('<script>alert');
    const memberHtml = await (await secretary.get(`/moten/${meetingId}`)).text();
    expect(memberHtml).toContain('070-123 45 67');
    await secretary.post(`/granska/${meetingId}/ratta`, {
      target: item!.id,
      title: item!.title,
      number: item!.number ?? '',
    });
  });

  it('downloads the original file only for signed-in users, as an attachment with a safe name', async () => {
    const docId = await web.store.read(async (s) => (await s.documents.listForMeeting(meetingId))[0]!.id);
    expect((await anonymous().get(`/dokument/${docId}`)).status).toBe(401);
    const response = await (await signedIn('member')).get(`/dokument/${docId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="kommundirektorsgruppen-\d{4}-\d{2}\.txt"/,
    );
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });
});

describe('review and import', () => {
  it('stores a correction with who and when, and it survives a re-import', async () => {
    const secretary = await signedIn('secretary');
    const response = await secretary.post(`/granska/${meetingId}/ratta`, {
      target: meetingId,
      place: 'Rådhuset, sal 2',
    });
    expect(response.status).toBe(303);
    const corrections = await web.store.read((s) => s.corrections.forMeeting(meetingId));
    expect(corrections).toContainEqual(expect.objectContaining({ field: 'place', createdBy: 'secretary' }));
    const { importArchive } = await import('../services/import-archive.js');
    const { EXAMPLES_DIR } = await import('../cli/commands/serve.js');
    await importArchive(web.store, [EXAMPLES_DIR], { parserVersion: '999.0.0' });
    expect(await (await anonymous().get(`/moten/${meetingId}`)).text()).toContain('Rådhuset, sal 2');
  });

  it('previews an upload, refuses a wrong type, and stores a confirmed file', async () => {
    const secretary = await signedIn('secretary');
    const upload = async (name: string, bytes: Uint8Array) => {
      const form = new FormData();
      form.set('_csrf', secretary.csrf);
      form.set('file', new File([bytes], name));
      return secretary.request('/import', { method: 'POST', body: form });
    };
    const png = await upload('bild.pdf', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    expect(png.status).toBeGreaterThanOrEqual(400);
    expect(png.status).toBeLessThan(500);
    const text = [
      'Styrgruppens protokoll 3/2023',
      'Tid: 2023-05-12 kl. 09.00-11.00',
      'Plats: Stadshuset',
      'Närvarande: Anna Ek, Bjuv; Per Lind, Klippan',
      '1. Budget 2024',
      'Beslut: att godkänna budgeten.',
    ].join('\n');
    const preview = await upload('styrgrupp.txt', new TextEncoder().encode(text));
    const html = await preview.text();
    expect(preview.status, html).toBe(200);
    expect(html).toContain('Budget 2024');
    const token = /name="token" value="([^"]+)"/.exec(html)![1]!;
    const stored = await secretary.post('/import/bekrafta', { token });
    expect(stored.status).toBe(303);
    expect(stored.headers.get('location')).toMatch(/^\/moten\/m_[0-9a-f]{20}$/);
    expect((await secretary.post('/import/bekrafta', { token })).status).toBe(410);
  });
});

describe('waiting uploads', () => {
  const protocol = (n: number) =>
    new TextEncoder().encode(
      [
        `Styrgruppens protokoll ${n}/2023`,
        `Tid: 2023-06-${String(10 + n).padStart(2, '0')} kl. 09.00-11.00`,
        'Plats: Stadshuset',
        'Närvarande: Anna Ek, Bjuv; Per Lind, Klippan',
        `1. Budget ${2024 + n}`,
        'Beslut: att godkänna budgeten.',
      ].join('\n'),
    );
  const upload = async (client: TestClient, name: string, bytes: Uint8Array) => {
    const form = new FormData();
    form.set('_csrf', client.csrf);
    form.set('file', new File([bytes], name));
    const html = await (await client.request('/import', { method: 'POST', body: form })).text();
    return /name="token" value="([^"]+)"/.exec(html)![1]!;
  };
  /** The same archive served by a new app, as after a restart of the server (nothing kept in memory). */
  const restarted = (clock: () => Date = () => TEST_NOW) =>
    createApp({ store: web.store, search: new SqliteSearchIndex(), clock });
  const signIn = async (app: ReturnType<typeof restarted>, role: 'secretary' | 'admin') => {
    const client = new TestClient(app);
    expect((await client.signIn(role)).status).toBe(303);
    return client;
  };

  it('keeps an upload across a restart until its uploader confirms it', async () => {
    const token = await upload(await signedIn('secretary'), 'styrgrupp-4.txt', protocol(4));
    const after = await signIn(restarted(), 'secretary');
    const page = await (await after.get('/import')).text();
    expect(page).toContain('Väntar på att sparas');
    expect(page).toContain('styrgrupp-4.txt');
    expect(page).toContain(`value="${token}"`);
    const shown = await after.post('/import/visa', { token });
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('Budget 2028');
    // Another account cannot confirm it.
    const admin = await signIn(restarted(), 'admin');
    expect((await admin.post('/import/bekrafta', { token })).status).toBe(410);
    const stored = await after.post('/import/bekrafta', { token });
    expect(stored.status).toBe(303);
    expect(stored.headers.get('location')).toMatch(/^\/moten\/m_[0-9a-f]{20}$/);
    expect(await (await after.get('/import')).text()).not.toContain('styrgrupp-4.txt');
  });

  it('discards an upload on request, audited, and forgets it after a day', async () => {
    const secretary = await signedIn('secretary');
    const discarded = await upload(secretary, 'styrgrupp-5.txt', protocol(5));
    const response = await secretary.post('/import/kasta', { token: discarded });
    expect(response.status).toBe(303);
    expect(await (await secretary.get('/import')).text()).not.toContain('styrgrupp-5.txt');
    expect((await secretary.post('/import/bekrafta', { token: discarded })).status).toBe(410);
    const audit = await web.store.read((s) => s.audit.list(5));
    expect(audit.some((e) => e.action === 'upload.discard' && e.actor === 'secretary')).toBe(true);
    const expiring = await upload(secretary, 'styrgrupp-6.txt', protocol(6));
    const tomorrow = await signIn(
      restarted(() => new Date(TEST_NOW.getTime() + 25 * 3600_000)),
      'secretary',
    );
    expect(await (await tomorrow.get('/import')).text()).not.toContain('styrgrupp-6.txt');
    expect((await tomorrow.post('/import/bekrafta', { token: expiring })).status).toBe(410);
    await secretary.post('/import/kasta', { token: expiring });
  });
});
