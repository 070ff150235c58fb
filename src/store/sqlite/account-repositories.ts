import type { Kysely } from 'kysely';
import type { AuthSessionRepository, PublicationRepository, UserRepository } from '../ports.js';
import type { ArchiveSchema } from '../schema.js';

type Db = Kysely<ArchiveSchema>;

export function users(db: Db): UserRepository {
  return {
    async get(id) {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async findByName(name) {
      // The column is `collate nocase`, so `=` compares case-insensitively (ASCII).
      return db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    },
    async list() {
      return db.selectFrom('users').selectAll().orderBy('name').execute();
    },
    async upsert(row) {
      await db
        .insertInto('users')
        .values(row)
        .onConflict((oc) =>
          oc.column('name').doUpdateSet({ role: row.role, passwordHash: row.passwordHash, disabled: row.disabled }),
        )
        .execute();
    },
  };
}

export function authSessions(db: Db): AuthSessionRepository {
  return {
    async create(row) {
      await db.insertInto('authSessions').values(row).execute();
    },
    async active(id, now) {
      return db
        .selectFrom('authSessions as s')
        .innerJoin('users as u', 'u.id', 's.userId')
        .select(['u.id as userId', 'u.name', 'u.role'])
        .where('s.id', '=', id)
        .where('s.expiresAt', '>', now)
        .where('u.disabled', '=', 0)
        .executeTakeFirst();
    },
    async delete(id) {
      await db.deleteFrom('authSessions').where('id', '=', id).execute();
    },
    async deleteForUser(userId) {
      await db.deleteFrom('authSessions').where('userId', '=', userId).execute();
    },
    async deleteExpired(now) {
      await db.deleteFrom('authSessions').where('expiresAt', '<=', now).execute();
    },
  };
}

export function publication(db: Db): PublicationRepository {
  return {
    async unpublished() {
      const rows = await db.selectFrom('meetingPublication').select('meetingId').where('published', '=', 0).execute();
      return rows.map((r) => r.meetingId);
    },
    async isPublished(meetingId) {
      const row = await db
        .selectFrom('meetingPublication')
        .select('published')
        .where('meetingId', '=', meetingId)
        .executeTakeFirst();
      return row === undefined || row.published === 1;
    },
    async set(meetingId, published, changedBy, changedAt) {
      const value = published ? 1 : 0;
      await db
        .insertInto('meetingPublication')
        .values({ meetingId, published: value, changedAt, changedBy })
        .onConflict((oc) => oc.column('meetingId').doUpdateSet({ published: value, changedAt, changedBy }))
        .execute();
    },
    async all() {
      const rows = await db.selectFrom('meetingPublication').selectAll().orderBy('meetingId').execute();
      return rows.map((row) => ({ ...row, published: row.published === 1 }));
    },
  };
}
