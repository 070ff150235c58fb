import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  CamelCasePlugin,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type Migration,
  Migrator,
  SqliteDialect,
  SqliteDriver,
  sql,
} from 'kysely';
import { AppError, isAppError } from '../../domain/errors.js';
import type { ArchiveSession, ArchiveStore } from '../ports.js';
import type { ArchiveSchema } from '../schema.js';
import { noSearchIndexer, type SearchIndexer } from '../search-indexer.js';
import { checkArchiveTotals, foldArchiveTotals, hasArchiveTotals } from './archive-totals.js';
import { ARCHIVE_MIGRATIONS, InCodeMigrationProvider } from './migrations.js';
import { createSession } from './repositories.js';
import { SqliteStatements } from './statements.js';
import { archiveTotals, totalsStats } from './totals-reader.js';

/** Written into the SQLite header (`PRAGMA application_id`) so a file can be told apart from other databases. */
export const APPLICATION_ID = 0x50524f54; // "PROT"

export interface OpenSqliteOptions {
  /** File path, or ':memory:' for tests. */
  path: string;
  /** Extra migrations (full-text search uses names 0100 and up). */
  migrations?: Readonly<Record<string, Migration>>;
  searchIndexer?: SearchIndexer;
  /** How long a writer waits for another process's lock before giving up (ms). */
  busyTimeoutMs?: number;
  readonly?: boolean;
  /**
   * Read statistics from the archive totals when the archive keeps them (migration 0311; default true). False
   * counts the rows every time, as an archive without totals does: the tests compare the two.
   */
  readTotals?: boolean;
}

/**
 * Writes take the lock at BEGIN (`BEGIN IMMEDIATE`): a deferred transaction that reads first and writes later can
 * fail with SQLITE_BUSY without waiting when another process writes, which would turn two concurrent imports into
 * spurious failures.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Kysely prepares every query anew; an import runs the same few dozen statements thousands of times, so keep the
 * prepared statements (better-sqlite3 re-prepares them itself after a schema change).
 */
function withStatementCache(database: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, property) {
      if (property === 'prepare') {
        return (source: string) => {
          let statement = cache.get(source);
          if (!statement) {
            statement = prepare(source);
            if (cache.size >= 1000) cache.clear();
            cache.set(source, statement);
          }
          return statement;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

class ImmediateSqliteDialect extends SqliteDialect {
  private readonly database: Database.Database;
  constructor(database: Database.Database) {
    const cached = withStatementCache(database);
    super({ database: cached });
    this.database = cached;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

/** Maps SQLite failures to the errors a person can act on; anything else passes through unchanged. */
export function toAppError(error: unknown, location: string): unknown {
  if (isAppError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB') {
    return new AppError('foreign-database', `${location} is not a protokoll database (not an SQLite file).`, { code });
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_CORRUPT_VTAB') {
    return new AppError('database-error', `${location} is damaged (${message}). Restore it from a backup.`, { code });
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return new AppError('database-error', `${location}: database error ${code}: ${message}`, { code });
  }
  return error;
}

function checkIdentity(raw: Database.Database, location: string): void {
  const appId = raw.pragma('application_id', { simple: true }) as number;
  if (appId === APPLICATION_ID) return;
  if (appId !== 0) {
    throw new AppError('foreign-database', `${location} belongs to another application (application_id ${appId}).`);
  }
  const tables = raw.prepare("select count(*) as n from sqlite_master where type in ('table', 'view')").get() as {
    n: number;
  };
  if (tables.n > 0) {
    throw new AppError(
      'foreign-database',
      `${location} is an SQLite database of another application; not touching it.`,
    );
  }
  raw.pragma(`application_id = ${APPLICATION_ID}`);
}

/**
 * Opens (and creates or migrates) the archive in an SQLite file: WAL so readers never wait for an import,
 * foreign keys on, a busy timeout for concurrent writers, migrations applied before anything else.
 * Throws AppError('foreign-database') for a file that is not ours and AppError('database-error') for a damaged one.
 */
export async function openSqliteStore(options: OpenSqliteOptions): Promise<ArchiveStore> {
  const location = options.path;
  let raw: Database.Database | undefined;
  try {
    if (location !== ':memory:' && !options.readonly) mkdirSync(dirname(location), { recursive: true });
    raw = new Database(location, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    if (!options.readonly) checkIdentity(raw, location);
    if (!options.readonly && location !== ':memory:') raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    // NORMAL is durable against process crashes in WAL mode; only a power cut may lose the last commit.
    raw.pragma('synchronous = NORMAL');
    // 32 MiB of page cache instead of 2 MiB: an import touches a dozen indexes with random keys (hashed ids), and
    // with the default cache every insert re-reads their pages from the OS once the archive outgrows it.
    raw.pragma('cache_size = -32768');
    // Checkpoint the WAL every 40 MB rather than every 4 MB: an import batch rewrites many of the same index pages,
    // and each checkpoint copies a page once however many commits changed it.
    raw.pragma('wal_autocheckpoint = 10000');
  } catch (error) {
    raw?.close();
    throw toAppError(error, location);
  }
  const db = new Kysely<ArchiveSchema>({ dialect: new ImmediateSqliteDialect(raw), plugins: [new CamelCasePlugin()] });
  if (!options.readonly) {
    const migrator = new Migrator({
      db: db.withoutPlugins(),
      provider: new InCodeMigrationProvider({ ...ARCHIVE_MIGRATIONS, ...options.migrations }),
      // Each range of names has its own owner (archive 0001+, search 0100+, accounts 0200+) and they do not depend
      // on each other across ranges, so a new archive migration must still apply to a database that has 0200.
      allowUnorderedMigrations: true,
    });
    const { error } = await migrator.migrateToLatest();
    if (error) {
      await db.destroy();
      const mapped = toAppError(error, location);
      if (isAppError(mapped)) throw mapped;
      const message = error instanceof Error ? error.message : String(error);
      throw new AppError('database-error', `${location}: could not migrate the archive: ${message}`);
    }
  }
  const statements = new SqliteStatements(raw);
  let totals = false;
  try {
    totals = hasArchiveTotals(statements);
    // Writes that skipped the fold (migrations) or lost the triggers are made good before anyone reads.
    if (totals && !options.readonly) raw.transaction(() => checkArchiveTotals(statements)).immediate();
  } catch (error) {
    await db.destroy();
    throw toAppError(error, location);
  }
  return new SqliteArchiveStore(db, statements, location, options.searchIndexer ?? noSearchIndexer, {
    fold: totals,
    read: totals && (options.readTotals ?? true),
  });
}

class SqliteArchiveStore implements ArchiveStore {
  constructor(
    private readonly db: Kysely<ArchiveSchema>,
    private readonly statements: SqliteStatements,
    readonly location: string,
    readonly searchIndexer: SearchIndexer,
    /** Whether the archive keeps totals: every write folds its changes into them, reads may use them. */
    private readonly totals: { fold: boolean; read: boolean },
  ) {}

  private session(db: Kysely<ArchiveSchema>): ArchiveSession {
    const session = createSession(db, this.statements);
    if (this.totals.fold) {
      session.settle = async () => foldArchiveTotals(this.statements);
    }
    if (this.totals.read) {
      session.stats = totalsStats(this.statements);
      session.totals = archiveTotals(this.statements);
    }
    return session;
  }

  async write<T>(fn: (session: ArchiveSession) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const result = await fn(this.session(trx));
        // The one place every write passes: the totals take in what this transaction changed before it commits.
        if (this.totals.fold) foldArchiveTotals(this.statements);
        return result;
      });
    } catch (error) {
      throw toAppError(error, this.location);
    }
  }

  async read<T>(fn: (session: ArchiveSession) => Promise<T>): Promise<T> {
    try {
      // One deferred transaction gives the reads one consistent snapshot without blocking writers (WAL).
      return await this.db.connection().execute(async (conn) => {
        await sql`begin`.execute(conn);
        try {
          return await fn(this.session(conn));
        } finally {
          await sql`commit`.execute(conn);
        }
      });
    } catch (error) {
      throw toAppError(error, this.location);
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
