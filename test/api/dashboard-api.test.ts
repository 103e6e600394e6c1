// What the API gained for the dashboard: campaign search by name (`q`), bulk dry runs and names,
// and reserved words refused as slugs.
import { afterEach, expect, it } from 'vitest';
import { authHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('dashboard API additions', (dialect) => {
  let t: TestApp;
  let account: TestAccount;
  afterEach(async () => t?.close());

  async function start() {
    t = await createTestApp(dialect);
    account = await signUp(t.app);
  }
  const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: authHeaders(account.apiKey), payload: payload as object });
  const list = async (query: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns?${query}`, headers: authHeaders(account.apiKey) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { data: Array<{ name: string }>; next_cursor: string | null };
  };

  it('finds campaigns by part of their name, case-insensitively, with % and _ taken literally, across pages', async () => {
    await start();
    for (const name of ['Spring Menu', 'spring flyer', 'Autumn menu', '100% off', '100 percent', 'a_b', 'axb']) {
      t.clock.advance(1000);
      expect((await post('/api/v1/campaigns', { name, destination: 'https://example.com/' })).statusCode).toBe(201);
    }
    expect((await list('q=SPRING')).data.map((c) => c.name)).toEqual(['spring flyer', 'Spring Menu']);
    expect((await list('q=menu')).data.map((c) => c.name)).toEqual(['Autumn menu', 'Spring Menu']);
    expect((await list('q=100%25')).data.map((c) => c.name)).toEqual(['100% off']);
    expect((await list('q=a_b')).data.map((c) => c.name)).toEqual(['a_b']);
    expect((await list('q=%20%20')).data).toHaveLength(7);
    const first = await list('q=r&limit=2');
    expect(first.data).toHaveLength(2);
    const second = await list(`q=r&limit=2&cursor=${first.next_cursor}`);
    expect([...first.data, ...second.data].map((c) => c.name)).toEqual(['100 percent', 'spring flyer', 'Spring Menu']);
    expect(second.next_cursor).toBeNull();
    const tooLong = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns?q=${'x'.repeat(201)}`, headers: authHeaders(account.apiKey) });
    expect(tooLong.statusCode).toBe(400);
  });

  it('checks a bulk request without creating anything (dry_run), with the same per-row errors', async () => {
    await start();
    const ok = await post('/api/v1/qrs/bulk', { urls: ['https://example.com/1', 'https://example.com/2'], dry_run: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ dry_run: true, count: 2 });
    const bad = await post('/api/v1/qrs/bulk', { urls: ['https://example.com/1', 'example.com/2', 'ftp://x'], dry_run: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['body/urls/1', 'body/urls/2']);
    const badTemplate = await post('/api/v1/qrs/bulk', { urls: ['https://example.com/1'], template_id: 'tpl_nope', dry_run: true });
    expect(badTemplate.statusCode).toBe(404);
    expect((await list('')).data).toHaveLength(0);
    // A dry run does not take the idempotency key: the real request after it creates.
    const key = { ...authHeaders(account.apiKey), 'idempotency-key': 'batch-1' };
    const dry = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: key, payload: { urls: ['https://example.com/1'], dry_run: true } });
    expect(dry.statusCode).toBe(200);
    const real = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: key, payload: { urls: ['https://example.com/1'] } });
    expect(real.statusCode).toBe(201);
    expect((await list('')).data).toHaveLength(1);
  });

  it('names bulk codes from `names`, keeps the default for blank ones, and refuses a count mismatch', async () => {
    await start();
    const created = await post('/api/v1/qrs/bulk', { urls: ['https://example.com/a', 'https://example.com/b'], names: ['Ticket A', ' '] });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().data.map((c: { name: string }) => c.name)).toEqual(['Ticket A', '#2 example.com/b']);
    const mismatch = await post('/api/v1/qrs/bulk', { urls: ['https://example.com/a', 'https://example.com/b'], names: ['only one'] });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().errors[0].field).toBe('body/names');
    const tooLong = await post('/api/v1/qrs/bulk', { urls: ['https://example.com/a'], names: ['x'.repeat(201)] });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].field).toBe('body/names/0');
  });

  it('refuses reserved words as campaign and account slugs', async () => {
    await start();
    for (const slug of ['app', 'login', 'signup', 'api']) {
      const response = await post('/api/v1/campaigns', { name: 'x', slug, destination: 'https://example.com/' });
      expect(response.statusCode, slug).toBe(400);
      expect(response.json().errors).toEqual([{ field: 'body/slug', message: 'is reserved; choose another' }]);
    }
    const created = await post('/api/v1/campaigns', { name: 'x', slug: 'app-launch', destination: 'https://example.com/' });
    expect(created.statusCode).toBe(201);
    const update = await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${created.json().id}`, headers: authHeaders(account.apiKey), payload: { slug: 'signup' } });
    expect(update.statusCode).toBe(400);
    const signup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'x@example.com', password: 'long enough password', slug: 'login' } });
    expect(signup.statusCode).toBe(400);
  });
});
