import type Database from 'better-sqlite3';

/*
 * Prepared statements on the raw better-sqlite3 handle, for the paths an import runs tens of thousands of times.
 * Kysely compiles every query anew (operation tree, plugin transform, SQL string), which cost more than SQLite's
 * own work on small rows; a statement prepared once and bound with plain values does not. The SQL is ordinary
 * (only `?` placeholders and `on conflict`), so a PostgreSQL adapter can take it over with `$n` placeholders.
 * Statements run on the same connection as the Kysely transaction that created the session, so they are part of it.
 */

type Value = string | number | bigint | Buffer | null;

const CACHE_LIMIT = 500;

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `id, natural_key as "naturalKey", …` for the given snake_case columns, with an optional table alias. */
export function selectList(columns: string, alias?: string): string {
  return columns
    .trim()
    .split(/\s+/)
    .map((column) => {
      const qualified = alias ? `${alias}.${column}` : column;
      const name = camel(column);
      return name === column && !alias ? column : `${qualified} as "${name}"`;
    })
    .join(', ');
}

function bindable(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return value as Value;
}

/** A statement cache over one connection; `insert` and `update` build their SQL from camelCase rows. */
export class SqliteStatements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly database: Database.Database) {}

  prepare(source: string): Database.Statement {
    let statement = this.cache.get(source);
    if (!statement) {
      statement = this.database.prepare(source);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(source, statement);
    }
    return statement;
  }

  get<T>(source: string, ...params: unknown[]): T | undefined {
    return this.prepare(source).get(...params.map(bindable)) as T | undefined;
  }

  all<T>(source: string, ...params: unknown[]): T[] {
    return this.prepare(source).all(...params.map(bindable)) as T[];
  }

  run(source: string, ...params: unknown[]): number {
    return this.prepare(source).run(...params.map(bindable)).changes;
  }

  /** Inserts one camelCase row; `tail` may add an `on conflict …` clause. */
  insert(table: string, row: object, tail = ''): void {
    const keys = Object.keys(row);
    const source = `insert into ${table} (${keys.map(snake).join(', ')}) values (${keys.map(() => '?').join(', ')}) ${tail}`;
    this.prepare(source).run(...Object.values(row).map(bindable));
  }

  /** Sets the defined fields of `patch` on the row whose `key` column equals `id`; returns the rows changed. */
  update(table: string, key: string, id: string, patch: object): number {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
    if (entries.length === 0) return this.get(`select 1 as found from ${table} where ${key} = ?`, id) ? 1 : 0;
    const source = `update ${table} set ${entries.map(([k]) => `${snake(k)} = ?`).join(', ')} where ${key} = ?`;
    return this.prepare(source).run(...entries.map(([, value]) => bindable(value)), id).changes;
  }
}
