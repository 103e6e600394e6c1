// Changing a password (the signed-in person, knowing the current one) and resetting one (the
// operator, on the server: `tessera account password`). Either way every other session of the
// user ends, since a password is changed because it may be known to someone else. Wrong current
// passwords are throttled per user like sign-in guesses, so a stolen session cookie does not
// become a password oracle.
import type { AppContext } from '../../context.ts';
import { hashPassword, verifyPassword } from '../../crypto/password.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { Principal } from '../../http/auth.ts';
import { rateLimitedError } from '../../http/rate-limit.ts';
import { findUserByEmail, findUserById, updatePasswordHash } from './account.repo.ts';
import { emailProblem, normaliseEmail, passwordProblem } from './account.service.ts';
import { endOtherSessions } from './session.service.ts';

/** Wrong current passwords a user may send per window when changing theirs. */
export const WRONG_CURRENT_PASSWORD = { limit: 10, windowMs: 15 * 60_000 } as const;

function refused(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field.replace(/^body\//, '')} ${message}.`, { errors: [{ field, message }] });
}

/** Sets the signed-in person's new password; other sessions end, the one behind `sessionToken` stays. */
export async function changePassword(
  ctx: Pick<AppContext, 'db' | 'clock' | 'rateLimiter'>,
  principal: Principal,
  sessionToken: string | null,
  input: { current_password: string; new_password: string },
): Promise<{ sessionsEnded: number }> {
  if (principal.userId === null) {
    throw new AppError('forbidden', 'A password belongs to a person: change it signed in to the dashboard (Settings), not with an API key.');
  }
  const problem = passwordProblem(input.new_password);
  if (problem) throw refused('body/new_password', problem);
  if (input.new_password === input.current_password) throw refused('body/new_password', 'must differ from the current password');
  const user = await findUserById(ctx.db, principal.userId);
  if (!user) throw new AppError('unauthorized', 'This session no longer has a user; sign in again.');
  const now = ctx.clock.now();
  const key = `password:wrong:${user.id}`;
  const { limit, windowMs } = WRONG_CURRENT_PASSWORD;
  const open = await ctx.rateLimiter!.peek(key, limit, windowMs, now);
  if (!open.allowed) throw rateLimitedError(open, 'Too many wrong current passwords; wait the number of seconds in Retry-After and try again.');
  if (!(await verifyPassword(input.current_password, user.password_hash))) {
    const counted = await ctx.rateLimiter!.hit(key, limit, windowMs, now);
    if (!counted.allowed) throw rateLimitedError(counted, 'Too many wrong current passwords; wait the number of seconds in Retry-After and try again.');
    throw refused('body/current_password', 'is not your current password');
  }
  // Replaced only if it is still the password just verified: two changes sent together both
  // verified it, and the later write silently undid the earlier one that had answered 204.
  const sessionsEnded = await replacePassword(ctx, user.id, await hashPassword(input.new_password), now, sessionToken, user.password_hash);
  // The current password sent is no longer the current one (a 400 on that field, as a wrong one is).
  if (sessionsEnded === null) throw refused('body/current_password', 'is no longer your current password: another request changed it at the same moment; sign in with that one, or change it again');
  return { sessionsEnded };
}

/** What is wrong with a reset's email and password (empty when nothing): lets the command refuse before opening a database. */
export function validatePasswordReset(email: string, password: string): FieldError[] {
  const errors: FieldError[] = [];
  const emailWrong = emailProblem(email);
  if (emailWrong) errors.push({ field: 'email', message: emailWrong });
  const passwordWrong = passwordProblem(password);
  if (passwordWrong) errors.push({ field: 'password', message: passwordWrong });
  return errors;
}

/** The operator's reset: sets the password of the user with `email` and ends all of their sessions. */
export async function resetPassword(ctx: Pick<AppContext, 'db' | 'clock'>, email: string, password: string): Promise<{ email: string; sessionsEnded: number }> {
  const problem = passwordProblem(password);
  if (problem) throw refused('password', problem);
  const user = await findUserByEmail(ctx.db, normaliseEmail(email));
  // The field names the value at fault, as a refused password does: the command says which option.
  if (!user) throw new AppError('not_found', `No user signs in with ${normaliseEmail(email)} on this database.`, { errors: [{ field: 'email', message: 'matches no user' }] });
  return { email: user.email, sessionsEnded: (await replacePassword(ctx, user.id, await hashPassword(password), ctx.clock.now(), null)) ?? 0 };
}

// The new hash and the end of the other sessions land together or not at all; null (nothing
// done) when `expectedHash` is given and the password is no longer that one.
function replacePassword(ctx: Pick<AppContext, 'db'>, userId: string, passwordHash: string, now: number, keepToken: string | null, expectedHash?: string): Promise<number | null> {
  return inTransaction(ctx.db, async (trx) => {
    if (!(await updatePasswordHash(trx, userId, passwordHash, now, expectedHash))) return null;
    return endOtherSessions({ db: trx }, userId, keepToken);
  });
}
