// Signing up, signing in and out, and "who am I" for the dashboard. Sign-ups follow the instance's
// TESSERA_SIGNUP policy. Sign-in attempts are rate limited per IP before any password is checked,
// wrong passwords per client of an email (login-throttle.ts), and an unknown email costs the same
// argon2id verification as a wrong password, so neither the answer nor its timing tells them apart.
import type { AppContext } from '../../context.ts';
import type { SignupMode } from '../../config.ts';
import { sha256 } from '../../crypto/keys.ts';
import { dummyPasswordHash, verifyPassword } from '../../crypto/password.ts';
import { AppError } from '../../errors.ts';
import { clientNetwork } from '../../http/client-ip.ts';
import { type RateLimiter, rateLimitedError } from '../../http/rate-limit.ts';
import type { Principal } from '../../http/auth.ts';
import { anyAccountExists, findAccountById, findUserByEmail, findUserById, listMemberships } from './account.repo.ts';
import { type Account, createAccount, normaliseEmail, signupClosed, toAccount, toUser, type User } from './account.service.ts';
import { knownDeviceId, newDeviceToken } from './known-device.ts';
import type { LoginBody, SignupBody } from './accounts.schemas.ts';
import { assertLoginOpen, countWrongPassword, type LoginClient } from './login-throttle.ts';
import { createSession, csrfTokenFor, endSession } from './session.service.ts';

/** Attempt limits (per window) for sign-in and sign-up; wrong passwords have their own (login-throttle.ts). */
export const AUTH_LIMITS = {
  loginPerIp: { limit: 50, windowMs: 15 * 60_000 },
  signupPerIp: { limit: 20, windowMs: 60 * 60_000 },
} as const;

/** What the auth service needs from the app (ctx.rateLimiter is always set by buildApp). */
type AuthContext = Pick<AppContext, 'db' | 'dialect' | 'clock' | 'rateLimiter' | 'config'>;

/** A signed-in dashboard user: who, in which account, the session's cookie and CSRF tokens, and the known-device token. */
export interface SignedIn {
  user: User;
  account: Account;
  sessionToken: string;
  expiresAt: number;
  csrfToken: string;
  deviceToken: string;
}

/** Whether this instance takes a sign-up over HTTP now, and under which policy. */
export interface SignupStatus {
  allowed: boolean;
  mode: SignupMode;
}

async function limit(limiter: RateLimiter, key: string, rule: { limit: number; windowMs: number }, now: number, what: string): Promise<void> {
  const result = await limiter.hit(key, rule.limit, rule.windowMs, now);
  if (!result.allowed) throw rateLimitedError(result, `Too many ${what} attempts; wait the number of seconds in Retry-After and try again.`);
}

function emailKey(email: string): string {
  return sha256(normaliseEmail(email)).toString('hex').slice(0, 32);
}

async function startSession(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, user: User, account: Account, previousToken: string | undefined, deviceToken: string): Promise<SignedIn> {
  // A new id on every sign-in, and the old session (possibly planted by an attacker) is gone.
  if (previousToken) await endSession(ctx, previousToken);
  const { token, expiresAt } = await createSession(ctx, user.id, account.id);
  return { user, account, sessionToken: token, expiresAt, csrfToken: csrfTokenFor(ctx.config.masterKey, token), deviceToken };
}

/** Whether a sign-up would be taken now: `first` allows one only while the instance has no account. */
export async function signupStatus(ctx: Pick<AppContext, 'db' | 'config'>): Promise<SignupStatus> {
  const allowed = ctx.config.signup === 'open' || (ctx.config.signup === 'first' && !(await anyAccountExists(ctx.db)));
  return { allowed, mode: ctx.config.signup };
}

/**
 * Creates an account and its owner, and signs the owner in. Refused with 403 signup_closed before
 * the email is looked at when the policy does not allow it, so a closed instance tells nobody
 * which emails it knows. With `open`, a taken email is a 409 (see the README).
 */
export async function signUp(ctx: AuthContext, input: SignupBody & { ip: string; previousToken?: string }): Promise<SignedIn> {
  await limit(ctx.rateLimiter!, `signup:ip:${clientNetwork(input.ip)}`, AUTH_LIMITS.signupPerIp, ctx.clock.now(), 'sign-up');
  if (!(await signupStatus(ctx)).allowed) throw signupClosed();
  const onlyFirst = ctx.config.signup === 'first' ? { dialect: ctx.dialect } : undefined;
  const { account, user } = await createAccount(ctx, { email: input.email, password: input.password, name: input.name, accountName: input.account_name, slug: input.slug }, { onlyFirst });
  return startSession(ctx, user, account, input.previousToken, newDeviceToken(ctx.config.masterKey, user.id));
}

/**
 * Checks email and password and starts a session; the same 401 for an unknown email and a wrong
 * password. `deviceToken` is the caller's known-device cookie: a browser this user signed in from
 * before spends its own wrong-password budget, not the one strangers share.
 */
export async function logIn(ctx: AuthContext, input: LoginBody & { ip: string; previousToken?: string; deviceToken?: string }): Promise<SignedIn> {
  const now = ctx.clock.now();
  await limit(ctx.rateLimiter!, `login:ip:${clientNetwork(input.ip)}`, AUTH_LIMITS.loginPerIp, now, 'sign-in');
  const row = await findUserByEmail(ctx.db, normaliseEmail(input.email));
  const device = row ? knownDeviceId(ctx.config.masterKey, row.id, input.deviceToken) : null;
  const client: LoginClient = device ? { device } : { email: emailKey(input.email) };
  await assertLoginOpen(ctx.rateLimiter!, client, now);
  const ok = await verifyPassword(input.password, row?.password_hash ?? (await dummyPasswordHash()));
  const membership = row && ok ? (await listMemberships(ctx.db, row.id))[0] : undefined;
  const accountRow = membership ? await findAccountById(ctx.db, membership.account_id) : undefined;
  if (!row || !ok || !accountRow) throw await countWrongPassword(ctx.rateLimiter!, client, now, new AppError('invalid_credentials', 'The email or password is wrong.'));
  // Guesses running in parallel may have spent the budget while this password was verified.
  await assertLoginOpen(ctx.rateLimiter!, client, now);
  return startSession(ctx, toUser(row), toAccount(accountRow), input.previousToken, device ? input.deviceToken! : newDeviceToken(ctx.config.masterKey, row.id));
}

/** Ends the session behind a cookie token. */
export async function logOut(ctx: Pick<AppContext, 'db'>, token: string | undefined): Promise<void> {
  if (token) await endSession(ctx, token);
}

/** The caller's user (null for API keys) and account, and the session's CSRF token (null for API keys). */
export async function whoAmI(ctx: Pick<AppContext, 'db' | 'config'>, principal: Principal, sessionToken: string | null): Promise<{ user: User | null; account: Account; csrfToken: string | null }> {
  const [user, account] = await Promise.all([principal.userId ? findUserById(ctx.db, principal.userId) : undefined, findAccountById(ctx.db, principal.accountId)]);
  if (!account || (principal.userId && !user)) throw new AppError('api_key_missing', 'This session no longer has a user or account; sign in again.');
  return { user: user ? toUser(user) : null, account: toAccount(account), csrfToken: sessionToken ? csrfTokenFor(ctx.config.masterKey, sessionToken) : null };
}
