// Sign-in throttling that slows guessing without letting a stranger lock a user out: wrong
// passwords are counted per client of an email (each browser the user signed in from before is
// its own client; everyone else shares one), only wrong ones count, each before it is answered,
// and the windows back off from a quarter hour to a day.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { WRONG_PASSWORD_TIERS } from '../../src/modules/accounts/login-throttle.ts';
import { signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

const [QUARTER, DAY] = WRONG_PASSWORD_TIERS as [{ limit: number; windowMs: number }, { limit: number; windowMs: number }];

function deviceCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith('tessera_device='));
  if (!found) throw new Error(`no device cookie in ${JSON.stringify(all)}`);
  return found;
}

describeDialects('sign-in throttling', (dialect) => {
  let t: TestApp;
  let a: TestAccount;
  /** The owner's browser: the device cookie its sign-up left. */
  let ownerDevice: string;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    t.clock.set('2026-03-01T12:00:00.000Z');
    a = await signUp(t.app);
    const owner = await login(a.password, '192.0.2.1');
    expect(owner.statusCode).toBe(200);
    ownerDevice = deviceCookie(owner.headers['set-cookie']).split(';')[0]!;
  });
  afterEach(async () => t.close());

  function login(password: string, ip: string, cookie?: string, email = a.email) {
    return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, headers: cookie ? { cookie } : {}, payload: { email, password } });
  }
  const stranger = (i: number) => `198.51.100.${i % 250}`;

  it('guesses from anywhere lock the email for unknown clients, never for the browsers its owner signed in from', async () => {
    for (let i = 0; i < QUARTER.limit; i++) expect((await login(`guess-${i}`, stranger(i))).statusCode).toBe(401);
    // The stranger's budget is spent: even the right password from an unknown client waits.
    const refused = await login(a.password, stranger(99));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('rate_limited');
    expect(refused.headers['retry-after']).toBe(String(QUARTER.windowMs / 1000));
    // The owner's browser signs in, from any address, and may even mistype.
    expect((await login(a.password, '192.0.2.1', ownerDevice)).statusCode).toBe(200);
    expect((await login('a typo', '203.0.113.5', ownerDevice)).statusCode).toBe(401);
    expect((await login(a.password, '203.0.113.5', ownerDevice)).statusCode).toBe(200);
    // Unknown clients get in again when the window ends.
    t.clock.advance(QUARTER.windowMs);
    expect((await login(a.password, stranger(98))).statusCode).toBe(200);
  });

  it('a known browser has its own budget, so a stolen device cookie buys no more guesses', async () => {
    for (let i = 0; i < QUARTER.limit; i++) expect((await login(`guess-${i}`, stranger(i), ownerDevice)).statusCode).toBe(401);
    expect((await login(a.password, stranger(50), ownerDevice)).statusCode).toBe(429);
    // …and spending it locks nobody else out.
    expect((await login(a.password, '192.0.2.77')).statusCode).toBe(200);
  });

  it('a device cookie counts only for the user it was issued to; a forged one is no cookie', async () => {
    const b = await signUp(t.app);
    const forged = `tessera_device=${'A'.repeat(22)}.${'B'.repeat(43)}`;
    for (let i = 0; i < QUARTER.limit; i++) expect((await login(`guess-${i}`, stranger(i), i % 2 ? ownerDevice : forged, b.email)).statusCode).toBe(401);
    expect((await login(b.password, stranger(11), ownerDevice, b.email)).statusCode).toBe(429);
    expect((await login(b.password, stranger(12), forged, b.email)).statusCode).toBe(429);
  });

  it('only wrong passwords count: right ones in between do not bring the lock closer', async () => {
    for (let i = 0; i < QUARTER.limit - 1; i++) expect((await login(`guess-${i}`, stranger(i))).statusCode).toBe(401);
    for (let i = 0; i < 15; i++) expect((await login(a.password, stranger(i))).statusCode).toBe(200);
    expect((await login('last guess', stranger(1))).statusCode).toBe(401);
    expect((await login('one too many', stranger(1))).statusCode).toBe(429);
  });

  it('a parallel burst of guesses gets exactly the budget in answers', async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => login(`guess-${i}`, stranger(i))));
    const codes = burst.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(QUARTER.limit);
    expect(codes.filter((c) => c === 429)).toHaveLength(30 - QUARTER.limit);
  });

  it('persistent guessing backs off to a day', async () => {
    let answered = 0;
    while (answered < DAY.limit) {
      for (let i = 0; i < QUARTER.limit && answered < DAY.limit; i++, answered++) expect((await login(`guess-${answered}`, stranger(answered))).statusCode).toBe(401);
      t.clock.advance(QUARTER.windowMs);
    }
    const refused = await login(a.password, stranger(1));
    expect(refused.statusCode).toBe(429);
    const dayEnds = Math.ceil(t.clock.now() / DAY.windowMs) * DAY.windowMs;
    expect(Number(refused.headers['retry-after'])).toBe(Math.ceil((dayEnds - t.clock.now()) / 1000));
    expect((await login(a.password, '192.0.2.1', ownerDevice)).statusCode).toBe(200);
    t.clock.set(dayEnds);
    expect((await login(a.password, stranger(2))).statusCode).toBe(200);
  });

  it('an unknown email is throttled exactly like a known one (no enumeration through the lock)', async () => {
    const answers = async (email: string) => {
      const codes: number[] = [];
      for (let i = 0; i < QUARTER.limit + 2; i++) codes.push((await login(`guess-${i}`, stranger(i), undefined, email)).statusCode);
      return codes;
    };
    expect(await answers('nobody@example.com')).toEqual(await answers(a.email));
  });

  it('the device cookie is HttpOnly, scoped to the auth routes, and Secure on https', async () => {
    const cookie = deviceCookie((await login(a.password, '192.0.2.1')).headers['set-cookie']);
    expect(cookie).toMatch(/; Path=\/api\/v1\/auth/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Secure/);
    const secure = await createTestApp(dialect, { env: { TESSERA_PUBLIC_URL: 'https://qr.example' } });
    try {
      const res = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'sec@example.com', password: 'long enough password' } });
      expect(deviceCookie(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });
});
