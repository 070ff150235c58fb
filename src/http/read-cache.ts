import { sql } from 'kysely';
import type { ArchiveStore } from '../store/ports.js';

/*
 * A small cache for pages that sum up the whole archive (the start page, statistics). An entry is valid while the
 * data is unchanged: SQLite's `data_version` moves when another connection (an import in another process)
 * commits, `total_changes()` when this connection writes. Both are read in one statement inside a read
 * transaction, before the value is computed, so a value is never older than the version it is stored under.
 */

const MAX_ENTRIES = 64;

interface Entry {
  version: string;
  value: Promise<unknown>;
}

/** Per store, one cache per pool (values, rendered pages), so filling one never clears the other. */
const caches = new WeakMap<ArchiveStore, Map<string, Map<string, Entry>>>();

/** The data version of the archive as this process sees it; changes with every committed write. */
export async function dataVersion(store: ArchiveStore): Promise<string> {
  return store.read(async (session) => {
    const { rows } = await sql<{ version: number; changes: number }>`
      select (select data_version from pragma_data_version) as version, total_changes() as changes`.execute(session.db);
    return `${rows[0]?.version}:${rows[0]?.changes}`;
  });
}

/**
 * `compute()`, or its value from an earlier call with the same key if the archive has not changed since. `key`
 * must hold everything else the value depends on (the viewer's visibility, the date for overdue counts). At most
 * 64 entries per `pool`; a full pool starts over.
 */
export async function cachedRead<T>(
  store: ArchiveStore,
  key: string,
  compute: () => Promise<T>,
  pool = 'values',
): Promise<T> {
  let pools = caches.get(store);
  if (!pools) {
    pools = new Map();
    caches.set(store, pools);
  }
  let cache = pools.get(pool);
  if (!cache) {
    cache = new Map();
    pools.set(pool, cache);
  }
  const version = await dataVersion(store);
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  const value = compute();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { version, value });
  // A failure is not remembered.
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return value;
}
