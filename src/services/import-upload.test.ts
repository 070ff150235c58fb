import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/archive-factories.js';
import { APP_MIGRATIONS } from '../cli/open-archive.js';
import type { ArchiveStore } from '../store/ports.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store.js';
import { addUser } from './accounts.js';
import { MAX_PENDING_PER_USER, pendingUpload, pendingUploads, stageUpload, UPLOAD_TTL_MS } from './import-upload.js';

let store: ArchiveStore;
let cleanup: () => void;
let userId: string;
let otherId: string;

beforeAll(async () => {
  const dir = tempDir();
  cleanup = dir.cleanup;
  store = await openSqliteStore({ path: join(dir.dir, 'archive.db'), migrations: APP_MIGRATIONS });
  userId = (await addUser(store, { name: 'sekreterare', role: 'secretary', password: 'correct horse battery' })).id;
  otherId = (await addUser(store, { name: 'admin', role: 'admin', password: 'correct horse battery' })).id;
});
afterAll(async () => {
  await store.close();
  cleanup();
});

describe('waiting uploads in the database', () => {
  it('keeps the newest uploads per account, drops expired ones, and returns the bytes to the uploader only', async () => {
    const t0 = Date.parse('2025-03-01T08:00:00Z');
    const at = (minutes: number) => ({ clock: () => new Date(t0 + minutes * 60_000) });
    const other = await stageUpload(store, { bytes: new Uint8Array([9]), name: 'annan.txt' }, otherId, at(0));
    const ids: string[] = [];
    for (let k = 0; k < MAX_PENDING_PER_USER + 2; k++) {
      ids.push(await stageUpload(store, { bytes: new Uint8Array([k, k]), name: `${k}.txt` }, userId, at(1 + k)));
    }
    const waiting = await pendingUploads(store, userId, at(20));
    expect(waiting.map((u) => u.id)).toEqual(ids.slice(2).reverse());
    expect(waiting[0]).toMatchObject({ name: `${MAX_PENDING_PER_USER + 1}.txt`, size: 2 });
    expect(await pendingUpload(store, ids[0]!, userId, at(20))).toBeUndefined();
    expect(await pendingUpload(store, ids.at(-1)!, otherId, at(20))).toBeUndefined();
    const mine = await pendingUpload(store, ids.at(-1)!, userId, at(20));
    expect([...mine!.bytes]).toEqual([MAX_PENDING_PER_USER + 1, MAX_PENDING_PER_USER + 1]);
    // A day later every upload so far has expired: invisible, and removed by the next upload of anyone.
    const later = at(UPLOAD_TTL_MS / 60_000 + 60);
    expect(await pendingUpload(store, other, otherId, later)).toBeUndefined();
    await stageUpload(store, { bytes: new Uint8Array([1]), name: 'ny.txt' }, userId, later);
    const { rows } = await store.read(({ db }) =>
      sql<{ n: number }>`select count(*) as n from pending_uploads`.execute(db),
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });
});
