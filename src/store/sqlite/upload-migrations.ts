import { type Migration, sql } from 'kysely';

/*
 * Uploads waiting for a secretary's confirmation (names 0400 and up). They were held in the server's memory, so a
 * restart lost them; here they survive until confirmed, discarded or expired. Transient state: no export, and an
 * account's uploads go with the account.
 */
const pendingUploads: Migration = {
  async up(db) {
    await sql`create table pending_uploads (
      id text primary key,
      user_id text not null references users(id) on delete cascade,
      name text not null,
      bytes blob not null,
      size integer not null,
      created_at text not null,
      expires_at text not null
    )`.execute(db);
    await sql`create index pending_uploads_user on pending_uploads(user_id, created_at)`.execute(db);
    await sql`create index pending_uploads_expires on pending_uploads(expires_at)`.execute(db);
  },
};

/** Migrations of the pending uploads; part of the archive the CLI and the server open (APP_MIGRATIONS). */
export const UPLOAD_MIGRATIONS: Readonly<Record<string, Migration>> = { '0400_pending_uploads': pendingUploads };
