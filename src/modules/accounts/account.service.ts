// Creating accounts: a tenant (account) and the person who owns it (user), created together.
import type { AppContext } from '../../context.ts';
import type { Dialect } from '../../config.ts';
import { hashPassword } from '../../crypto/password.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { isReservedPath, newId, randomString } from '../../ids.ts';
import { findAccountBySlug, findUserByEmail, insertAccountWithOwner, insertFirstAccountWithOwner } from './account.repo.ts';
import { inTransaction } from '../../db/transaction.ts';
import { toIso } from '../../http/iso.ts';

/** A tenant. */
export interface Account {
  id: string;
  slug: string;
  name: string;
  createdAt: string;
}

/** A person. */
export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

/** What signing up (or `tessera account create`) asks for. */
export interface NewAccountInput {
  email: string;
  password: string;
  name?: string;
  slug?: string;
  accountName?: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
/** Account slugs: lowercase letters, digits and inner hyphens, 3–40 characters. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

/** Lower-cases and trims an email for lookups. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What is wrong with an email given to sign in with (sign-up, reset), or null. */
export function emailProblem(email: unknown): string | null {
  return typeof email === 'string' && EMAIL.test(normaliseEmail(email)) ? null : 'must be an email address such as ada@example.com';
}

/** What is wrong with a password someone chooses (sign-up, change, reset), or null. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string' || password.length < 10) return 'must be at least 10 characters';
  if (password.length > 256) return 'must be at most 256 characters';
  // Spaces count toward the length (a passphrase may hold them), but a password of spaces only is guessed first.
  if (!/\S/.test(password)) return 'must contain something other than spaces';
  return null;
}

/** What is wrong with a new account's fields (empty when nothing): lets callers refuse before touching a database. */
export function validateNewAccount(input: NewAccountInput): FieldError[] {
  const errors: FieldError[] = [];
  const email = emailProblem(input.email);
  if (email) errors.push({ field: 'email', message: email });
  const password = passwordProblem(input.password);
  if (password) errors.push({ field: 'password', message: password });
  if (input.slug !== undefined) {
    if (!SLUG_PATTERN.test(input.slug)) errors.push({ field: 'slug', message: 'must be 3–40 lowercase letters, digits or inner hyphens' });
    else if (isReservedPath(input.slug)) errors.push({ field: 'slug', message: `'${input.slug}' is reserved; choose another` });
  }
  return errors;
}

// The address of the account's public pages (/p/{slug}/…) sits behind every printed code: made
// from the organisation's name when one is given ("Festival Tickets GmbH" → festival-tickets-gmbh),
// not from the person's email handle; null when the name gives no usable slug (too short, reserved).
function slugFromName(name: string | undefined): string | null {
  const base = (name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30)
    .replace(/-+$/, '');
  return base.length >= 3 && !isReservedPath(base) ? base : null;
}

function slugFromEmail(email: string): string {
  const base = email
    .split('@')[0]!
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30);
  return base.length >= 3 && !isReservedPath(base) ? base : `acct-${base}`.replace(/-+$/, '').slice(0, 30);
}

/** Maps rows to domain objects. */
export function toAccount(row: { id: string; slug: string; name: string; created_at: number }): Account {
  return { id: row.id, slug: row.slug, name: row.name, createdAt: toIso(row.created_at) };
}

/** Maps rows to domain objects. */
export function toUser(row: { id: string; email: string; name: string; created_at: number }): User {
  return { id: row.id, email: row.email, name: row.name, createdAt: toIso(row.created_at) };
}

/** What createAccount may be told besides the input. */
export interface CreateAccountOptions {
  /** Create it only as the instance's first account (TESSERA_SIGNUP=first), else 403 signup_closed. */
  onlyFirst?: { dialect: Dialect };
}

/** The 403 for a sign-up the instance does not take. */
export function signupClosed(): AppError {
  return new AppError('signup_closed', 'This instance does not take sign-ups: ask the instance owner for an account, or create one on the server with `tessera account create`.');
}

/**
 * Creates an account and its owner; 400 for invalid input, 409 when the email or slug is taken,
 * and with `onlyFirst` 403 when an account exists already (also when another sign-up won the race).
 */
export async function createAccount(ctx: Pick<AppContext, 'db' | 'clock'>, input: NewAccountInput, options: CreateAccountOptions = {}): Promise<{ account: Account; user: User }> {
  const errors = validateNewAccount(input);
  // Named where they sit in the request, as every other validation error of the API names them.
  if (errors.length) throw new AppError('validation_failed', errors.map((e) => `${e.field} ${e.message}`).join('; ') + '.', { errors: errors.map((e) => ({ ...e, field: `body/${e.field}` })) });
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(ctx.db, email)) throw emailTaken();
  const madeSlug = slugFromName(input.accountName) ?? slugFromEmail(email);
  let slug = input.slug ?? madeSlug;
  if (!input.slug && (await findAccountBySlug(ctx.db, slug))) slug = suffixed(madeSlug);
  const now = ctx.clock.now();
  const passwordHash = await hashPassword(input.password);
  const user = { id: newId('usr'), email, password_hash: passwordHash, name: input.name?.trim() || email.split('@')[0]!, created_at: now, updated_at: now };
  // The checks above run before the (slow) password hash, so sign-ups arriving together all pass
  // them and only the inserts tell them apart: a slug made for the person (not one they chose) that
  // another sign-up took meanwhile gets a suffix as it would have, and a conflict is reported by
  // what the person can change, their email before a slug they never chose.
  for (let attempt = 0; ; attempt++) {
    const account = { id: newId('acc'), slug, name: input.accountName?.trim() || input.name?.trim() || slug, created_at: now, updated_at: now };
    try {
      if (options.onlyFirst) {
        if (!(await insertFirstAccountWithOwner(ctx.db, options.onlyFirst.dialect, account, user))) throw signupClosed();
      } else {
        await inTransaction(ctx.db, (trx) => insertAccountWithOwner(trx, account, user));
      }
      return { account: toAccount(account), user: toUser(user) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (await findUserByEmail(ctx.db, email)) throw emailTaken();
      const slugTaken = await findAccountBySlug(ctx.db, slug);
      if (slugTaken && !input.slug && attempt < SLUG_ATTEMPTS) {
        slug = suffixed(madeSlug);
        continue;
      }
      if (slugTaken) throw new AppError('conflict', `The slug '${slug}' is taken; choose another.`, { errors: [{ field: 'body/slug', message: 'is taken' }] });
      throw emailTaken();
    }
  }
}

/** How many more suffixed slugs a sign-up tries after another sign-up took the one made for it. */
const SLUG_ATTEMPTS = 3;

function suffixed(slug: string): string {
  return `${slug.slice(0, 33)}-${randomString(6, 'abcdefghijkmnpqrstuvwxyz23456789')}`;
}

function emailTaken(): AppError {
  return new AppError('conflict', 'An account with this email already exists; sign in instead.', { errors: [{ field: 'body/email', message: 'is already registered' }] });
}
