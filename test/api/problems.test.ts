import net, { type AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('problem+json errors', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TESSERA_BODY_LIMIT: '2048' } });
    t.app.post(
      '/test/echo',
      {
        schema: { body: { type: 'object', required: ['name', 'count'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1 }, count: { type: 'integer', minimum: 1 } } } },
      },
      async (request) => request.body,
    );
    t.app.get('/test/boom', async () => {
      throw new Error('SELECT secret FROM internals failed at /srv/app.ts:42');
    });
  });
  afterEach(async () => t.close());

  function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, code: string) {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({ status, code, type: `http://tessera.test/problems/${code}` });
    expect(typeof body.title).toBe('string');
    expect(typeof body.detail).toBe('string');
    expect(body.requestId).toBe(response.headers['x-request-id']);
    return body;
  }

  it('unknown routes are a problem+json 404', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/nowhere' }), 404, 'route_not_found');
  });

  it('a browser opening an address with nothing behind it gets a page; API paths and other methods keep problem+json', async () => {
    const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'accept-language': 'de-DE,de;q=0.9' };
    for (const url of ['/nowhere/at/all', `/p/${'a'.repeat(150)}`, `/p/acme/${'b'.repeat(300)}`, `/${'c'.repeat(200)}`]) {
      const page = await t.app.inject({ method: 'GET', url, headers: html });
      expect(page.statusCode, url).toBe(404);
      expect(page.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.headers['x-robots-tag']).toBe('noindex, nofollow');
      expect(page.body).toContain('<html lang="de"');
      expect(page.body).toContain('Diese Seite ist nicht verfügbar');
      expect(page.body).not.toContain('a'.repeat(150));
    }
    expect((await t.app.inject({ method: 'HEAD', url: '/nowhere', headers: html })).statusCode).toBe(404);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/nowhere', headers: html }), 404, 'route_not_found');
    expectProblem(await t.app.inject({ method: 'POST', url: '/nowhere/at/all', headers: html, payload: {} }), 404, 'route_not_found');
    expectProblem(await t.app.inject({ method: 'GET', url: '/nowhere', headers: { accept: 'application/json' } }), 404, 'route_not_found');
  });

  it('malformed JSON is a 400, not a 500', async () => {
    const body = expectProblem(await t.app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: '{"name": ' }), 400, 'malformed_json');
    expect(body.detail).toMatch(/not valid JSON: Unexpected end of JSON input/);
    // It says where the JSON breaks.
    const comma = expectProblem(await t.app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: '{"name":"x" "count":2}' }), 400, 'malformed_json');
    expect(comma.detail).toMatch(/position 12 \(line 1 column 13\)/);
  });

  it('a body that is not UTF-8 is refused, not stored with U+FFFD in place of what was sent; a UTF-8 BOM and real UTF-8 pass', async () => {
    const latin1 = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","count":1}')]);
    const body = expectProblem(await t.app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: latin1 }), 400, 'malformed_json');
    expect(body.detail).toMatch(/not valid UTF-8/);
    // Parsed (only the count is refused): the BOM is skipped and the multi-byte name is read as sent.
    const bom = expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/test/echo',
        headers: { 'content-type': 'application/json' },
        payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"Zoë 😀","count":0}')]),
      }),
      400,
      'validation_failed',
    );
    expect(bom.errors.map((e: { field: string }) => e.field)).toEqual(['body/count']);
  });

  it('a __proto__ or constructor.prototype key is refused as such, not called malformed JSON', async () => {
    for (const payload of ['{"name":"x","count":1,"__proto__":{"admin":true}}', '{"name":"x","count":1,"constructor":{"prototype":{"admin":true}}}']) {
      const body = expectProblem(await t.app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload }), 400, 'bad_request');
      expect(body.detail).toMatch(/"__proto__" or "constructor.prototype".*leave it out/);
    }
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
  });

  it('validation failures list each invalid field', async () => {
    const body = expectProblem(await t.app.inject({ method: 'POST', url: '/test/echo', payload: { count: 0, extra: true } }), 400, 'validation_failed');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['body/count', 'body/extra', 'body/name']);
  });

  it('validation messages say what to change in plain words, not in schema terms', async () => {
    t.app.post(
      '/test/plain',
      {
        schema: {
          body: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string', minLength: 1 },
              title: { type: 'string', minLength: 3, maxLength: 5 },
              tags: { type: 'array', maxItems: 2, items: { type: 'string' } },
              urls: { type: 'array', minItems: 1, items: { type: 'string' } },
              count: { type: 'integer', minimum: 1, maximum: 10 },
              email: { type: 'string', format: 'email' },
              at: { type: 'string', format: 'date-time' },
              link: { type: 'string', format: 'uri' },
              kind: { type: 'string', enum: ['a', 'b'] },
              flag: { type: 'boolean' },
              note: { type: ['string', 'null'] },
            },
          },
        },
      },
      async (request) => request.body,
    );
    const messages = async (payload: Record<string, unknown>) => {
      const body = expectProblem(await t.app.inject({ method: 'POST', url: '/test/plain', payload: { name: 'x', ...payload } }), 400, 'validation_failed');
      return Object.fromEntries(body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    };
    expect(await messages({ name: '' })).toEqual({ 'body/name': 'must not be empty' });
    expect(await messages({ title: 'x' })).toEqual({ 'body/title': 'must be at least 3 characters' });
    expect(await messages({ title: 'x'.repeat(9) })).toEqual({ 'body/title': 'must be at most 5 characters' });
    expect(await messages({ tags: ['a', 'b', 'c'] })).toEqual({ 'body/tags': 'must have at most 2 entries' });
    expect(await messages({ urls: [] })).toEqual({ 'body/urls': 'must have at least 1 entry' });
    expect(await messages({ count: 0 })).toEqual({ 'body/count': 'must be at least 1' });
    expect(await messages({ count: 11 })).toEqual({ 'body/count': 'must be at most 10' });
    expect(await messages({ count: 'many' })).toEqual({ 'body/count': 'must be a whole number' });
    expect(await messages({ email: 'nope' })).toEqual({ 'body/email': 'must be an email address' });
    expect(await messages({ at: 'tomorrow' })).toEqual({ 'body/at': 'must be a date and time such as 2026-04-01T08:00:00Z' });
    expect(await messages({ link: 'not a url' })).toEqual({ 'body/link': 'must be an absolute URL (https://…)' });
    expect(await messages({ kind: 'c' })).toEqual({ 'body/kind': 'must be one of: a, b' });
    expect(await messages({ flag: 'yes' })).toEqual({ 'body/flag': 'must be true or false' });
    expect(await messages({ note: { a: 1 } })).toEqual({ 'body/note': 'must be text or null' });
    const missing = expectProblem(await t.app.inject({ method: 'POST', url: '/test/plain', payload: {} }), 400, 'validation_failed');
    expect(missing.errors).toEqual([{ field: 'body/name', message: 'is required' }]);
    expect(missing.detail).toBe('Some fields are invalid: body/name is required.');
  });

  it('oversized bodies are a 413 that states the limit', async () => {
    const body = expectProblem(await t.app.inject({ method: 'POST', url: '/test/echo', payload: { name: 'x'.repeat(5000), count: 1 } }), 413, 'payload_too_large');
    expect(body.limitBytes).toEqual(expect.any(Number));
    expect(body.detail).toBe(`The request body is larger than this endpoint accepts: at most ${body.limitBytes} bytes.`);
  });

  // TESSERA_BODY_LIMIT is the limit of routes without their own: an operator who lowered it read
  // "largest accepted request body" and still saw 4 MB bulk requests and 512 KB item creates pass.
  it('routes with a limit of their own keep it whatever TESSERA_BODY_LIMIT says, as the configuration table states', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v0/items', payload: { content: 'x'.repeat(5000), ttlHours: 1 } });
    expect(created.statusCode).toBe(201);
    const row = CONFIG_VARIABLES.find((v) => v.name === 'TESSERA_BODY_LIMIT')!.description;
    expect(row).toContain('for routes without a limit of their own');
    expect(row).toContain('item creates 512 KB');
  });

  it('unsupported content types are a 415', async () => {
    const body = expectProblem(await t.app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/xml' }, payload: '<a/>' }), 415, 'unsupported_media_type');
    // It names what was sent and what the route reads.
    expect(body).toMatchObject({ accepted: ['application/json'], detail: 'This endpoint does not read a body sent as application/xml. Send it with Content-Type: application/json.' });
  });

  it('an unexpected exception is a generic 500 that leaks nothing', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/test/boom' });
    const body = expectProblem(response, 500, 'internal_error');
    expect(response.body).not.toMatch(/SELECT|internals|srv|stack/);
    expect(body.detail).toMatch(/request id/);
  });

  it('honours a well-formed X-Request-Id and replaces a hostile one', async () => {
    const honoured = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-123.abc' } });
    expect(honoured.headers['x-request-id']).toBe('trace-123.abc');
    const replaced = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\n{"level":60}' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("what Node's HTTP parser refuses (a URL over the header limit, invalid HTTP) is problem+json too, with a request id", async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    // A raw exchange: these requests never become Fastify requests, so inject cannot send them.
    const raw = (request: string) =>
      new Promise<{ head: string; body: string }>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
        let data = '';
        socket.on('data', (chunk) => (data += chunk));
        socket.on('error', reject);
        socket.on('close', () => {
          const at = data.indexOf('\r\n\r\n');
          resolve({ head: data.slice(0, at), body: data.slice(at + 4) });
        });
      });
    const long = await raw(`GET /api/v1/campaigns?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(long.head).toMatch(/^HTTP\/1\.1 431 /);
    expect(long.head).toMatch(/content-type: application\/problem\+json/i);
    const id = /x-request-id: (\S+)/i.exec(long.head)?.[1];
    expect(JSON.parse(long.body)).toMatchObject({
      status: 431,
      code: 'headers_too_large',
      type: 'http://tessera.test/problems/headers_too_large',
      requestId: id,
      detail: expect.stringContaining('Shorten the URL'),
    });
    const bad = await raw('GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\x7fb\r\n\r\n');
    expect(bad.head).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(bad.body)).toMatchObject({ status: 400, code: 'bad_request', detail: expect.stringContaining('not valid HTTP/1.1') });
    expect((await t.app.inject({ method: 'GET', url: '/problems/headers_too_large' })).json()).toMatchObject({ code: 'headers_too_large', status: 431 });
    // An expectation HTTP/1.1 does not define: Node answered a bare 417 with no body.
    const teapot = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n\r\n');
    expect(teapot.head).toMatch(/^HTTP\/1\.1 417 /);
    expect(teapot.head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(teapot.body)).toMatchObject({ status: 417, code: 'expectation_failed', detail: expect.stringContaining('without the Expect header') });
  });

  it('every problem type URL resolves to its registry entry', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/problems/payload_too_large' });
    expect(response.json()).toMatchObject({ code: 'payload_too_large', status: 413 });
    expectProblem(await t.app.inject({ method: 'GET', url: '/problems/nope' }), 404, 'not_found');
  });

  it('serves security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
