import type { ArchiveSession } from '../ports.js';
import type { SqliteStatements } from './statements.js';

/*
 * The SQLite adapter's own code (the search index) reaches the prepared statements of a session's connection
 * through the session, without widening the port that services see.
 */

const statementsBySession = new WeakMap<ArchiveSession, SqliteStatements>();

/** Remembers the statements a session of the SQLite store runs on; returns the session. */
export function bindStatements(session: ArchiveSession, statements: SqliteStatements): ArchiveSession {
  statementsBySession.set(session, statements);
  return session;
}

/** The prepared statements of a session opened by the SQLite store. */
export function sessionStatements(session: ArchiveSession): SqliteStatements {
  const statements = statementsBySession.get(session);
  if (!statements) throw new Error('not a session of the SQLite archive store');
  return statements;
}
