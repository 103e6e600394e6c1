// API keys: issuing, authenticating, listing, revoking and regenerating `sec1-…` keys. The key
// is shown once; only its kid and SHA-256 are stored, and the digest is compared in constant time.
import type { AppContext } from '../../context.ts';
import { digestsEqual, sha256 } from '../../crypto/keys.ts';
import { fromFlag } from '../../db/dialect.ts';
import type { ApiKeysTable } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Cursor, fetchPage, mapPage, type Page } from '../../http/cursor.ts';
import { newId } from '../../ids.ts';
import { emitEvent } from '../webhooks/index.ts';
import { generateApiKey, type KeyEnv, maskApiKey, parseApiKey } from './api-key-format.ts';
import {
  countWorkingKeysForCreate,
  findAccountApiKeyByKid,
  findApiKeyById,
  findApiKeyByKid,
  findKeyEvent,
  findNewestActiveKey,
  insertApiKey,
  listApiKeys as listApiKeyRows,
  markReplaced,
  markRevoked,
  touchApiKey,
} from './api-key.repo.ts';
import { inTransaction } from '../../db/transaction.ts';
import { toIso } from '../../http/iso.ts';

/**
 * What a key may do: `all` (everything its env allows) or `checkin` (check tickets in and read the
 * check-in log, figures and events; nothing else). A door scanner's key lives on a device that is
 * lent out and lost: one that leaks must not be able to change a code, read answers or mint keys.
 */
export const API_KEY_SCOPES = ['all', 'checkin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** What a key looks like once created: everything but the secret. */
export interface ApiKey {
  id: string;
  kid: string;
  env: KeyEnv;
  type: 'secret';
  scope: ApiKeyScope;
  /** The one event (bulk batch) a check-in key is kept to; null for every event. */
  batchId: string | null;
  /** `active`, `rotating` (replaced, valid until expiresAt), `expired` or `revoked`. */
  status: 'active' | 'rotating' | 'expired' | 'revoked';
  name: string | null;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  displayMask: string;
}

/** A key that just authenticated a request. */
export interface AuthenticatedKey {
  id: string;
  accountId: string;
  env: KeyEnv;
  scope: ApiKeyScope;
  /** The one event a check-in key is kept to, else null. */
  batchId: string | null;
  /** True when an expired key was let in because the caller asked for `acceptExpired` (regeneration). */
  expired: boolean;
}

/** Longest grace period a regenerated key's predecessor may keep working. */
export const MAX_GRACE_PERIOD_HOURS = 168;

/** Keys an account may hold that still work (neither revoked nor expired); creating one more is a 409. */
export const MAX_WORKING_KEYS_PER_ACCOUNT = 100;
/**
 * How long after its own expiry a key may still regenerate itself (and nothing else). Long enough
 * to notice a failing integration after a holiday; after that it takes another key or a session.
 */
export const EXPIRED_KEY_RENEWAL_DAYS = 30;
const EXPIRED_KEY_RENEWAL_MS = EXPIRED_KEY_RENEWAL_DAYS * 86_400_000;
const REGENERATE_ROUTE = 'POST /api/v1/merchant/api-keys/secret/regenerate';
const CREATE_ROUTE = 'POST /api/v1/merchant/api-keys';
const LAST_USED_RESOLUTION_MS = 60_000;
// Compared against when the kid is unknown, so that path also runs one digest comparison.
const DUMMY_DIGEST = sha256('tessera:no-such-key');

function statusOf(row: ApiKeysTable, now: number): ApiKey['status'] {
  if (row.status === 'revoked') return 'revoked';
  if (row.expires_at !== null && row.expires_at <= now) return 'expired';
  return row.status === 'rotating' ? 'rotating' : 'active';
}

function toApiKey(row: ApiKeysTable, now: number): ApiKey {
  return {
    id: row.id,
    kid: row.kid,
    env: row.env,
    type: 'secret',
    scope: row.scope,
    batchId: row.batch_id,
    status: statusOf(row, now),
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    displayMask: row.display_mask,
  };
}

/** What a new key may do: its scope and, for a check-in key, the one event it is kept to. */
type KeyAccess = Pick<ApiKeysTable, 'scope' | 'batch_id'>;

function newKeyRow(accountId: string, env: KeyEnv, access: KeyAccess, name: string | null, expiresAt: number | null, now: number): { row: ApiKeysTable; fullKey: string } {
  const { key, kid } = generateApiKey(env);
  const row: ApiKeysTable = {
    id: newId('key'),
    account_id: accountId,
    kid,
    env,
    type: 'secret',
    scope: access.scope,
    batch_id: access.batch_id,
    name,
    key_hash: sha256(key).toString('hex'),
    display_mask: maskApiKey(env, kid, key.slice(-2)),
    status: 'active',
    created_at: now,
    expires_at: expiresAt,
    revoked_at: null,
    last_used_at: null,
    replaced_by: null,
  };
  return { row, fullKey: key };
}

/** Options when creating a key. */
export interface NewApiKeyInput {
  env: KeyEnv;
  /** `all` when not given. */
  scope?: ApiKeyScope;
  /** Keeps a check-in key to one event of the account (a bulk batch of morphing codes). */
  batchId?: string | null;
  name?: string | null;
  /** Epoch ms after which the key stops working; must be in the future. */
  expiresAt?: number | null;
  /** Set for test-mode callers: they may only create keys of this env. */
  onlyEnv?: KeyEnv;
}

function checkEnvAllowed(env: string, onlyEnv: KeyEnv | undefined): void {
  // A leaked test key must not mint live keys.
  if (onlyEnv && env !== onlyEnv) throw new AppError('forbidden', `A ${onlyEnv} key can only manage ${onlyEnv} keys; use a prd key or the dashboard.`);
}

/** Creates a key for an account; the full key is returned only here. */
export async function createApiKey(ctx: Pick<AppContext, 'db' | 'clock' | 'dialect'>, accountId: string, input: NewApiKeyInput): Promise<{ apiKey: ApiKey; fullKey: string }> {
  const now = ctx.clock.now();
  if (input.expiresAt != null && input.expiresAt <= now) {
    throw new AppError('validation_failed', 'expires_at must be in the future.', { errors: [{ field: 'body/expires_at', message: 'must be in the future' }] });
  }
  checkEnvAllowed(input.env, input.onlyEnv);
  const scope = input.scope ?? 'all';
  const batchId = input.batchId ?? null;
  if (batchId) await checkKeyEvent(ctx, accountId, input.env, scope, batchId);
  const name = input.name?.trim() || null;
  const { row, fullKey } = newKeyRow(accountId, input.env, { scope, batch_id: batchId }, name, input.expiresAt ?? null, now);
  // Every working key is a credential to audit and a row checked on use; a script creating keys
  // in a loop should hear about it long before it has made thousands. Counted and written under
  // one per-account lock: creates arriving together each counted below the limit, and all went in.
  await inTransaction(ctx.db, async (trx) => {
    if ((await countWorkingKeysForCreate(trx, ctx.dialect, accountId, now)) >= MAX_WORKING_KEYS_PER_ACCOUNT) {
      throw new AppError(
        'conflict',
        `This account already has ${MAX_WORKING_KEYS_PER_ACCOUNT} working API keys, the most it may hold. Revoke keys you no longer use (DELETE /api/v1/merchant/api-keys/{id}), then create this one.`,
      );
    }
    await insertApiKey(trx, row);
  });
  return { apiKey: toApiKey(row, now), fullKey };
}

// Only a check-in key is kept to an event (a key with every right could call any route anyway),
// and only to an event whose tickets it could check in: 404 for a batch the account does not have
// or that holds no tickets, 400 for a tst key and a live event (it may not admit live tickets).
async function checkKeyEvent(ctx: Pick<AppContext, 'db'>, accountId: string, env: KeyEnv, scope: ApiKeyScope, batchId: string): Promise<void> {
  if (scope !== 'checkin') {
    throw new AppError('validation_failed', 'Only a check-in key can be kept to one event: send scope "checkin" with batch_id, or leave batch_id out.', {
      errors: [{ field: 'body/batch_id', message: 'needs scope checkin' }],
    });
  }
  const event = await findKeyEvent(ctx.db, accountId, batchId);
  if (event?.qr_type !== 'morphing') throw notFound(`Batch '${batchId}'`);
  if (env === 'tst' && fromFlag(event.livemode)) {
    throw new AppError('validation_failed', `A tst key cannot be kept to event '${batchId}': it is a live event, and tst keys check in only test tickets. Create a prd key for it.`, {
      errors: [{ field: 'body/batch_id', message: 'is a live event' }],
    });
  }
}

/** Options of authenticateApiKey. */
export interface AuthenticateOptions {
  /**
   * Let in a key that expired on its own (not one replaced by regeneration) at most
   * EXPIRED_KEY_RENEWAL_DAYS ago, marked `expired`: only the regenerate route asks for this, so an
   * expired key can renew itself as the seed's error table advises. Revoked keys never pass.
   */
  acceptExpired?: boolean;
}

// A key expired on its own when its row is still `active`; a `rotating` one was replaced by
// regeneration and only kept alive for a grace period.
function expiredOnItsOwn(row: ApiKeysTable): boolean {
  return row.status === 'active';
}

function renewableUntil(row: ApiKeysTable): number {
  return row.expires_at! + EXPIRED_KEY_RENEWAL_MS;
}

// The 403 for a key that no longer works names what does.
function expiredError(row: ApiKeysTable, now: number): AppError {
  const at = toIso(row.expires_at!);
  if (!expiredOnItsOwn(row)) {
    return new AppError(
      'api_key_expired',
      `This API key was replaced by a regenerated key and its grace period ended at ${at}; use the key that regeneration returned, or create a new key with ${CREATE_ROUTE} using another valid key or a dashboard session.`,
    );
  }
  if (now < renewableUntil(row)) {
    return new AppError(
      'api_key_expired',
      `This API key expired at ${at}. Regenerate it with ${REGENERATE_ROUTE}, sending this key (accepted there until ${toIso(renewableUntil(row))}), another valid key or a dashboard session; or create a new key with ${CREATE_ROUTE}.`,
    );
  }
  return new AppError(
    'api_key_expired',
    `This API key expired at ${at}, more than ${EXPIRED_KEY_RENEWAL_DAYS} days ago, so it can no longer regenerate itself. Regenerate it with ${REGENERATE_ROUTE} and {"kid":"${row.kid}"} using another valid key or a dashboard session, or create a new key with ${CREATE_ROUTE}.`,
  );
}

function revokedError(): AppError {
  return new AppError(
    'api_key_revoked',
    `This API key has been revoked and cannot be used or regenerated. Create a new key with ${CREATE_ROUTE} using another valid key or a dashboard session, or ask the account owner for one.`,
  );
}

/** Checks a presented key: 401 api_key_invalid (malformed, bad checksum, unknown kid, wrong secret), 403 expired or revoked. */
export async function authenticateApiKey(ctx: Pick<AppContext, 'db' | 'clock'>, presented: string, options: AuthenticateOptions = {}): Promise<AuthenticatedKey> {
  const now = ctx.clock.now();
  const parsed = parseApiKey(presented);
  if (!parsed) throw new AppError('api_key_invalid', 'The API key is malformed or its checksum is wrong; check that it was copied completely.');
  const row = await findApiKeyByKid(ctx.db, parsed.kid);
  const digest = sha256(presented);
  const matches = digestsEqual(digest, row ? Buffer.from(row.key_hash, 'hex') : DUMMY_DIGEST);
  if (!row || !matches || row.env !== parsed.env) throw new AppError('api_key_invalid', 'The API key is not valid; check the key or create a new one in the dashboard.');
  const status = statusOf(row, now);
  if (status === 'revoked') throw revokedError();
  const expired = status === 'expired';
  if (expired && !(options.acceptExpired && expiredOnItsOwn(row) && now < renewableUntil(row))) throw expiredError(row, now);
  if (row.last_used_at === null || now - row.last_used_at >= LAST_USED_RESOLUTION_MS) await touchApiKey(ctx.db, row.id, now, now - LAST_USED_RESOLUTION_MS);
  return { id: row.id, accountId: row.account_id, env: row.env as KeyEnv, scope: row.scope, batchId: row.batch_id, expired };
}

/** One page of an account's keys (newest first) and the cursor of the next page. */
export async function listApiKeys(ctx: Pick<AppContext, 'db' | 'clock'>, accountId: string, limit: number, cursor?: Cursor): Promise<Page<ApiKey>> {
  const now = ctx.clock.now();
  return mapPage(await fetchPage(limit, (take) => listApiKeyRows(ctx.db, accountId, take, cursor)), (row) => toApiKey(row, now));
}

/**
 * Revokes one of the account's keys at once; 404 for another account's key or an unknown id. A
 * test-mode caller (`onlyEnv`) may revoke only keys of its env: a leaked test key must not be able
 * to switch production off.
 */
export async function revokeApiKey(ctx: Pick<AppContext, 'db' | 'clock'>, accountId: string, id: string, onlyEnv?: KeyEnv): Promise<void> {
  const now = ctx.clock.now();
  const row = await findApiKeyById(ctx.db, accountId, id);
  if (!row) throw notFound('This API key');
  checkEnvAllowed(row.env, onlyEnv);
  await markRevoked(ctx.db, accountId, id, now);
}

/** Which key to regenerate and how. */
export interface RegenerateInput {
  /** The key that authenticated the request (regenerated unless `kid` names another). */
  currentKeyId?: string | null;
  kid?: string;
  /** Hours the old key keeps working (0 = revoked at once), at most MAX_GRACE_PERIOD_HOURS. */
  gracePeriodHours?: number;
  /** Set for test-mode callers: they may only regenerate keys of this env. */
  onlyEnv?: KeyEnv;
}

/**
 * Replaces a key with a new one of the same env, scope and event; the old one is revoked or kept for a grace period.
 * A key that expired on its own may be regenerated too (by itself within EXPIRED_KEY_RENEWAL_DAYS,
 * or by any valid key or session): it is revoked at once, since it already stopped working. An
 * expired key authenticating the request regenerates only itself.
 */
export async function regenerateApiKey(ctx: Pick<AppContext, 'db' | 'clock'>, accountId: string, input: RegenerateInput): Promise<{ apiKey: ApiKey; fullKey: string; previous: ApiKey }> {
  const now = ctx.clock.now();
  const current = input.currentKeyId ? await findApiKeyById(ctx.db, accountId, input.currentKeyId) : undefined;
  let old: ApiKeysTable | undefined;
  if (input.kid) old = await findAccountApiKeyByKid(ctx.db, accountId, input.kid);
  else if (input.currentKeyId) old = current;
  else old = await findNewestActiveKey(ctx.db, accountId, 'prd');
  if (current && statusOf(current, now) === 'expired' && old?.id !== current.id) {
    throw new AppError('forbidden', 'An expired API key can only regenerate itself; regenerate other keys with a valid key or a dashboard session.');
  }
  if (!old) throw input.kid ? notFound('This API key') : notFound('An active prd API key to regenerate');
  checkEnvAllowed(old.env, input.onlyEnv);
  const status = statusOf(old, now);
  const renewingExpired = status === 'expired' && expiredOnItsOwn(old);
  if (status !== 'active' && !renewingExpired) {
    const instead = old.replaced_by ? 'it was replaced by a regenerated key: use that one, or create' : 'create';
    throw new AppError('conflict', `This key is ${status} and cannot be regenerated; ${instead} a new key with ${CREATE_ROUTE}.`);
  }
  const graceHours = renewingExpired ? 0 : (input.gracePeriodHours ?? 0);
  const rotatingUntil = graceHours > 0 ? Math.min(now + graceHours * 3_600_000, old.expires_at ?? Number.MAX_SAFE_INTEGER) : null;
  // An expiring key's successor lives as long as it did, counted from now: expiry is a rotation
  // period a key cannot shed by regenerating itself (revoking a key is how access ends).
  const expiresAt = old.expires_at === null ? null : now + (old.expires_at - old.created_at);
  const { row, fullKey } = newKeyRow(accountId, old.env as KeyEnv, { scope: old.scope, batch_id: old.batch_id }, old.name, expiresAt, now);
  const previous = await inTransaction(ctx.db, async (trx) => {
    await insertApiKey(trx, row);
    // The status guard makes two concurrent regenerations of one key produce one successor.
    if (!(await markReplaced(trx, old.id, row.id, now, rotatingUntil))) throw new AppError('conflict', 'This key was regenerated by another request; use the key it returned.');
    await emitEvent(trx, {
      accountId,
      type: 'api_key.regenerated',
      data: {
        api_key: { id: row.id, kid: row.kid, env: row.env, display_mask: row.display_mask },
        previous: { id: old.id, kid: old.kid, expires_at: toIso(rotatingUntil) },
      },
      occurredAt: now,
    });
    return (await findApiKeyById(trx, accountId, old.id))!;
  });
  return { apiKey: toApiKey(row, now), fullKey, previous: toApiKey(previous, now) };
}
