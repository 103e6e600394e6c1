// Changing a password: the signed-in person with the current one (CSRF-protected like every
// session write), wrong current passwords throttled, the rules sign-up applies, and every other
// session of the person signed out while this one stays.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, sessionHeaders, signUp, TEST_ORIGIN, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

const PASSWORD = '/api/v1/auth/password';
const ME = '/api/v1/auth/me';

describeDialects('change password', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    a = await signUp(t.app);
  });
  afterEach(async () => t.close());

  const change = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url: PASSWORD, headers, payload });
  const logIn = (password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: TEST_ORIGIN }, payload: { email: a.email, password } });
  const cookieOf = (res: { headers: Record<string, unknown> }) => String([res.headers['set-cookie']].flat().find((c) => String(c).startsWith('tessera_session='))).split(';')[0]!;

  it('with the current password: 204, the new one signs in, the old one no longer, other sessions end and this one stays', async () => {
    const laptop = await logIn(a.password);
    expect(laptop.statusCode).toBe(200);
    const laptopCookie = cookieOf(laptop);
    expect((await t.app.inject({ method: 'GET', url: ME, headers: { cookie: laptopCookie } })).statusCode).toBe(200);
    const res = await change(sessionHeaders(a), { current_password: a.password, new_password: 'a much better passphrase' });
    expect(res.statusCode, res.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: ME, headers: { cookie: a.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: ME, headers: { cookie: laptopCookie } })).statusCode).toBe(401);
    expect((await logIn(a.password)).statusCode).toBe(401);
    expect((await logIn('a much better passphrase')).statusCode).toBe(200);
    // API keys are not tied to the password: they keep working.
    expect((await t.app.inject({ method: 'GET', url: ME, headers: authHeaders(a.apiKey) })).statusCode).toBe(200);
  });

  // Both requests verified the same current password, then each wrote its own: both answered 204,
  // and one person was told a password was set that no longer signs in.
  it('two changes sent together: one is made, the other is told the password changed meanwhile', async () => {
    const [one, two] = await Promise.all(['first new passphrase', 'second new passphrase'].map((next) => change(sessionHeaders(a), { current_password: a.password, new_password: next })));
    expect([one!.statusCode, two!.statusCode].sort()).toEqual([204, 400]);
    const refused = [one!, two!].find((res) => res.statusCode === 400)!;
    expect(refused.json().errors).toEqual([
      { field: 'body/current_password', message: 'is no longer your current password: another request changed it at the same moment; sign in with that one, or change it again' },
    ]);
    const made = one!.statusCode === 204 ? 'first new passphrase' : 'second new passphrase';
    expect((await logIn(made)).statusCode).toBe(200);
    expect((await logIn(made === 'first new passphrase' ? 'second new passphrase' : 'first new passphrase')).statusCode).toBe(401);
  });

  it('refuses a wrong current password (naming it), a weak or unchanged new one, and after 10 wrong ones answers 429', async () => {
    for (const [payload, field, message] of [
      [{ current_password: a.password, new_password: 'short' }, 'body/new_password', 'must be at least 10 characters'],
      [{ current_password: a.password, new_password: ' '.repeat(12) }, 'body/new_password', 'must contain something other than spaces'],
      [{ current_password: a.password, new_password: a.password }, 'body/new_password', 'must differ from the current password'],
      [{ current_password: 'not my password', new_password: 'a much better passphrase' }, 'body/current_password', 'is not your current password'],
    ] as const) {
      const res = await change(sessionHeaders(a), payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field, message }] });
    }
    for (let i = 1; i < 10; i++) expect((await change(sessionHeaders(a), { current_password: `guess ${i}`, new_password: 'a much better passphrase' })).statusCode).toBe(400);
    const locked = await change(sessionHeaders(a), { current_password: 'guess 10', new_password: 'a much better passphrase' });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Locked means locked: the right password waits too, and the old password still signs in.
    expect((await change(sessionHeaders(a), { current_password: a.password, new_password: 'a much better passphrase' })).statusCode).toBe(429);
    expect((await logIn(a.password)).statusCode).toBe(200);
    t.clock.advance(15 * 60_000);
    expect((await change(sessionHeaders(a), { current_password: a.password, new_password: 'a much better passphrase' })).statusCode).toBe(204);
  });

  it('needs a session with its CSRF token: an API key or a cookie alone is refused, nothing changes', async () => {
    const body = { current_password: a.password, new_password: 'a much better passphrase' };
    const byKey = await change(authHeaders(a.apiKey), body);
    expect(byKey.statusCode).toBe(403);
    expect(byKey.json().detail).toMatch(/signed in to the dashboard/);
    const noCsrf = await change({ cookie: a.cookie, origin: TEST_ORIGIN }, body);
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_failed');
    expect((await change(sessionHeaders(a), { ...body, extra: 1 })).statusCode).toBe(400);
    expect((await logIn(a.password)).statusCode).toBe(200);
  });
});
