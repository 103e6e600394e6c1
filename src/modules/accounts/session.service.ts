// Dashboard sessions: an opaque 256-bit random token in an HttpOnly cookie, a server-side row
// keyed by the token's SHA-256 (a database leak yields no usable cookie), sliding expiry capped by
// an absolute lifetime from sign-in (a stolen cookie kept busy does not live for ever), and a CSRF
// token derived from the session token so it needs no storage and dies with the session.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { deriveKey, hmacSha256, secretsEqual, sha256 } from '../../crypto/keys.ts';
import { newId } from '../../ids.ts';
import { deleteExpiredSessions, deleteSessionByTokenHash, deleteUserSessions, findSessionByTokenHash, insertSession, touchSession } from './session.repo.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'tessera_session';
// Sliding expiry writes at most this often per session, not on every request.
const TOUCH_INTERVAL_MS = 60_000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A live session as the auth hook sees it. */
export interface ActiveSession {
  id: string;
  userId: string;
  accountId: string;
  expiresAt: number;
  /** True when this request slid the expiry (the cookie should be re-sent). */
  refreshed: boolean;
}

function hashToken(token: string): string {
  return sha256(token).toString('hex');
}

/** The CSRF token bound to a session token (HMAC under a key derived from the master key). */
export function csrfTokenFor(masterKey: Buffer, sessionToken: string): string {
  return hmacSha256(deriveKey(masterKey, 'csrf'), sessionToken).toString('base64url');
}

/** Constant-time check of a presented CSRF token against the session's. */
export function csrfTokenValid(masterKey: Buffer, sessionToken: string, presented: string | undefined): boolean {
  return typeof presented === 'string' && presented.length > 0 && secretsEqual(csrfTokenFor(masterKey, sessionToken), presented);
}

/** How long a session lives after its last refresh (TESSERA_SESSION_TTL_HOURS). */
export function sessionTtlMs(config: Pick<AppContext['config'], 'sessionTtlHours'>): number {
  return config.sessionTtlHours * 3_600_000;
}

/** When a session started at `createdAt` ends whatever its use (TESSERA_SESSION_MAX_DAYS). */
function hardEnd(config: Pick<AppContext['config'], 'sessionMaxDays'>, createdAt: number): number {
  return createdAt + config.sessionMaxDays * 86_400_000;
}

/** Starts a session for a user in an account; returns the cookie token (never stored) and expiry. */
export async function createSession(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, userId: string, accountId: string): Promise<{ token: string; expiresAt: number }> {
  const now = ctx.clock.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = Math.min(now + sessionTtlMs(ctx.config), hardEnd(ctx.config, now));
  await insertSession(ctx.db, { id: newId('ses'), token_hash: hashToken(token), user_id: userId, account_id: accountId, created_at: now, last_seen_at: now, expires_at: expiresAt });
  return { token, expiresAt };
}

/** The live session for a cookie token, sliding its expiry; null when unknown or expired. */
export async function resolveSession(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, token: string): Promise<ActiveSession | null> {
  const now = ctx.clock.now();
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await findSessionByTokenHash(ctx.db, hashToken(token));
  if (!row) return null;
  const end = hardEnd(ctx.config, row.created_at);
  if (row.expires_at <= now || end <= now) {
    await deleteSessionByTokenHash(ctx.db, row.token_hash);
    return null;
  }
  let expiresAt = Math.min(row.expires_at, end);
  const refreshed = now - row.last_seen_at >= TOUCH_INTERVAL_MS;
  if (refreshed) {
    expiresAt = Math.min(now + sessionTtlMs(ctx.config), end);
    await touchSession(ctx.db, row.id, now, expiresAt);
  }
  return { id: row.id, userId: row.user_id, accountId: row.account_id, expiresAt, refreshed };
}

/** Ends the session behind a cookie token (no error when it is already gone). */
export async function endSession(ctx: Pick<AppContext, 'db'>, token: string): Promise<void> {
  if (TOKEN_PATTERN.test(token)) await deleteSessionByTokenHash(ctx.db, hashToken(token));
}

/** Deletes expired sessions (the sweeper job). */
export async function sweepExpiredSessions(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  return deleteExpiredSessions(ctx.db, ctx.clock.now());
}

/** Ends every session of a user but the one behind `keepToken` (a password change keeps the changer signed in); returns how many. */
export async function endOtherSessions(ctx: Pick<AppContext, 'db'>, userId: string, keepToken: string | null): Promise<number> {
  return deleteUserSessions(ctx.db, userId, keepToken !== null && TOKEN_PATTERN.test(keepToken) ? hashToken(keepToken) : null);
}
