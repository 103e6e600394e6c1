// Dashboard session rows: plain functions taking the database first.
import type { Kysely } from 'kysely';
import type { Database, SessionsTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** Stores a new session. */
export async function insertSession(db: Db, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session whose token hashes to `tokenHash`, if any. */
export async function findSessionByTokenHash(db: Db, tokenHash: string): Promise<SessionsTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Slides a session's expiry. */
export async function touchSession(db: Db, id: string, lastSeenAt: number, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

/** Deletes the session with this token hash (logout, or replacing a session at login). */
export async function deleteSessionByTokenHash(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Deletes sessions that expired before `now`; returns how many. */
export async function deleteExpiredSessions(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes every session of a user except the one with `keepTokenHash`; returns how many. */
export async function deleteUserSessions(db: Db, userId: string, keepTokenHash: string | null): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepTokenHash !== null) query = query.where('token_hash', '!=', keepTokenHash);
  return Number((await query.executeTakeFirst()).numDeletedRows);
}
