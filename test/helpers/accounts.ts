// Signing up through the HTTP API for tests of every module: an account, a signed-in session
// (cookie + CSRF token) and a prd API key.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** A signed-up account as tests use it. */
export interface TestAccount {
  accountId: string;
  slug: string;
  userId: string;
  email: string;
  password: string;
  /** `tessera_session=…`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
  /** A prd `sec1-…` key of the account. */
  apiKey: string;
  apiKeyId: string;
}

/** The Origin tests send with cookie-authenticated requests (the test config's public URL). */
export const TEST_ORIGIN = 'http://tessera.test';

function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.map((c) => c.split(';')[0]!).find((c) => c.startsWith('tessera_session=') && c !== 'tessera_session=');
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(all)}`);
  return found;
}

/** Signs up a new account (unique email/slug unless overridden), keeps its session, and creates a prd API key. */
export async function signUp(app: FastifyInstance, overrides: { email?: string; password?: string; name?: string; slug?: string } = {}): Promise<TestAccount> {
  const suffix = randomBytes(5).toString('hex');
  const email = overrides.email ?? `user-${suffix}@example.com`;
  const password = overrides.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const slug = overrides.slug ?? `acct-${suffix}`;
  const signup = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email, password, slug, ...(overrides.name ? { name: overrides.name } : {}) } });
  if (signup.statusCode !== 201) throw new Error(`signup failed: ${signup.statusCode} ${signup.body}`);
  const body = signup.json();
  const cookie = sessionCookie(signup.headers['set-cookie']);
  const csrfToken = body.csrf_token as string;
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/merchant/api-keys',
    headers: sessionHeaders({ cookie, csrfToken }),
    payload: { env: 'prd', name: 'test helper' },
  });
  if (created.statusCode !== 201) throw new Error(`api key creation failed: ${created.statusCode} ${created.body}`);
  const key = created.json().data;
  return { accountId: body.account.id, slug: body.account.slug, userId: body.user.id, email, password, cookie, csrfToken, apiKey: key.full_key, apiKeyId: key.api_key.id };
}

/** Headers authenticating with an API key. */
export function authHeaders(apiKey: string): Record<string, string> {
  return { 'x-api-key': apiKey };
}

/** Headers authenticating with the session (cookie, CSRF token and a same-origin Origin): valid for unsafe methods too. */
export function sessionHeaders(s: { cookie: string; csrfToken: string }): Record<string, string> {
  return { cookie: s.cookie, 'x-csrf-token': s.csrfToken, origin: TEST_ORIGIN };
}
