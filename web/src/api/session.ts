// Who is signed in, and whether this instance lets people sign up (TESSERA_SIGNUP).
import { type JsonResponse, TesseraApiError, unwrap } from '@tessera/client';
import { queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';

type MeResponse = JsonResponse<'/api/v1/auth/me', 'get'>;

/** The signed-in person and their account. */
export interface Session {
  user: { id: string; email: string; name: string } | null;
  account: { id: string; slug: string; name: string };
}

// The auth routes' response schema leaves fields optional; check once here instead of casting in every screen.
export function toSession(body: MeResponse): Session {
  const account = body.account;
  if (!account?.id || account.slug === undefined || account.name === undefined) throw new TesseraApiError(500, { title: 'Unexpected answer', detail: 'The server sent no account.' });
  const user = body.user?.id ? { id: body.user.id, email: body.user.email ?? '', name: body.user.name ?? '' } : null;
  return { user, account: { id: account.id, slug: account.slug, name: account.name } };
}

/** The current session (a 401 when signed out). */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async () => toSession(await unwrap(api.GET('/api/v1/auth/me'))),
  staleTime: 5 * 60_000,
  retry: false,
});

// The session cookie is HttpOnly and an ended session answers the same 401 as none at all, so
// whether this browser was signed in is remembered here: once a session is known, until sign-in
// is shown again without one. It only chooses the words on the sign-in page ("Your session has
// ended" versus "Sign in to continue"), never what anyone may see.
const SIGNED_IN_MARK = 'tessera.signed-in';

/** Notes that this browser has a session. */
export function rememberSignedIn(): void {
  try {
    localStorage.setItem(SIGNED_IN_MARK, '1');
  } catch {
    // Storage refused (private mode, a policy): the words fall back to the neutral ones.
  }
}

/** Forgets it (signed out, or signed-out sign-in page shown). */
export function forgetSignedIn(): void {
  try {
    localStorage.removeItem(SIGNED_IN_MARK);
  } catch {
    // As above.
  }
}

/** Whether this browser had a session: a 401 then means it ended, not that there never was one. */
export function wasSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_MARK) === '1';
  } catch {
    return false;
  }
}

/** What TESSERA_SIGNUP allows right now. */
export interface SignupPolicy {
  allowed: boolean;
  mode: 'first' | 'open' | 'closed';
}

/** Whether sign-up is open (GET /api/v1/auth/signup). */
export const signupPolicyQuery = queryOptions({
  queryKey: ['signup-policy'],
  queryFn: fetchSignupPolicy,
  staleTime: 30_000,
});

async function fetchSignupPolicy(): Promise<SignupPolicy> {
  return unwrap(api.GET('/api/v1/auth/signup'));
}

/** Changes the signed-in person's password; their other sessions end (this one stays). */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await unwrap(api.POST('/api/v1/auth/password', { body: { current_password: currentPassword, new_password: newPassword } }));
}
