import { type Migration, sql } from 'kysely';

/*
 * Accounts, signed-in sessions and the publication flag of meetings (names 0200 and up). They are manual state:
 * re-imports never touch them, and the meeting flag is keyed by the deterministic meeting id, without a foreign key.
 */
const accounts: Migration = {
  async up(db) {
    await sql`create table users (
      id text primary key,
      name text not null unique collate nocase,
      role text not null check (role in ('admin', 'secretary', 'member')),
      password_hash text not null,
      created_at text not null,
      disabled integer not null default 0
    )`.execute(db);
    await sql`create table auth_sessions (
      id text primary key,
      user_id text not null references users(id) on delete cascade,
      created_at text not null,
      expires_at text not null
    )`.execute(db);
    await sql`create index auth_sessions_user on auth_sessions(user_id)`.execute(db);
    await sql`create table meeting_publication (
      meeting_id text primary key,
      published integer not null check (published in (0, 1)),
      changed_at text not null,
      changed_by text not null
    )`.execute(db);
  },
};

export const ACCOUNT_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0200_accounts': accounts,
};
