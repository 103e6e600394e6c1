// Idempotency-Key for POST endpoints (draft-ietf-httpapi-idempotency-key-header): the first
// response under a key is stored and replayed for retries with the same body; the same key with a
// different body is a 422, and a retry while the first request still runs is a 409. Keys live
// 24 hours. A route either declares `'x-idempotent': true` in its schema (idempotency.plugin.ts
// does the rest) or, when it must shape what is stored, wraps its work in withIdempotency().
import type { AppContext } from '../../context.ts';
import { sha256 } from '../../crypto/keys.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { AppError } from '../../errors.ts';
import type { Job } from '../../jobs/runner.ts';
import { claimIdempotencyKey, completeIdempotencyKey, deleteIdempotencyKeysBefore, findIdempotencyKey, releaseIdempotencyKey } from './idempotency.repo.ts';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
// A claim this old belongs to a request that died between claiming and completing.
const ABANDONED_CLAIM_MS = 5 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** A response as stored and replayed. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** Which request a key belongs to. */
export interface IdempotentRequest {
  accountId: string;
  /** The raw Idempotency-Key header, or undefined when the client sent none. */
  key: string | undefined;
  /** Method and route, e.g. `POST /api/v1/qrs/bulk`. */
  scope: string;
  /** Everything that makes two requests "the same" (body, relevant query). */
  fingerprint: unknown;
}

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/** What beginning a keyed request found: a stored response to replay, or a fresh claim to complete or release. */
export type Begun = { replay: true; status: number; responseBody: string } | { replay: false };

/**
 * JSON with every object's keys in order: `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same
 * request (a client's serialiser may order keys differently on a retry).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

// Keys stored before fingerprints were canonical hold the hash of the body as sent; the second
// comparison above lets their retries replay until they expire (IDEMPOTENCY_TTL_MS).
function requestHash(scope: string, fingerprint: string): string {
  return sha256(`${scope}\n${fingerprint}`).toString('hex');
}

/**
 * Claims `request.key` for this request, or finds the response stored under it. Throws 422 when
 * the key was used for another request, 409 while the first request with it still runs.
 */
export async function beginIdempotent(ctx: Ctx, request: IdempotentRequest & { key: string }): Promise<Begun> {
  const { key, accountId } = request;
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1–255 printable ASCII characters (a UUID is a good choice).', {
      errors: [{ field: 'headers/idempotency-key', message: 'must be 1–255 printable ASCII characters' }],
    });
  }
  const hash = requestHash(request.scope, canonicalJson(request.fingerprint));
  const now = ctx.clock.now();
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await findIdempotencyKey(ctx.db, accountId, key);
    if (existing) {
      const expired = existing.created_at + IDEMPOTENCY_TTL_MS <= now || (existing.status_code === 0 && existing.created_at + ABANDONED_CLAIM_MS <= now);
      if (expired) {
        await releaseIdempotencyKey(ctx.db, accountId, key, existing.created_at);
        continue;
      }
      if (existing.scope !== request.scope || (existing.request_hash !== hash && existing.request_hash !== requestHash(request.scope, JSON.stringify(request.fingerprint)))) {
        throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request; use a new key for a new request.');
      }
      if (existing.status_code === 0) {
        throw new AppError('idempotency_key_in_use', 'The first request with this Idempotency-Key is still running; retry in a moment.', { headers: { 'retry-after': '1' } });
      }
      return { replay: true, status: existing.status_code, responseBody: existing.response_body };
    }
    try {
      await claimIdempotencyKey(ctx.db, { account_id: accountId, key, scope: request.scope, request_hash: hash, status_code: 0, response_body: '', created_at: now });
      return { replay: false };
    } catch (error) {
      if (isUniqueViolation(error)) continue; // someone claimed it between our read and insert
      throw error;
    }
  }
  throw new AppError('idempotency_key_in_use', 'The Idempotency-Key is contended by concurrent requests; retry in a moment.', { headers: { 'retry-after': '1' } });
}

/** Stores the response of a claimed key (replayed for the next 24 hours). */
export async function completeIdempotent(ctx: Ctx, accountId: string, key: string, status: number, responseBody: string): Promise<void> {
  await completeIdempotencyKey(ctx.db, accountId, key, status, responseBody);
}

/** Forgets a claimed key: a failed request is not remembered, so the client may fix it and retry under the same key. */
export async function releaseIdempotent(ctx: Ctx, accountId: string, key: string): Promise<void> {
  await releaseIdempotencyKey(ctx.db, accountId, key);
}

/** Runs `produce` once per key: returns its response, or the stored one with `replayed: true`. */
export async function withIdempotency(ctx: Ctx, request: IdempotentRequest, produce: () => Promise<StoredResponse>): Promise<StoredResponse & { replayed: boolean }> {
  const { key, accountId } = request;
  if (key === undefined) return { ...(await produce()), replayed: false };
  const begun = await beginIdempotent(ctx, { ...request, key });
  if (begun.replay) return { status: begun.status, body: JSON.parse(begun.responseBody), replayed: true };
  let response: StoredResponse;
  try {
    response = await produce();
  } catch (error) {
    await releaseIdempotent(ctx, accountId, key).catch(() => {});
    throw error;
  }
  await completeIdempotent(ctx, accountId, key, response.status, JSON.stringify(response.body));
  return { ...response, replayed: false };
}

/** Sweeper: forgets keys older than the TTL. */
export const idempotencyKeySweepJob: Job = {
  name: 'idempotency-key-sweep',
  intervalMs: 60 * 60 * 1000,
  run: (ctx) => deleteIdempotencyKeysBefore(ctx.db, ctx.clock.now() - IDEMPOTENCY_TTL_MS),
};

/** The idempotency module's jobs (src/modules/jobs.ts lists every module's). */
export const idempotencyJobs: Job[] = [idempotencyKeySweepJob];
