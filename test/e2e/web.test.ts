import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/cli/commands/serve.js';
import { APP_MIGRATIONS } from '../../src/cli/open-archive.js';
import { addUser } from '../../src/services/accounts.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import { PASSWORD, TEST_NOW } from '../support/web-app.js';

/*
 * End to end in Debian's Chromium: the real server (serve's startServer) on an empty temporary archive and a free
 * port. UPDATE_SCREENSHOTS=1 also writes docs/screenshots/*.png.
 */

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(process.cwd(), 'docs', 'screenshots') : null;

let dir: string;
let server: RunningServer;
const contexts: BrowserContext[] = [];

async function browser(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'chromium-')), {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'sv-SE',
    ...options,
  });
  contexts.push(context);
  return context.pages()[0] ?? context.newPage();
}

async function axeViolations(page: Page): Promise<string[]> {
  // evaluate() runs outside the page's CSP, which (rightly) forbids injected inline scripts.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (tags) =>
      (
        globalThis as unknown as {
          axe: { run(o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
        }
      ).axe.run({
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    WCAG_TAGS,
  );
  return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'protokoll-e2e-'));
  const db = join(dir, 'archive.db');
  const store = await openSqliteStore({ path: db, migrations: APP_MIGRATIONS });
  await addUser(store, { name: 'sekreterare', role: 'secretary', password: PASSWORD });
  await store.close();
  server = await startServer({
    db,
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
    clock: () => TEST_NOW,
  });
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('in the browser', () => {
  it('reads and searches with JavaScript off', async () => {
    const page = await browser({ javaScriptEnabled: false });
    await page.goto(server.url);
    await expect.poll(() => page.locator('#latest-h + ul li').count()).toBe(5);
    await page.fill('#home-q', 'trainee');
    await page.press('#home-q', 'Enter');
    await page.waitForURL(/\/sok\?q=trainee/);
    expect(await page.locator('.hits mark').count()).toBeGreaterThan(0);
    await page.locator('.hits a.hit-title').first().click();
    await page.waitForURL(/\/moten\/m_/);
    expect(await page.locator('h1').textContent()).toMatch(/\d{4}/);
    // Long lists are paged with plain links: the per-person statistics, 25 persons a page.
    await page.goto(`${server.url}/statistik`);
    expect(await page.locator('#persons-h ~ .table-wrap tbody tr').count()).toBe(25);
    await page.locator('#persons-h ~ nav.pagination a[rel="next"]').click();
    await page.waitForURL(/\/statistik\?sida=2/);
    expect(await page.locator('#persons-h ~ nav.pagination [aria-current="page"]').textContent()).toMatch(/^Sida 2 av/);
    // The start page links to the full lists, with their counts.
    await page.goto(server.url);
    await page.locator('a[href="/uppdrag?visa=postponed"]').click();
    await page.waitForURL(/visa=postponed/);
    expect(await page.locator('main h2').first().textContent()).toMatch(/flyttade ärenden som inte tagits upp/);
  }, 90_000);

  it('lets a secretary sign in and mark an assignment done by keyboard, and it moves', async () => {
    const page = await browser();
    await page.goto(`${server.url}/logga-in`);
    await page.fill('#name', 'sekreterare');
    await page.fill('#password', PASSWORD);
    await page.press('#password', 'Enter');
    await page.waitForURL(`${server.url}/`);
    expect(await page.locator('header.site').textContent()).toContain('Inloggad som sekreterare');
    await page.goto(`${server.url}/uppdrag?visa=open`);
    const id = await page.locator('li[id^="a_"]:has(select)').first().getAttribute('id');
    expect(id).toBeTruthy();
    await shoot(page, 'assignments');
    await page.focus(`#s-${id}`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    if ((await page.inputValue(`#s-${id}`)) !== 'done') await page.selectOption(`#s-${id}`, 'done');
    await page.focus(`#n-${id}`);
    await page.keyboard.type('Redovisat på mötet');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/sparat=1/);
    expect(await page.locator(`li#${id}`).count()).toBe(0);
    await page.goto(`${server.url}/uppdrag?visa=done`);
    expect(await page.locator(`li#${id}`).textContent()).toContain('Redovisat på mötet');
  }, 90_000);

  it('has no WCAG 2.1 AA violations on any page type (axe-core)', async () => {
    const page = contexts[1]!.pages()[0]!;
    await page.goto(`${server.url}/moten`);
    const meeting = await page.locator('a[href^="/moten/m_"]').first().getAttribute('href');
    await page.goto(`${server.url}${meeting}`);
    const person = await page.locator('a[href^="/personer/p_"]').first().getAttribute('href');
    const organisation = await page.locator('a[href^="/organisationer/o_"]').first().getAttribute('href');
    const pages: Array<[string, string | null]> = [
      ['/', 'home'],
      ['/moten', null],
      [meeting!, 'meeting'],
      ['/sok?q=trainee', 'search'],
      ['/beslut', 'decisions'],
      ['/uppdrag?visa=all', null],
      ['/uppdrag?visa=postponed', null],
      ['/statistik?sida=2', null],
      ['/personer', null],
      [person!, 'person'],
      ['/organisationer', null],
      [organisation!, 'organisation'],
      ['/statistik', 'statistics'],
      ['/import', 'import'],
      [`/granska/${meeting!.split('/').pop()}`, 'review'],
      ['/finns-inte', null],
      ['/?lang=en', null],
    ];
    const found: Record<string, string[]> = {};
    for (const [path, shot] of pages) {
      await page.goto(`${server.url}${path}`);
      const violations = await axeViolations(page);
      if (violations.length > 0) found[path] = violations;
      if (shot) await shoot(page, shot);
    }
    await page.goto(`${server.url}/?lang=sv`);
    const anonymous = await browser();
    await anonymous.goto(`${server.url}/logga-in`);
    const violations = await axeViolations(anonymous);
    if (violations.length > 0) found['/logga-in'] = violations;
    expect(found).toEqual({});
  }, 120_000);
});
