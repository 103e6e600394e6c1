import { spawnSync } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { tenant } from '../helpers/tenants.ts';

const pythonHasRequests = spawnSync('python3', ['-c', 'import requests'], { stdio: 'ignore' }).status === 0;

describeDialects('bulk generation', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function listen(app: TestApp): Promise<string> {
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(app.app.server.address() as { port: number }).port}`;
  }

  function bulk(headers: Record<string, string>, payload: unknown, extra: Record<string, string> = {}, url = '/api/v1/qrs/bulk') {
    return t!.app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, payload: payload as Record<string, unknown> });
  }

  it("the seed's Node.js fetch example runs as written (host changed)", async () => {
    t = await createTestApp(dialect);
    const YOUR_API_KEY = (await tenant(t)).apiKey;
    const host = await listen(t);
    // --- seed example, verbatim except for the host and the key variable ---
    const response = await fetch(`${host}/api/v1/qrs/bulk`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${YOUR_API_KEY}`,
      },
      body: JSON.stringify({
        urls: ['https://example.com/ticket/1'],
        qr_type: 'morphing',
        design_config: {},
      }),
    });
    const data = await response.json();
    // --- end of example ---
    expect(response.status).toBe(201);
    expect(data.count).toBe(1);
    expect(data.batch_id).toMatch(/^bat_/);
    const [code] = data.data;
    expect(code).toMatchObject({ qr_type: 'morphing', destination: 'https://example.com/ticket/1', status: 'active', batch_id: data.batch_id });
    expect(code.id).toMatch(/^cmp_/);
    expect(code.public_url).toBe(`http://tessera.test/${code.short_code}`);
    expect(code.svg_url).toBe(`http://tessera.test/api/render/${code.short_code}.svg`);
    expect(code.png_url).toBe(`http://tessera.test/api/render/${code.short_code}.png`);
  });

  it("the seed's Python example's request (same JSON bytes and headers) succeeds", async () => {
    t = await createTestApp(dialect);
    const key = (await tenant(t)).apiKey;
    const host = await listen(t);
    // What requests.post(url, json=data, headers=headers) puts on the wire.
    const response = await fetch(`${host}/api/v1/qrs/bulk`, {
      method: 'POST',
      headers: { 'User-Agent': 'python-requests/2.32.3', 'Accept-Encoding': 'gzip, deflate', Accept: '*/*', Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: '{"urls": ["https://example.com/ticket/1"], "qr_type": "morphing", "design_config": {}}',
    });
    expect(response.status).toBe(201);
    expect((await response.json()).data[0].qr_type).toBe('morphing');
  });

  it.runIf(pythonHasRequests)("the seed's Python example itself runs (python3 + requests)", async () => {
    t = await createTestApp(dialect);
    const key = (await tenant(t)).apiKey;
    const host = await listen(t);
    const script = `import requests
url = "${host}/api/v1/qrs/bulk"
headers = {
"Authorization": "Bearer ${key}",
"Content-Type": "application/json"
}
data = {
"urls": ["https://example.com/ticket/1"],
"qr_type": "morphing",
"design_config": {}
}
response = requests.post(url, json=data, headers=headers)
print(response.status_code)
print(response.json())`;
    const { spawn } = await import('node:child_process');
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('python3', ['-c', script]);
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    expect(output.split('\n')[0]).toBe('201');
    expect(output).toContain("'qr_type': 'morphing'");
  });

  it('creates 1,000 codes in one request; 1,001 is a 400 naming the limit', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const urls = Array.from({ length: 1000 }, (_, i) => `https://example.com/ticket/${i}`);
    const ok = await bulk(me.headers, { urls, qr_type: 'dynamic' });
    expect(ok.statusCode).toBe(201);
    const body = ok.json();
    expect(body.count).toBe(1000);
    expect(body.data.map((c: { destination: string }) => c.destination)).toEqual(urls);
    expect(new Set(body.data.map((c: { short_code: string }) => c.short_code)).size).toBe(1000);
    const tooMany = await bulk(me.headers, { urls: [...urls, 'https://example.com/1001'], qr_type: 'dynamic' });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().detail).toMatch(/1000/);
    // Listed newest first, a batch (one created_at) reads in the order it was sent, page after page.
    const listed: string[] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor; pages++) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers: me.headers });
      const page: { data: Array<{ destination: string }>; next_cursor: string | null } = res.json();
      expect(page.data.length).toBeLessThanOrEqual(100);
      listed.push(...page.data.map((c) => c.destination));
      cursor = page.next_cursor;
    }
    expect(listed).toEqual(urls);
  });

  it('lists a later batch above an earlier one, each in the order it was sent', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const first = ['https://example.com/a1', 'https://example.com/a2', 'https://example.com/a3'];
    const second = ['https://example.com/b1', 'https://example.com/b2'];
    expect((await bulk(me.headers, { urls: first, qr_type: 'dynamic' })).statusCode).toBe(201);
    t.clock.advance(1);
    const made = (await bulk(me.headers, { urls: second, qr_type: 'dynamic' })).json().data;
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: me.headers })).json().data;
    expect(listed.map((c: { destination: string }) => c.destination)).toEqual([...second, ...first]);
    // Still opaque ids of the usual shape.
    for (const c of made) expect(c.id).toMatch(/^cmp_[0-9A-Za-z]{22}$/);
  });

  it('lists one batch (an event’s tickets) by its batch_id, page by page; another account’s batch, or none, is a 404', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const event = (await bulk(me.headers, { urls: ['https://example.com/e1', 'https://example.com/e2', 'https://example.com/e3'], qr_type: 'dynamic' })).json();
    await bulk(me.headers, { urls: ['https://example.com/other'], qr_type: 'dynamic' });
    await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'single', destination: 'https://example.com/single' } });
    const list = (query: string, headers = me.headers) => t!.app.inject({ method: 'GET', url: `/api/v1/campaigns?${query}`, headers });
    const first = (await list(`batch_id=${event.batch_id}&limit=2`)).json();
    const second = (await list(`batch_id=${event.batch_id}&limit=2&cursor=${first.next_cursor}`)).json();
    expect([...first.data, ...second.data].map((c: { destination: string }) => c.destination)).toEqual(['https://example.com/e1', 'https://example.com/e2', 'https://example.com/e3']);
    expect(second.next_cursor).toBeNull();
    expect([...first.data, ...second.data].every((c: { batch_id: string }) => c.batch_id === event.batch_id)).toBe(true);
    const stranger = await tenant(t);
    for (const [batch, headers] of [
      [event.batch_id, stranger.headers],
      ['bat_nope', me.headers],
    ]) {
      const missing = await list(`batch_id=${batch}`, headers);
      expect([missing.statusCode, missing.json().code, missing.json().detail]).toEqual([404, 'not_found', expect.stringContaining(`Batch '${batch}'`)]);
    }
    expect((await list(`batch_id=${'x'.repeat(65)}`)).statusCode).toBe(400);
    expect((await list('batch_id=')).statusCode).toBe(400);
  });

  it('names unnamed codes by position and where they lead, short enough for a list', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const long = `https://www.example.com/menu?table=3&utm_source=poster&utm_campaign=${'spring'.repeat(20)}`;
    const made = (await bulk(me.headers, { urls: ['https://www.example.com/menu', 'http://shop.example/a', long], names: ['', 'Shop', ''] })).json().data;
    expect(made.map((c: { name: string }) => c.name)).toEqual(['#1 example.com/menu', 'Shop', `#3 ${long.slice('https://www.'.length, 'https://www.'.length + 76)}…`]);
    expect(made[2].name).toHaveLength(80);
  });

  it('accepts 1,000 long URLs (a body past the global 1 MiB limit)', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const urls = Array.from({ length: 1000 }, (_, i) => `https://example.com/${i}/${'a'.repeat(1900)}`);
    const response = await bulk(me.headers, { urls });
    expect(response.statusCode).toBe(201);
    expect(response.json().count).toBe(1000);
  });

  it('one invalid URL rejects the whole batch, naming the index and reason of every bad entry', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const urls = ['https://example.com/ok', 'javascript:alert(1)', 'https://example.com/ok2', 'data:text/html,x', 'file:///etc/passwd', '/relative'];
    const response = await bulk(me.headers, { urls, qr_type: 'dynamic' });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe('validation_failed');
    expect(problem.detail).toMatch(/^4 of 6 URLs are invalid/);
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(['body/urls/1', 'body/urls/3', 'body/urls/4', 'body/urls/5']);
    expect(problem.errors[0].message).toMatch(/javascript/);
    const count = await t.app.ctx.db
      .selectFrom('campaigns')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    const empty = await bulk(me.headers, { urls: [], qr_type: 'dynamic' });
    expect(empty.statusCode).toBe(400);
    const notStrings = await bulk(me.headers, { urls: ['https://example.com', 42] });
    expect(notStrings.statusCode).toBe(400);
    expect(notStrings.json().errors[0].field).toBe('body/urls/1');
  });

  it('names every bad entry at once: an over-long URL or name does not hide the others (dry run and real)', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const long = `https://example.com/${'x'.repeat(3000)}`;
    const urls = ['https://example.com/a', 'example.com/b', 'not a url', 'javascript:alert(1)', 'https://example.com/a', long];
    const names = ['', '', '', '', 'n'.repeat(201), ''];
    for (const dryRun of [true, false]) {
      const response = await bulk(me.headers, { urls, names, dry_run: dryRun });
      expect(response.statusCode).toBe(400);
      const problem = response.json();
      expect(problem.code).toBe('validation_failed');
      expect(problem.detail).toMatch(/^4 of 6 URLs are invalid \(and 1 name is too long\), so nothing was created/);
      expect(problem.errors).toEqual([
        { field: 'body/urls/1', message: expect.stringMatching(/absolute URL/) },
        { field: 'body/urls/2', message: expect.stringMatching(/spaces/) },
        { field: 'body/urls/3', message: expect.stringMatching(/javascript/) },
        { field: 'body/urls/5', message: 'must be at most 2048 characters' },
        { field: 'body/names/4', message: 'must be at most 200 characters' },
      ]);
    }
    // Alone, a long name is still refused, naming its row.
    const nameOnly = await bulk(me.headers, { urls: ['https://example.com/a'], names: ['n'.repeat(201)], dry_run: true });
    expect(nameOnly.statusCode).toBe(400);
    expect(nameOnly.json().errors).toEqual([{ field: 'body/names/0', message: 'must be at most 200 characters' }]);
    const count = await t.app.ctx.db
      .selectFrom('campaigns')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('inlines SVGs on request, applies a template, and 404s on a stranger’s template', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const stranger = await tenant(t);
    const template = (await t.app.inject({ method: 'POST', url: '/api/v1/templates', headers: me.headers, payload: { name: 'T', design_config: { color: '#123456' } } })).json();
    const response = await bulk(me.headers, { urls: ['https://example.com/a', 'https://example.com/b'], qr_type: 'static', template_id: template.id, inline_svg: true });
    expect(response.statusCode).toBe(201);
    for (const code of response.json().data) {
      expect(code.svg).toMatch(/^<svg|<\?xml/);
      expect(code).toMatchObject({ template_id: template.id, design_config: { color: '#123456' } });
    }
    const viaQuery = await bulk(me.headers, { urls: ['https://example.com/c'] }, {}, '/api/v1/qrs/bulk?inline=svg');
    expect(viaQuery.json().data[0].svg).toContain('<svg');
    expect(viaQuery.json().data[0].qr_type).toBe('dynamic');
    const refused = await bulk(stranger.headers, { urls: ['https://example.com/a'], template_id: template.id });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().errors).toEqual([{ field: 'body/template_id', message: 'names no template of this account' }]);
  });

  it('Idempotency-Key replays the first response instead of creating twice', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const payload = { urls: ['https://example.com/1', 'https://example.com/2'], qr_type: 'dynamic' };
    const first = await bulk(me.headers, payload, { 'idempotency-key': 'order-42' });
    const second = await bulk(me.headers, payload, { 'idempotency-key': 'order-42' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.json()).toEqual(first.json());
    // An answer stored before campaigns had a mode (migration 0018) has no livemode: its replay
    // says live, as every campaign then was, instead of failing the response schema with a 500.
    const db = t.app.ctx.db;
    const stored = await db.selectFrom('idempotency_keys').select('response_body').where('key', '=', 'order-42').executeTakeFirstOrThrow();
    const before = JSON.parse(stored.response_body) as { data: Array<Record<string, unknown>> };
    for (const campaign of before.data) delete campaign.livemode;
    await db
      .updateTable('idempotency_keys')
      .set({ response_body: JSON.stringify(before) })
      .where('key', '=', 'order-42')
      .execute();
    const old = await bulk(me.headers, payload, { 'idempotency-key': 'order-42' });
    expect([old.statusCode, old.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(old.json()).toEqual(first.json());
    const count = await t.app.ctx.db
      .selectFrom('campaigns')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
    const different = await bulk(me.headers, { ...payload, urls: ['https://example.com/3'] }, { 'idempotency-key': 'order-42' });
    expect(different.statusCode).toBe(422);
    expect(different.json().code).toBe('idempotency_key_reused');
    // Keys are per account, and a failed request is not remembered.
    const other = await tenant(t);
    expect((await bulk(other.headers, payload, { 'idempotency-key': 'order-42' })).statusCode).toBe(201);
    expect((await bulk(me.headers, { urls: ['ftp://x'] }, { 'idempotency-key': 'k2' })).statusCode).toBe(400);
    expect((await bulk(me.headers, { urls: ['https://example.com/fixed'] }, { 'idempotency-key': 'k2' })).statusCode).toBe(201);
    // After 24 hours the key is forgotten.
    t.clock.advance(24 * 60 * 60 * 1000);
    const later = await bulk(me.headers, payload, { 'idempotency-key': 'order-42' });
    expect(later.headers['idempotent-replayed']).toBeUndefined();
  });

  it('requires credentials', async () => {
    t = await createTestApp(dialect);
    expect((await bulk({}, { urls: ['https://example.com'] })).statusCode).toBe(401);
  });

  it("accepts the seed's design_config and rejects an invalid one before creating anything", async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const ok = await bulk(me.headers, {
      urls: ['https://my-event.com/ticket/1', 'https://my-event.com/ticket/2'],
      qr_type: 'morphing',
      design_config: { shapes: 'liquid', eyes: 'circle', color: '#d946ef' },
    });
    expect(ok.statusCode).toBe(201);
    const bad = await bulk(me.headers, { urls: ['https://my-event.com/ticket/3'], design_config: { eyes: 'triangle' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body/design_config/eyes');
    const count = await t.app.ctx.db
      .selectFrom('campaigns')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });
});
