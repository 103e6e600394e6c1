// Webhook signing secrets (seed 003): one active secret per account; rotating keeps the old one
// valid for 24 hours so receivers can switch without dropping a webhook. Secrets are shown once
// and stored encrypted under a key derived from the master key, because signing needs them.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { openSecret, sealSecret } from '../../crypto/aead.ts';
import { deriveKey } from '../../crypto/keys.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { WebhookSecretsTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { randomString } from '../../ids.ts';
import { emitEvent } from './outbox.ts';
import { generateSigningSecret } from './signing.ts';
import { capOpenWindows, closeOldestWindows, disableExpiredSecrets, findActiveSecret, findLiveSecrets, insertSecret, listSecrets, markRotating } from './webhook-secret.repo.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { NewWebhookSecret, RotatedWebhookSecret, WebhookSecretInfo } from './webhooks.schemas.ts';
import { toIso } from '../../http/iso.ts';

/** How long a rotated-out secret keeps signing unless the rotation asks for less. */
export const ROTATION_WINDOW_MS = 24 * 60 * 60 * 1000;

const KID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A freshly created secret (the only time its value is returned) and a secret's metadata (never its value). */
export type { NewWebhookSecret, WebhookSecretInfo };

function sealingKey(masterKey: Buffer): Buffer {
  return deriveKey(masterKey, 'webhook-secret');
}

function newSecretRow(masterKey: Buffer, accountId: string, now: number): { row: WebhookSecretsTable; secret: NewWebhookSecret } {
  const id = randomUUID();
  const kid = randomString(12, KID_ALPHABET);
  const secret = generateSigningSecret();
  // The row id is the associated data: a sealed value copied onto another row does not open.
  const row: WebhookSecretsTable = {
    id,
    account_id: accountId,
    kid,
    secret_sealed: sealSecret(sealingKey(masterKey), secret, id),
    status: 'active',
    created_at: now,
    expires_at: null,
    disabled_at: null,
  };
  return { row, secret: { id, secret, kid } };
}

function alreadyActive(): AppError {
  return new AppError(
    'conflict',
    'This account already has an active webhook secret. Rotate it with POST /api/v1/merchant/webhooks/secret/rotate to get a new one (the old one stays valid for 24 hours).',
  );
}

/** Effective status at `now`: a rotating secret past its window is disabled even before the sweeper marks it. */
function statusAt(row: WebhookSecretsTable, now: number): WebhookSecretInfo['status'] {
  return row.status === 'rotating' && row.expires_at !== null && row.expires_at <= now ? 'disabled' : row.status;
}

/** Creates the account's first webhook secret; 409 when one is already active (rotate instead). */
export async function createWebhookSecret(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, accountId: string): Promise<NewWebhookSecret> {
  if (await findActiveSecret(ctx.db, accountId)) throw alreadyActive();
  const { row, secret } = newSecretRow(ctx.config.masterKey, accountId, ctx.clock.now());
  try {
    await insertSecret(ctx.db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyActive();
    throw error;
  }
  return secret;
}

/**
 * Most rotated-out secrets signing at once. Each rotation keeps its promise of 24 hours to the
 * secret it replaces, also when it comes soon after another: a receiver still on the first
 * secret, or a rotate retried after a lost answer, must not cut anyone off. The bound keeps
 * the signature header short (one signature per secret); past it the oldest window closes.
 */
export const MAX_OPEN_WINDOWS = 4;

/**
 * Rotates: the active secret becomes `rotating` (valid 24 h more), a new one becomes `active`, and
 * a `webhook_secret.rotated` event is emitted in the same transaction. Secrets in earlier windows
 * keep theirs, up to MAX_OPEN_WINDOWS in all.
 */
export async function rotateWebhookSecret(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, accountId: string, options: { previousValidHours?: number } = {}): Promise<RotatedWebhookSecret> {
  const now = ctx.clock.now();
  // 0 hours: a leaked secret stops signing now (its window closes as it opens).
  const expiresAt = now + Math.min((options.previousValidHours ?? 24) * 3_600_000, ROTATION_WINDOW_MS);
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const current = await findActiveSecret(trx, accountId);
      if (!current) throw new AppError('not_found', 'This account has no active webhook secret to rotate. Create one with POST /api/v1/merchant/webhooks/secret.');
      // A shortened window is a suspected leak: no rotated-out secret signs longer than the one
      // replaced now (older windows are never extended, only cut).
      await capOpenWindows(trx, accountId, now, expiresAt);
      await closeOldestWindows(trx, accountId, now, MAX_OPEN_WINDOWS - 1);
      if (!(await markRotating(trx, current.id, expiresAt))) throw concurrentRotation();
      const { row, secret } = newSecretRow(ctx.config.masterKey, accountId, now);
      await insertSecret(trx, row);
      const previous = { id: current.id, kid: current.kid, status: expiresAt > now ? ('rotating' as const) : ('disabled' as const), expires_at: toIso(expiresAt) };
      await emitEvent(trx, {
        accountId,
        type: 'webhook_secret.rotated',
        data: { secret: { id: secret.id, kid: secret.kid }, previous: { id: previous.id, kid: previous.kid, expires_at: previous.expires_at } },
        occurredAt: now,
      });
      return { ...secret, previous };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw concurrentRotation();
    throw error;
  }
}

function concurrentRotation(): AppError {
  return new AppError('conflict', 'Another rotation of this webhook secret happened at the same time; fetch the secrets list and retry if you still need a new one.');
}

/** The account's secrets (metadata only), newest first. */
export async function listWebhookSecrets(ctx: Pick<AppContext, 'db' | 'clock'>, accountId: string): Promise<WebhookSecretInfo[]> {
  const now = ctx.clock.now();
  return (await listSecrets(ctx.db, accountId)).map((row) => ({
    id: row.id,
    kid: row.kid,
    status: statusAt(row, now),
    created_at: toIso(row.created_at),
    expires_at: toIso(row.expires_at),
  }));
}

/** Plaintext secrets that sign a message sent at `now` (active first, then those in a rotation window). */
export async function liveSigningSecrets(ctx: Pick<AppContext, 'db' | 'config'>, accountId: string, now: number): Promise<string[]> {
  const key = sealingKey(ctx.config.masterKey);
  return (await findLiveSecrets(ctx.db, accountId, now)).map((row) => openSecret(key, row.secret_sealed, row.id));
}

/** Whether the account has a secret to sign with. */
export async function hasActiveWebhookSecret(ctx: Pick<AppContext, 'db'>, accountId: string): Promise<boolean> {
  return (await findActiveSecret(ctx.db, accountId)) !== undefined;
}

/** Marks secrets whose rotation window closed as disabled (the worker's sweep); returns how many. */
export async function expireRotatedSecrets(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  return disableExpiredSecrets(ctx.db, ctx.clock.now());
}
