// Ephemeral items: create, resolve (spends a view), peek (for the public page; spends nothing),
// delete, and the sweeper that archives finalized items. No HTTP objects and no SQL here.
import type { AppContext } from '../../context.ts';
import { hashPassword, verifyPassword } from '../../crypto/password.ts';
import type { ItemsTable } from '../../db/schema.ts';
import { fromFlag, toFlag } from '../../db/dialect.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { countPasswordCheck } from './item-check-limit.ts';
import { type CreateLimitContext, checkAnonymousStorage, countAnonymousCreate } from './item-create-limit.ts';
import { type FinalReason, finalReason, type ItemState, itemState, type LifecycleFacts } from './item-lifecycle.ts';
import { MAX_PASSWORD_LENGTH, MAX_TTL_HOURS, MAX_VIEW_LIMIT, MIN_TTL_HOURS, PASSWORD_ATTEMPTS_PER_CLIENT, PASSWORD_ATTEMPTS_PER_WINDOW } from './items.limits.ts';
import type { CreateItemBody, ItemJson } from './items.schemas.ts';
import { contentHmac, decryptContent, deleteTokenHash, deleteTokenMatches, encryptContent, looksLikeMagic, magicHash, newDeleteToken, newMagic, passwordClient } from './item-secrets.ts';
import { clientLockedUntil, countClientWrongPassword } from './item-password.repo.ts';
import { consumeView, countWrongPassword, deleteItemById, findItemByMagicHash, type ItemPasswordLimit, insertItem, type PasswordLimit } from './items.repo.ts';
import { toIso } from '../../http/iso.ts';

/** Largest content accepted, in UTF-8 bytes. */
export const MAX_CONTENT_BYTES = 64 * 1024;
export { MAX_PASSWORD_LENGTH, MAX_TTL_HOURS, MAX_VIEW_LIMIT, MIN_TTL_HOURS, PASSWORD_ATTEMPTS_PER_CLIENT, PASSWORD_ATTEMPTS_PER_WINDOW };
export const PASSWORD_WINDOW_MS = 15 * 60_000;
/** The longest window of the item-wide limit: 16 hours, after 300 wrong passwords (15 minutes doubled six times). */
export const PASSWORD_LONGEST_WINDOW_MS = 16 * 3_600_000;
const PASSWORD_LIMIT: ItemPasswordLimit = { windowMs: PASSWORD_WINDOW_MS, max: PASSWORD_ATTEMPTS_PER_WINDOW, longestWindowMs: PASSWORD_LONGEST_WINDOW_MS };
const CLIENT_LIMIT: PasswordLimit = { windowMs: PASSWORD_WINDOW_MS, max: PASSWORD_ATTEMPTS_PER_CLIENT };

/** An item as the API shows it (the seed's fields plus `state`). */
export type ItemView = ItemJson;

/** What anyone holding the magic may see without spending a view. */
export interface ItemStatus {
  publicUrl: string;
  createdUtc: string;
  expiresUtc: string;
  viewCount: number;
  viewLimit: number | null;
  passwordProtected: boolean;
  state: ItemState;
  /** Why it stopped resolving, once FINALIZED or ARCHIVAL. */
  reason: FinalReason | null;
  /** The account it was created under (its public page wears that account's branding), or null. */
  accountId: string | null;
}

/**
 * A create request, the account of the caller's API key or session when valid (attribution, and
 * its own rate limit instead of the anonymous one) and the client's address (the anonymous limit).
 */
export type NewItemInput = CreateItemBody & { accountId?: string | null; clientIp?: string };

/** The public page (and QR target) of an item. */
export function itemPublicUrl(publicUrl: string, magic: string): string {
  return `${publicUrl}/i/${magic}`;
}

function facts(row: ItemsTable): LifecycleFacts {
  return { viewCount: row.view_count, viewLimit: row.view_limit, createdAt: row.created_at, expiresAt: row.expires_at, archivedAt: row.archived_at };
}

function toView(ctx: Pick<AppContext, 'config'>, magic: string, row: ItemsTable, now: number, extra: { deleteToken?: string; content?: string }): ItemView {
  return {
    magic,
    publicUrl: itemPublicUrl(ctx.config.publicUrl, magic),
    createdUtc: toIso(row.created_at),
    expiresUtc: toIso(row.expires_at),
    viewCount: row.view_count,
    viewLimit: row.view_limit,
    passwordProtected: fromFlag(row.password_protected),
    deleteToken: extra.deleteToken ?? null,
    content: extra.content ?? null,
    contentHmac: row.content_hmac,
    state: itemState(facts(row), now),
  };
}

function validate(input: NewItemInput): void {
  if (typeof input.content !== 'string' || input.content.length === 0) {
    throw new AppError('validation_failed', 'content must be a non-empty string.', { errors: [{ field: 'content', message: 'must be a non-empty string' }] });
  }
  const bytes = Buffer.byteLength(input.content, 'utf8');
  if (bytes > MAX_CONTENT_BYTES) {
    throw new AppError(
      'payload_too_large',
      `content is ${bytes} bytes of UTF-8; items hold at most ${MAX_CONTENT_BYTES} bytes (64 KiB). Store larger payloads elsewhere and put their link in the item.`,
      {
        extensions: { limitBytes: MAX_CONTENT_BYTES, actualBytes: bytes },
      },
    );
  }
  if (!input.content.isWellFormed()) {
    throw new AppError('validation_failed', 'content contains an unpaired UTF-16 surrogate; send valid Unicode text.', { errors: [{ field: 'content', message: 'must be valid Unicode text' }] });
  }
  if (!Number.isFinite(input.ttlHours) || input.ttlHours < MIN_TTL_HOURS || input.ttlHours > MAX_TTL_HOURS) {
    throw new AppError('validation_failed', `ttlHours must be a number from ${MIN_TTL_HOURS} to ${MAX_TTL_HOURS} (fractions allowed).`, {
      errors: [{ field: 'ttlHours', message: `must be from ${MIN_TTL_HOURS} to ${MAX_TTL_HOURS}` }],
    });
  }
  const limit = input.viewLimit;
  if (limit !== undefined && limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > MAX_VIEW_LIMIT)) {
    throw new AppError('validation_failed', `viewLimit must be a whole number from 1 to ${MAX_VIEW_LIMIT}, or left out for no limit.`, {
      errors: [{ field: 'viewLimit', message: `must be an integer from 1 to ${MAX_VIEW_LIMIT}` }],
    });
  }
  const password = input.password;
  if (password !== undefined && password !== null && (typeof password !== 'string' || password.length === 0 || password.length > MAX_PASSWORD_LENGTH)) {
    throw new AppError('validation_failed', `password must be 1 to ${MAX_PASSWORD_LENGTH} characters, or left out for no password.`, {
      errors: [{ field: 'password', message: `must be 1 to ${MAX_PASSWORD_LENGTH} characters` }],
    });
  }
  const unsendable = typeof password === 'string' ? unsendablePassword(password) : null;
  if (unsendable) throw new AppError('validation_failed', `password ${unsendable}.`, { errors: [{ field: 'body/password', message: unsendable }] });
}

/**
 * Why a password could never be sent in `X-QR-Password`, or null. HTTP strips spaces and tabs
 * around a header value and cannot carry control characters, so such an item answered every
 * resolve through the API with `item_password_invalid`, and each try spent the recipient's own
 * wrong-password budget until the item locked them out.
 */
function unsendablePassword(password: string): string | null {
  if (/^[ \t]|[ \t]$/.test(password)) return 'must not begin or end with a space or tab: HTTP drops them from the X-QR-Password header, so it could never be sent';
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(password)) return 'must not contain line breaks or other control characters: the X-QR-Password header cannot carry them';
  return null;
}

/** Creates an item; the answer carries the magic and the delete token, neither of which is stored. */
export async function createItem(ctx: Pick<AppContext, 'db'> & CreateLimitContext, input: NewItemInput): Promise<ItemView> {
  validate(input);
  // A signed-in caller was already counted against its key's or session's budget by the auth hook.
  if (!input.accountId) {
    await countAnonymousCreate(ctx, input.clientIp, input.password !== undefined && input.password !== null);
    await checkAnonymousStorage(ctx, Buffer.byteLength(input.content, 'utf8'));
  }
  const magic = newMagic();
  const deleteToken = newDeleteToken();
  const now = ctx.clock.now();
  const password = input.password ?? null;
  const row: ItemsTable = {
    id: newId('itm'),
    magic_hash: magicHash(magic),
    account_id: input.accountId ?? null,
    ciphertext: encryptContent(ctx.config.masterKey, magic, input.content),
    content_hmac: contentHmac(magic, input.content),
    content_bytes: Buffer.byteLength(input.content, 'utf8'),
    password_protected: toFlag(password !== null),
    password_hash: password !== null ? await hashPassword(password) : null,
    delete_token_hash: deleteTokenHash(deleteToken),
    view_count: 0,
    view_limit: input.viewLimit ?? null,
    created_at: now,
    expires_at: now + Math.round(input.ttlHours * 3_600_000),
    finalized_at: null,
    archived_at: null,
    password_attempts: 0,
    password_window_start: null,
    password_failures: 0,
    password_window_ms: null,
  };
  await insertItem(ctx.db, row);
  return toView(ctx, magic, row, now, { deleteToken });
}

function notFound(): AppError {
  return new AppError('not_found', 'No item has this magic: it never existed or was deleted.');
}

/** The 410 for an item that no longer resolves, carrying its final state. */
function gone(row: ItemsTable, now: number): AppError {
  const state = itemState(facts(row), now);
  const reason = finalReason(facts(row), now) ?? 'expired';
  const finalizedAt = row.finalized_at ?? (reason === 'expired' ? row.expires_at : null);
  const protectedItem = fromFlag(row.password_protected);
  const detail =
    reason === 'view_limit_reached' ? `This item reached its view limit of ${row.view_limit} and no longer resolves.` : `This item expired at ${toIso(row.expires_at)} and no longer resolves.`;
  return new AppError(reason === 'view_limit_reached' ? 'item_exhausted' : 'item_expired', detail, {
    extensions: {
      state,
      reason,
      viewCount: row.view_count,
      viewLimit: row.view_limit,
      createdUtc: toIso(row.created_at),
      expiresUtc: toIso(row.expires_at),
      finalizedUtc: finalizedAt === null ? null : toIso(finalizedAt),
      passwordProtected: protectedItem,
      // The receipt is audit information for whoever holds the magic; behind a password it
      // would let a magic holder test guesses of the content offline, so it stays out.
      ...(protectedItem ? {} : { contentHmac: row.content_hmac }),
    },
  });
}

async function findLive(ctx: Pick<AppContext, 'db' | 'clock'>, magic: string): Promise<ItemsTable> {
  if (!looksLikeMagic(magic)) throw notFound();
  const row = await findItemByMagicHash(ctx.db, magicHash(magic));
  if (!row) throw notFound();
  if (finalReason(facts(row), ctx.clock.now()) !== null || row.archived_at !== null) throw gone(row, ctx.clock.now());
  return row;
}

/** When the item's wrong-password lock lifts, or null when it accepts passwords. */
function lockedUntil(row: ItemsTable, now: number): number | null {
  if (row.password_window_start === null || row.password_attempts < PASSWORD_ATTEMPTS_PER_WINDOW) return null;
  const end = row.password_window_start + (row.password_window_ms ?? PASSWORD_WINDOW_MS);
  return end > now ? end : null;
}

function tooManyAttempts(until: number, now: number, fromHere = false): AppError {
  const retryAfter = Math.max(1, Math.ceil((until - now) / 1000));
  const detail = fromHere
    ? `Too many wrong passwords for this item from your network: it accepts no password from here for ${retryAfter} seconds.`
    : `Too many wrong passwords for this item: it accepts no password for ${retryAfter} seconds.`;
  return new AppError('too_many_attempts', detail, {
    headers: { 'retry-after': String(retryAfter) },
    extensions: { retryAfterSeconds: retryAfter },
  });
}

/**
 * Why a request found the item other than it was when first read: deleted (404), locked by wrong
 * passwords with the wait as it is now (429), or finalized (410).
 */
async function changedMeanwhile(ctx: Pick<AppContext, 'db'>, magicHash: string, now: number): Promise<AppError> {
  const latest = await findItemByMagicHash(ctx.db, magicHash);
  if (!latest) return notFound();
  const until = lockedUntil(latest, now);
  return until === null ? gone(latest, now) : tooManyAttempts(until, now);
}

/**
 * Verifies the password, then counts it only when wrong: against the client's budget first, then
 * the item's. A locked client or item answers 429 before any verification; a wrong guess that
 * finds a limit already reached gets the 429 too (never its verdict); a right one is accepted only
 * while the client is not locked (checked again after verifying, for its own parallel guesses) and,
 * by consumeView, while the item is not. Every verification, right or wrong, is counted against
 * the client network's budget of argon2id first (countPasswordCheck).
 */
async function checkPassword(ctx: ResolveContext, row: ItemsTable, password: string | undefined, now: number, clientIp: string | undefined): Promise<void> {
  if (password === undefined || password === '') {
    throw new AppError('item_password_required', 'This item is password protected: send the password in the X-QR-Password header.');
  }
  const until = lockedUntil(row, now);
  if (until !== null) throw tooManyAttempts(until, now);
  const client = passwordClient(clientIp);
  const clientLocked = await clientLockedUntil(ctx.db, row.id, client, now, CLIENT_LIMIT);
  if (clientLocked !== null) throw tooManyAttempts(clientLocked, now, true);
  await countPasswordCheck(ctx, clientIp);
  if (row.password_hash && (await verifyPassword(password, row.password_hash))) {
    const lockedMeanwhile = await clientLockedUntil(ctx.db, row.id, client, now, CLIENT_LIMIT);
    if (lockedMeanwhile !== null) throw tooManyAttempts(lockedMeanwhile, now, true);
    return;
  }
  const wrongFromHere = await countClientWrongPassword(ctx.db, row.id, client, now, CLIENT_LIMIT);
  if (wrongFromHere === null) {
    throw tooManyAttempts((await clientLockedUntil(ctx.db, row.id, client, now, CLIENT_LIMIT)) ?? now + 1000, now, true);
  }
  if (await countWrongPassword(ctx.db, row.id, now, PASSWORD_LIMIT)) {
    // Said, so a person who mistyped knows how careful to be; the limit itself is documented anyway.
    const attemptsLeft = Math.max(0, CLIENT_LIMIT.max - wrongFromHere);
    const minutes = Math.round(CLIENT_LIMIT.windowMs / 60_000);
    throw new AppError(
      'item_password_invalid',
      attemptsLeft === 0
        ? `The password is wrong; no view was spent. That was the last wrong password this item takes from your network for ${minutes} minutes.`
        : `The password is wrong; no view was spent. ${attemptsLeft} more wrong ${attemptsLeft === 1 ? 'password' : 'passwords'} from your network and the item refuses it for ${minutes} minutes.`,
      { extensions: { attemptsLeft } },
    );
  }
  throw await changedMeanwhile(ctx, row.magic_hash, now);
}

/** What resolving needs: the database, time, config and the shared limiter (password checks). */
export type ResolveContext = Pick<AppContext, 'db'> & CreateLimitContext;

/** Resolves an item for a caller at `clientIp`: checks the password, then spends exactly one view and returns the content. */
export async function resolveItem(ctx: ResolveContext, magic: string, password: string | undefined, clientIp: string | undefined): Promise<ItemView> {
  const row = await findLive(ctx, magic);
  const now = ctx.clock.now();
  if (fromFlag(row.password_protected)) await checkPassword(ctx, row, password, now, clientIp);
  // Decrypted before the view is spent: content that cannot be read must not cost a view.
  const content = row.ciphertext === null ? null : decryptContent(ctx.config.masterKey, magic, row.ciphertext);
  const spent = await consumeView(ctx.db, row.magic_hash, now, PASSWORD_LIMIT);
  // Nothing spent: locked by wrong passwords, lost the race for the last view, expired or deleted meanwhile.
  if (!spent) throw await changedMeanwhile(ctx, row.magic_hash, now);
  if (spent.ciphertext === null || content === null) throw gone(spent, now);
  return toView(ctx, magic, spent, now, { content });
}

/**
 * What resolving would answer about the item's lifecycle, without resolving: 404 unknown, 410
 * finalized, else its status. Never checks a password (that would be a free guessing oracle) and
 * never spends a view: this is HEAD of the resolve route, which link checkers and previews send.
 */
export async function probeItem(ctx: Pick<AppContext, 'db' | 'clock'>, magic: string): Promise<void> {
  await findLive(ctx, magic);
}

/** The item's state and counters without spending a view (public page, link previews). */
export async function peekItem(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, magic: string): Promise<ItemStatus> {
  if (!looksLikeMagic(magic)) throw notFound();
  const row = await findItemByMagicHash(ctx.db, magicHash(magic));
  if (!row) throw notFound();
  const now = ctx.clock.now();
  const state = itemState(facts(row), now);
  return {
    publicUrl: itemPublicUrl(ctx.config.publicUrl, magic),
    createdUtc: toIso(row.created_at),
    expiresUtc: toIso(row.expires_at),
    viewCount: row.view_count,
    viewLimit: row.view_limit,
    passwordProtected: fromFlag(row.password_protected),
    state,
    reason: state === 'FINALIZED' || state === 'ARCHIVAL' ? (finalReason(facts(row), now) ?? 'expired') : null,
    accountId: row.account_id,
  };
}

/** Deletes an item for whoever holds its delete token; afterwards it is unknown (404). */
export async function deleteItem(ctx: Pick<AppContext, 'db'>, magic: string, token: string | undefined): Promise<void> {
  if (!looksLikeMagic(magic)) throw notFound();
  const row = await findItemByMagicHash(ctx.db, magicHash(magic));
  if (!row) throw notFound();
  if (!token) throw new AppError('item_delete_token_invalid', 'Send the delete token returned when the item was created in the X-Delete-Token header.');
  if (!deleteTokenMatches(token, row.delete_token_hash)) throw new AppError('item_delete_token_invalid', 'The delete token does not match this item.');
  if (!(await deleteItemById(ctx.db, row.id))) throw notFound();
}
