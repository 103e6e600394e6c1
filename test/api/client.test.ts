// @tessera/client against a real app (requests go through app.inject): session mode keeps and
// sends the CSRF token, problems become TesseraApiError with errors[], creates carry an
// Idempotency-Key that retries reuse, lists page with an async iterator, 401s reach the hook.
import { afterEach, expect, it } from 'vitest';
import { collect, createTesseraClient, paginate, TesseraApiError, unwrap } from '../../clients/typescript/src/index.ts';
import { signUp, TEST_ORIGIN } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('@tessera/client', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  // A browser-like fetch: one cookie jar, the page's Origin on every request.
  function browserFetch(seen: Request[] = [], cookies = new Map<string, string>()) {
    return async (request: Request): Promise<Response> => {
      seen.push(request.clone());
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      headers.origin = TEST_ORIGIN;
      const body = request.body ? await request.text() : undefined;
      const response = await t.app.inject({ method: request.method as 'GET', url: url.pathname + url.search, headers, payload: body });
      for (const line of [response.headers['set-cookie'] ?? []].flat()) {
        const [pair] = String(line).split(';');
        const [name, value] = pair!.split('=');
        if (value) cookies.set(name!, value);
        else cookies.delete(name!);
      }
      return new Response(response.statusCode === 204 || response.statusCode === 304 ? null : new Uint8Array(response.rawPayload), {
        status: response.statusCode,
        headers: response.headers as Record<string, string>,
      });
    };
  }

  it('signs in with a session, keeps the CSRF token for changes, and signs out', async () => {
    t = await createTestApp(dialect);
    const account = await signUp(t.app);
    const seen: Request[] = [];
    const client = createTesseraClient({ baseUrl: TEST_ORIGIN, auth: { session: true }, fetch: browserFetch(seen) });
    expect(client.csrfToken).toBeNull();
    await unwrap(client.POST('/api/v1/auth/login', { body: { email: account.email, password: account.password } }));
    expect(client.csrfToken).toMatch(/^[\w-]{20,}$/);
    const created = await unwrap(client.POST('/api/v1/campaigns', { body: { name: 'Poster', destination: 'https://example.com/', qr_type: 'dynamic' } }));
    expect(created.public_url).toBe(`http://tessera.test/${created.short_code}`);
    const post = seen.find((r) => r.url.endsWith('/api/v1/campaigns') && r.method === 'POST')!;
    expect(post.headers.get('x-csrf-token')).toBe(client.csrfToken);
    expect(post.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    await unwrap(client.POST('/api/v1/auth/logout'));
    expect(client.csrfToken).toBeNull();
  });

  it('a session client that has not signed in creates an anonymous item without an Idempotency-Key', async () => {
    t = await createTestApp(dialect);
    const seen: Request[] = [];
    const client = createTesseraClient({ baseUrl: TEST_ORIGIN, auth: { session: true }, fetch: browserFetch(seen) });
    const created = await client.POST('/api/v0/items', { body: { content: 'door code 4711', ttlHours: 1 } });
    expect(created.response.status).toBe(201);
    expect(seen.at(-1)!.headers.has('idempotency-key')).toBe(false);
  });

  it('turns problem+json into TesseraApiError with the per-field errors', async () => {
    t = await createTestApp(dialect);
    const account = await signUp(t.app);
    const client = createTesseraClient({ baseUrl: TEST_ORIGIN, auth: { apiKey: account.apiKey }, fetch: browserFetch() });
    const error = await unwrap(client.POST('/api/v1/qrs/bulk', { body: { urls: ['https://example.com/', 'nope'], qr_type: 'dynamic' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TesseraApiError);
    const problem = error as TesseraApiError;
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([{ field: 'body/urls/1', message: expect.stringContaining('absolute URL') }]);
    expect(problem.errorsFor('body/urls')).toHaveLength(1);
    expect(problem.requestId).toBeTruthy();
  });

  it('retries a create that met a 503 with the same Idempotency-Key, so it happens once', async () => {
    t = await createTestApp(dialect);
    const account = await signUp(t.app);
    const inner = browserFetch();
    const keys: string[] = [];
    let failures = 1;
    const flaky = async (request: Request) => {
      keys.push(request.headers.get('idempotency-key') ?? '');
      const response = await inner(request);
      // The first attempt reached the server (codes were created) but its answer was lost.
      if (failures-- > 0) return new Response('upstream gone', { status: 503 });
      return response;
    };
    const client = createTesseraClient({ baseUrl: TEST_ORIGIN, auth: { apiKey: account.apiKey }, fetch: flaky });
    const result = await unwrap(client.POST('/api/v1/qrs/bulk', { body: { urls: ['https://example.com/1', 'https://example.com/2'], qr_type: 'dynamic' } }));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect('data' in result && result.data).toHaveLength(2);
    const listed = await unwrap(client.GET('/api/v1/campaigns', { params: { query: { limit: 100 } } }));
    expect(listed.data).toHaveLength(2);
  });

  it('walks a cursor-paginated list with an async iterator, and calls onUnauthorized on a 401 (not on a failed sign-in)', async () => {
    t = await createTestApp(dialect);
    const account = await signUp(t.app);
    const client = createTesseraClient({ baseUrl: TEST_ORIGIN, auth: { apiKey: account.apiKey }, fetch: browserFetch() });
    await unwrap(client.POST('/api/v1/qrs/bulk', { body: { urls: Array.from({ length: 7 }, (_, i) => `https://example.com/${i}`), qr_type: 'dynamic' } }));
    const pages: number[] = [];
    const all = await collect(
      paginate(async (cursor) => {
        const page = await unwrap(client.GET('/api/v1/campaigns', { params: { query: { limit: 3, cursor } } }));
        pages.push(page.data.length);
        return page;
      }),
    );
    expect(pages).toEqual([3, 3, 1]);
    expect(new Set(all.map((c) => c.id)).size).toBe(7);
    expect(
      await collect(
        paginate(async (cursor) => unwrap(client.GET('/api/v1/campaigns', { params: { query: { limit: 3, cursor } } }))),
        4,
      ),
    ).toHaveLength(4);

    const lost: TesseraApiError[] = [];
    const session = createTesseraClient({ baseUrl: TEST_ORIGIN, auth: { session: true }, fetch: browserFetch(), onUnauthorized: (e) => lost.push(e) });
    await expect(unwrap(session.POST('/api/v1/auth/login', { body: { email: account.email, password: 'wrong password!' } }))).rejects.toMatchObject({ status: 401 });
    expect(lost).toHaveLength(0);
    await expect(unwrap(session.GET('/api/v1/auth/me'))).rejects.toMatchObject({ status: 401, code: 'api_key_missing' });
    expect(lost.map((e) => e.status)).toEqual([401]);
  });
});
