// TESSERA_SIGNUP decides who may create an account over HTTP: `first` (the default) takes the
// instance's first account only, even when several arrive at once; `open` takes anyone; `closed`
// nobody. A refused sign-up is 403 signup_closed whatever the email, so it reveals none.
import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { createAccount } from '../../src/modules/accounts/account.service.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('sign-up policy', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.reverse()) await app.close();
    apps.length = 0;
  });
  async function start(mode?: string, shareWith?: TestApp) {
    const t = await createTestApp(dialect, { env: mode !== undefined ? { TESSERA_SIGNUP: mode } : {}, ...(shareWith ? { database: shareWith.database, clock: shareWith.clock } : {}) });
    apps.push(t);
    return t;
  }
  const signup = (t: TestApp, email: string, ip = '192.0.2.1') => t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: ip, payload: { email, password: 'long enough password' } });
  const status = async (t: TestApp) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/signup' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    return res.json();
  };
  const accounts = (t: TestApp) => t.database.handle.db.selectFrom('accounts').select('id').execute();
  const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

  it('first: the first person signs up, then sign-up closes with 403 signup_closed for any email', async () => {
    const t = await start('first');
    expect(await status(t)).toEqual({ allowed: true, mode: 'first' });
    expect((await signup(t, 'owner@example.com')).statusCode).toBe(201);
    expect(await status(t)).toEqual({ allowed: false, mode: 'first' });
    const taken = await signup(t, 'owner@example.com');
    const fresh = await signup(t, 'someone.else@example.com');
    for (const res of [taken, fresh]) {
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().code).toBe('signup_closed');
      expect(res.json().detail).toMatch(/instance owner/);
      expect(res.json().detail).toContain('tessera account create');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(strip(taken.json())).toEqual(strip(fresh.json()));
    expect(await accounts(t)).toHaveLength(1);
  });

  it('the organisation or brand named at sign-up is what public pages show; the person keeps their own name', async () => {
    const t = await start('open');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      remoteAddress: '192.0.2.9',
      payload: { email: 'maria@example.com', password: 'long enough password', name: 'Maria Marketing', account_name: 'Festival Tickets GmbH' },
    });
    expect(res.statusCode).toBe(201);
    // Its public pages' address comes from that name too, not from the person's email handle.
    expect(res.json()).toMatchObject({ user: { name: 'Maria Marketing' }, account: { name: 'Festival Tickets GmbH', slug: 'festival-tickets-gmbh' } });
    const plain = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: '192.0.2.10', payload: { email: 'ada@example.com', password: 'long enough password', name: 'Ada' } });
    expect(plain.json().account).toMatchObject({ name: 'Ada', slug: 'ada' });
    // Accents are dropped; a name that gives no usable address (too short, reserved) falls back to the email's.
    const slugOf = async (email: string, accountName: string, ip: string) =>
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: ip, payload: { email, password: 'long enough password', account_name: accountName } })).json().account.slug;
    expect(await slugOf('zoe@example.com', 'Crème Brûlée Café', '192.0.2.12')).toBe('creme-brulee-cafe');
    expect(await slugOf('kim@example.com', '東京', '192.0.2.13')).toBe('kim');
    expect(await slugOf('lee@example.com', 'App', '192.0.2.14')).toBe('lee');
    // Taken already: a suffix keeps it unique, as for email-made slugs.
    expect(await slugOf('max@example.com', 'Festival Tickets GmbH', '192.0.2.15')).toMatch(/^festival-tickets-gmbh-[a-z2-9]{6}$/);
    const long = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      remoteAddress: '192.0.2.11',
      payload: { email: 'x@example.com', password: 'long enough password', account_name: 'x'.repeat(101) },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].field).toBe('body/account_name');
  });

  it('a password of spaces only is refused however long, and nothing is created', async () => {
    const t = await start();
    for (const password of [' '.repeat(10), '\t'.repeat(12)]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'ada@example.com', password } });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: 'body/password', message: 'must contain something other than spaces' }]);
    }
    expect(await accounts(t)).toEqual([]);
    // A passphrase with spaces in it is fine.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'ada@example.com', password: ' correct horse battery ' } })).statusCode).toBe(201);
  });

  it('first is the default', async () => {
    const t = await start('');
    expect(t.config.signup).toBe('first');
    expect(await status(t)).toEqual({ allowed: true, mode: 'first' });
  });

  it('first: simultaneous sign-ups on an empty instance create exactly one account', async () => {
    const one = await start('first');
    const instances = dialect === 'postgres' ? [one, await start('first', one)] : [one];
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => signup(instances[i % instances.length]!, `racer-${i}@example.com`, `192.0.2.${i + 1}`)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 403, 403, 403, 403, 403, 403, 403]);
    expect(await accounts(one)).toHaveLength(1);
    expect(await one.database.handle.db.selectFrom('users').select('id').execute()).toHaveLength(1);
  });

  it('first: an account made on the server (tessera account create) closes sign-up too', async () => {
    const t = await start('first');
    await createAccount({ db: t.database.handle.db, clock: systemClock }, { email: 'cli@example.com', password: 'long enough password' });
    expect(await status(t)).toEqual({ allowed: false, mode: 'first' });
    expect((await signup(t, 'web@example.com')).json().code).toBe('signup_closed');
  });

  it('closed: nobody signs up over HTTP, not even on an empty instance; accounts made on the server still sign in', async () => {
    const t = await start('closed');
    expect(await status(t)).toEqual({ allowed: false, mode: 'closed' });
    expect((await signup(t, 'first@example.com')).statusCode).toBe(403);
    expect(await accounts(t)).toHaveLength(0);
    await createAccount({ db: t.database.handle.db, clock: systemClock }, { email: 'cli@example.com', password: 'long enough password' });
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'cli@example.com', password: 'long enough password' } });
    expect(login.statusCode).toBe(200);
  });

  it('open: anyone signs up; an email that has an account is a 409', async () => {
    const t = await start('open');
    expect(await status(t)).toEqual({ allowed: true, mode: 'open' });
    expect((await signup(t, 'one@example.com')).statusCode).toBe(201);
    expect((await signup(t, 'two@example.com')).statusCode).toBe(201);
    expect(await status(t)).toEqual({ allowed: true, mode: 'open' });
    const taken = await signup(t, 'ONE@example.com');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('conflict');
    expect(await accounts(t)).toHaveLength(2);
  });
});

describeDialects('sign-ups at the same moment', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());
  const signup = (email: string, i: number) => t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: `198.51.100.${i + 1}`, payload: { email, password: 'long enough password' } });

  // Both used to be 409 "The slug 'ann' is taken; choose another.": each sign-up found the slug
  // free, and the one whose insert came second was told to choose a slug it never chose.
  it('people whose emails make the same slug all get an account, the later ones with a suffix', async () => {
    t = await createTestApp(dialect, { env: { TESSERA_SIGNUP: 'open' } });
    const all = await Promise.all([0, 1, 2, 3].map((i) => signup(`ann@d${i}.example.com`, i)));
    expect(all.map((res) => res.statusCode)).toEqual([201, 201, 201, 201]);
    const slugs = all.map((res) => res.json().account.slug as string);
    expect(new Set(slugs).size).toBe(4);
    for (const slug of slugs) expect(slug).toMatch(/^ann(-[a-z2-9]{6})?$/);
  });

  it('the same email twice at once: one account, and the other is told the email is registered', async () => {
    t = await createTestApp(dialect, { env: { TESSERA_SIGNUP: 'open' } });
    const all = await Promise.all([0, 1, 2].map((i) => signup('bob@example.com', i)));
    expect(all.map((res) => res.statusCode).sort()).toEqual([201, 409, 409]);
    for (const res of all.filter((r) => r.statusCode === 409)) {
      expect(res.json().detail).toBe('An account with this email already exists; sign in instead.');
      expect(res.json().errors).toEqual([{ field: 'body/email', message: 'is already registered' }]);
    }
    expect(await t.database.handle.db.selectFrom('accounts').select('id').execute()).toHaveLength(1);
  });
});
