import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { EXAMPLES_DIR } from '../../src/cli/commands/serve.js';
import { APP_MIGRATIONS } from '../../src/cli/open-archive.js';
import { createApp } from '../../src/http/app.js';
import type { AppEnv } from '../../src/http/env.js';
import { addUser } from '../../src/services/accounts.js';
import { importArchive } from '../../src/services/import-archive.js';
import type { ArchiveStore } from '../../src/store/ports.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import { SqliteSearchIndex } from '../../src/store/sqlite/search-index.js';

/** The date the web tests live on, so "overdue" does not change with the calendar. */
export const TEST_NOW = new Date('2025-03-01T10:00:00Z');
export const PASSWORD = 'correct horse battery';

export interface TestWeb {
  app: Hono<AppEnv>;
  store: ArchiveStore;
  close(): Promise<void>;
}

/** An app on a temporary archive holding the bundled examples and one account per role (admin, secretary, member). */
export async function createTestWeb(): Promise<TestWeb> {
  const dir = mkdtempSync(join(tmpdir(), 'protokoll-web-'));
  const search = new SqliteSearchIndex();
  const store = await openSqliteStore({
    path: join(dir, 'test.db'),
    migrations: APP_MIGRATIONS,
    searchIndexer: search,
  });
  await importArchive(store, [EXAMPLES_DIR], { clock: () => TEST_NOW });
  for (const role of ['admin', 'secretary', 'member'] as const) {
    await addUser(store, { name: role, role, password: PASSWORD });
  }
  const app = createApp({ store, search, clock: () => TEST_NOW });
  return {
    app,
    store,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser stand-in for `app.request`: keeps cookies, knows the CSRF token, signs in. */
export class TestClient {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly app: Hono<AppEnv>) {}

  get csrf(): string {
    return this.cookies.get('protokoll_csrf') ?? '';
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const response = await this.app.request(path, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  /** Posts a form with the CSRF token (unless `csrf: false`). */
  async post(path: string, fields: Record<string, string>, options: { csrf?: boolean } = {}): Promise<Response> {
    if (!this.csrf) await this.get('/');
    const body = new URLSearchParams(fields);
    if (options.csrf !== false) body.set('_csrf', this.csrf);
    return this.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  async signIn(name: string, password = PASSWORD): Promise<Response> {
    return this.post('/logga-in', { name, password, next: '/' });
  }
}
