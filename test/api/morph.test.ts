import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { decodeSvg } from '../helpers/decode-qr.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { decodeQr } from '../helpers/scan-image.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';

const require = createRequire(import.meta.url);
const hasPython = spawnSync('python3', ['-c', 'import hmac, hashlib, time'], { stdio: 'ignore' }).status === 0;
// CI has no PHP (the arithmetic test below stands in for it); where php-cli is installed the
// seed's PHP example runs itself.
const hasPhp = spawnSync('php', ['-r', "echo hash_hmac('sha256', 't', 'k');"], { stdio: 'ignore' }).status === 0;

interface Created {
  id: string;
  short_code: string;
  qr_type: string;
  secret_key?: string;
  svg_url: string;
  batch_id: string | null;
}

describeDialects('morphing codes', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function start(env: Record<string, string> = {}): Promise<{ t: TestApp; me: Tenant }> {
    t = await createTestApp(dialect, { env });
    return { t, me: await tenant(t) };
  }

  async function morphing(me: Tenant, payload: Record<string, unknown> = {}): Promise<Created> {
    const response = await t!.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: me.headers,
      payload: { name: 'Ada Lovelace', destination: 'https://example.com/ticket/1', qr_type: 'morphing', ...payload },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as Created;
  }

  async function listen(app: TestApp): Promise<string> {
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(app.app.server.address() as { port: number }).port}`;
  }

  function sign(secret: string, t: number | string): string {
    return require('node:crypto').createHmac('sha256', secret).update(String(t)).digest('hex');
  }

  function render(code: string, query: string, ext = 'svg') {
    return t!.app.inject({ method: 'GET', url: `/api/render/${code}.${ext}${query}` });
  }

  function signedQuery(secret: string, at: number): string {
    return `?t=${at}&sig=${sign(secret, at)}`;
  }

  async function liveUrl(code: Created, at = t!.clock.now()): Promise<string> {
    const response = await render(code.short_code, signedQuery(code.secret_key!, at));
    expect(response.headers['x-tessera-render']).toBe('live');
    const decoded = await decodeSvg(response.body);
    expect(decoded.zxing).toBe(decoded.jsqr);
    return decoded.zxing!;
  }

  function scan(url: string, method: 'GET' | 'HEAD' = 'GET') {
    const u = new URL(url);
    return t!.app.inject({ method, url: `${u.pathname}${u.search}`, headers: { accept: 'text/html' } });
  }

  async function scanRows(campaignId: string) {
    await t!.app.ctx.scans.flush();
    return t!.database.handle.db.selectFrom('scans').select(['kind']).where('campaign_id', '=', campaignId).orderBy('occurred_at').execute();
  }

  it('creation responses carry a per-code secret_key (campaign and bulk); the owner can read and rotate it', async () => {
    const { t, me } = await start();
    const single = await morphing(me);
    expect(single.secret_key).toMatch(/^[0-9a-f]{64}$/);
    const bulk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/qrs/bulk',
      headers: me.headers,
      payload: { urls: ['https://example.com/ticket/1', 'https://example.com/ticket/2'], qr_type: 'morphing', design_config: {} },
    });
    expect(bulk.statusCode).toBe(201);
    const codes = (bulk.json() as { data: Created[] }).data;
    const secrets = codes.map((c) => c.secret_key);
    expect(secrets.every((s) => /^[0-9a-f]{64}$/.test(s!))).toBe(true);
    expect(new Set([...secrets, single.secret_key]).size).toBe(3);
    // No frozen image of a morphing code is handed out: it would only ever show "expired".
    const inlined = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk?inline=svg', headers: me.headers, payload: { urls: ['https://example.com/ticket/3'], qr_type: 'morphing' } });
    expect((inlined.json() as { data: Array<Record<string, unknown>> }).data[0]).not.toHaveProperty('svg');
    const dynamic = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'd', destination: 'https://example.com/', qr_type: 'dynamic' } });
    expect(dynamic.json()).not.toHaveProperty('secret_key');
    // Listing never shows secrets.
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: me.headers });
    expect(JSON.stringify(list.json())).not.toContain(single.secret_key);

    const read = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${single.id}/secret`, headers: me.headers });
    expect(read.statusCode).toBe(200);
    expect(read.headers['cache-control']).toBe('no-store');
    expect(read.json()).toEqual({ campaign_id: single.id, secret_key: single.secret_key, version: 1 });

    const other = await tenant(t);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${single.id}/secret`, headers: other.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${single.id}/secret` })).statusCode).toBe(401);
    const notMorphing = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${(dynamic.json() as Created).id}/secret`, headers: me.headers });
    expect(notMorphing.statusCode).toBe(409);
    expect(notMorphing.json().code).toBe('conflict');

    // Rotation: old signatures stop verifying, the new secret works.
    const at = t.clock.now();
    expect((await render(single.short_code, signedQuery(single.secret_key!, at))).headers['x-tessera-render']).toBe('live');
    const rotated = await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${single.id}/secret/rotate`, headers: me.headers });
    expect(rotated.statusCode).toBe(200);
    const next = rotated.json() as { secret_key: string; version: number };
    expect(next.version).toBe(2);
    expect(next.secret_key).not.toBe(single.secret_key);
    const old = await render(single.short_code, signedQuery(single.secret_key!, at));
    expect([old.headers['x-tessera-render'], old.headers['x-tessera-render-reason']]).toEqual(['expired', 'invalid']);
    expect((await render(single.short_code, signedQuery(next.secret_key, at))).headers['x-tessera-render']).toBe('live');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${single.id}/secret`, headers: me.headers })).json().version).toBe(2);
    // A bulk replay shows the current secret (secrets are derived, never stored with the replay).
    expect(JSON.stringify(await t.database.handle.db.selectFrom('idempotency_keys').selectAll().execute())).not.toMatch(/secret_key/);
  });

  /** A seed example's printed URL, as its language ran it: well-formed, and rendering the live code. */
  async function expectLiveSecureUrl(run: { status: number | null; stdout: string; stderr: string }, host: string, shortCode: string) {
    expect(run.status, run.stderr).toBe(0);
    const secureUrl = run.stdout.trim();
    expect(secureUrl).toMatch(new RegExp(`^${host}/api/render/${shortCode}\\.svg\\?t=\\d{13}&sig=[0-9a-f]{64}$`));
    const response = await fetch(secureUrl);
    expect(response.headers.get('x-tessera-render')).toBe('live');
    expect((await decodeSvg(await response.text())).zxing).toMatch(new RegExp(`^http://tessera\\.test/${shortCode}\\?k=`));
  }

  it("the seed's Node.js example, run as written, gives a URL whose SVG decodes to the live token URL", async () => {
    const { t, me } = await start();
    const created = await morphing(me);
    const host = await listen(t);
    t.clock.set(Date.now());
    // --- seed example, verbatim except for the secret, the short code and the host ---
    const crypto = require('crypto');
    const secret_key = created.secret_key!;
    const short_code = created.short_code;
    // 1. Get current time in milliseconds
    const t_ = Date.now().toString();
    // 2. Hash the timestamp using HMAC SHA-256
    const sig = crypto.createHmac('sha256', secret_key).update(t_).digest('hex');
    // 3. Construct the secure URL to pass to the client's <img> tag
    const secureUrl = `${host}/api/render/${short_code}.svg?t=${t_}&sig=${sig}`;
    // --- end of example ---
    const response = await fetch(secureUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-tessera-render')).toBe('live');
    const decoded = await decodeSvg(await response.text());
    expect(decoded.zxing).toMatch(new RegExp(`^http://tessera\\.test/${short_code}\\?k=[A-Za-z0-9_-]{16}$`));
    expect(decoded.jsqr).toBe(decoded.zxing);
    // The decoded URL is the live one: scanning it redirects and records a scan.
    const followed = await scan(decoded.zxing!);
    expect(followed.statusCode).toBe(302);
    expect(followed.headers.location).toBe('https://example.com/ticket/1');
    expect(await scanRows(created.id)).toEqual([{ kind: 'scan' }]);
  });

  it.runIf(hasPython)("the seed's Python example, run by python3 as written, gives a URL that renders the live code", async () => {
    const { t, me } = await start();
    const created = await morphing(me);
    const host = await listen(t);
    t.clock.set(Date.now());
    const script = `import hmac
import hashlib
import time
secret_key = b'${created.secret_key}'
short_code = '${created.short_code}'
# 1. Get current time in milliseconds as a string
t = str(int(time.time() * 1000)).encode('utf-8')
# 2. Hash the timestamp using HMAC SHA-256
sig = hmac.new(secret_key, t, hashlib.sha256).hexdigest()
# 3. Construct the secure URL
secureUrl = f"${host}/api/render/{short_code}.svg?t={t.decode()}&sig={sig}"
print(secureUrl)
`;
    const run = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
    await expectLiveSecureUrl(run, host, created.short_code);
  });

  it.runIf(hasPhp)("the seed's PHP example, run by php as written, gives a URL that renders the live code", async () => {
    const { t, me } = await start();
    const created = await morphing(me);
    const host = await listen(t);
    t.clock.set(Date.now());
    const script = `<?php
$secret_key = '${created.secret_key}';
$short_code = '${created.short_code}';
// 1. Get current time in milliseconds
$t = round(microtime(true) * 1000);
// 2. Hash the timestamp using HMAC SHA-256
$sig = hash_hmac('sha256', (string)$t, $secret_key);
// 3. Construct the secure URL
$secureUrl = "${host}/api/render/{$short_code}.svg?t={$t}&sig={$sig}";
?>
<?php echo $secureUrl;`;
    const run = spawnSync('php', [], { input: script, encoding: 'utf8' });
    await expectLiveSecureUrl(run, host, created.short_code);
  });

  it("the seed's PHP example's arithmetic (round(microtime(true) * 1000), hash_hmac) gives a valid signature", async () => {
    const { t, me } = await start();
    const created = await morphing(me);
    const now = t.clock.now();
    // microtime(true): seconds as a float with microseconds; round(… * 1000) is a float whose
    // (string) cast has no fraction for 13-digit values (PHP prints floats with 14 significant digits).
    const microtime = (now + 0.4567) / 1000;
    const phpT = Math.round(microtime * 1000);
    const phpTString = phpT.toPrecision(14).replace(/\.?0+$/, '');
    expect(phpTString).toBe(String(now));
    // hash_hmac('sha256', $data, $key) is HMAC-SHA256 keyed by $key, lowercase hex.
    const phpSig = sign(created.secret_key!, phpTString);
    const response = await render(created.short_code, `?t=${phpTString}&sig=${phpSig}`);
    expect(response.headers['x-tessera-render']).toBe('live');
  });

  it('a signature expires 30 s after t (moving the clock), tolerates 5 s of client clock ahead, and every refusal is the red EXPIRED image', async () => {
    const { t, me } = await start();
    const code = await morphing(me);
    const at = t.clock.now();
    const query = signedQuery(code.secret_key!, at);
    expect((await render(code.short_code, query)).headers['x-tessera-render']).toBe('live');
    t.clock.advance(30_000);
    expect((await render(code.short_code, query)).headers['x-tessera-render']).toBe('live');
    t.clock.advance(1);
    const expired = await render(code.short_code, query);
    expect(expired.statusCode).toBe(200);
    expect(expired.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(expired.headers['cache-control']).toBe('no-store');
    expect(expired.headers['x-tessera-render']).toBe('expired');
    expect(expired.headers['x-tessera-render-reason']).toBe('expired');
    expect(expired.body).toContain('<title>EXPIRED</title>');
    expect(expired.body).toContain('#dc2626');
    expect(expired.headers.etag).toBeUndefined();
    expect((await decodeSvg(expired.body)).zxing).toBeNull();

    const now = t.clock.now();
    expect((await render(code.short_code, signedQuery(code.secret_key!, now + 5_000))).headers['x-tessera-render']).toBe('live');
    expect((await render(code.short_code, signedQuery(code.secret_key!, now + 5_001))).headers['x-tessera-render-reason']).toBe('expired');

    const reasons: Record<string, string> = {
      '': 'missing',
      [`?t=${now}`]: 'missing',
      [`?sig=${sign(code.secret_key!, now)}`]: 'missing',
      [`?t=${now}.0&sig=${sign(code.secret_key!, `${now}.0`)}`]: 'malformed',
      [`?t=${now}&sig=xyz`]: 'malformed',
      [`?t=${now}&t=${now}&sig=${sign(code.secret_key!, now)}`]: 'malformed',
      [`?t=${now}&sig=${sign('YOUR_SECRET_KEY', now)}`]: 'invalid',
    };
    for (const [q, reason] of Object.entries(reasons)) {
      for (const ext of ['svg', 'png']) {
        const response = await render(code.short_code, q, ext);
        expect(response.statusCode, q).toBe(200);
        expect(response.headers['x-tessera-render'], q).toBe('expired');
        expect(response.headers['x-tessera-render-reason'], q).toBe(reason);
        expect(response.headers['cache-control']).toBe('no-store');
      }
    }
    // Unknown codes are still 404 problems: there is nothing to draw an EXPIRED image for.
    expect((await render('ZZZZZZZ', signedQuery(code.secret_key!, now))).statusCode).toBe(404);
  });

  it("a signature made with code A's secret is refused for code B", async () => {
    const { t, me } = await start();
    const a = await morphing(me);
    const b = await morphing(me, { destination: 'https://example.com/ticket/2' });
    const query = signedQuery(a.secret_key!, t.clock.now());
    expect((await render(a.short_code, query)).headers['x-tessera-render']).toBe('live');
    const onB = await render(b.short_code, query);
    expect([onB.statusCode, onB.headers['x-tessera-render'], onB.headers['x-tessera-render-reason']]).toEqual([200, 'expired', 'invalid']);
    const pngOnB = await render(b.short_code, query, 'png');
    expect([pngOnB.headers['content-type'], pngOnB.headers['x-tessera-render-reason']]).toEqual(['image/png', 'invalid']);
  });

  it('a signed PNG decodes to the live URL; the EXPIRED PNG is red and holds no code', async () => {
    const { t, me } = await start();
    const code = await morphing(me);
    const live = await render(code.short_code, `${signedQuery(code.secret_key!, t.clock.now())}&size=400`, 'png');
    expect(live.headers['content-type']).toBe('image/png');
    expect(live.headers['cache-control']).toBe('no-store');
    const meta = await sharp(live.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([400, 400]);
    const [text] = await decodeQr(live.rawPayload);
    expect(text).toMatch(new RegExp(`^http://tessera\\.test/${code.short_code}\\?k=[A-Za-z0-9_-]{16}$`));
    expect((await scan(text!)).statusCode).toBe(302);

    // The signed SVG takes the size as its width and height, as a saved code's does.
    const svg = await render(code.short_code, `${signedQuery(code.secret_key!, t.clock.now())}&size=400`);
    expect(svg.headers['x-tessera-render']).toBe('live');
    expect(svg.body).toMatch(/^<svg[^>]* width="400" height="400"/);

    const expired = await render(code.short_code, '?size=200', 'png');
    expect(expired.headers['x-tessera-render']).toBe('expired');
    const { data } = await sharp(expired.rawPayload).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const above = 3 * (30 * 200 + 100); // centre column, above the lettering
    const [r, g, b] = [data[above]!, data[above + 1]!, data[above + 2]!];
    expect(r).toBeGreaterThan(180);
    expect(g + b).toBeLessThan(160);
    expect(await decodeQr(expired.rawPayload)).toEqual([]);
  });

  it('the payload rotates every step; a scan accepts the current and previous step, and a stale screenshot gets the expired page and a stale scan', async () => {
    const { t, me } = await start({ TESSERA_MORPH_STEP_SECONDS: '20' });
    const code = await morphing(me);
    // Start just after a step boundary so "previous step" is unambiguous.
    t.clock.set(Math.ceil(t.clock.now() / 20_000) * 20_000 + 1_000);
    const first = await liveUrl(code);
    expect(await liveUrl(code)).toBe(first);
    t.clock.advance(18_000);
    expect(await liveUrl(code)).toBe(first);
    t.clock.advance(2_000);
    const second = await liveUrl(code);
    expect(second).not.toBe(first);
    expect(new URL(second).pathname).toBe(new URL(first).pathname);

    // One step later the first token is the previous step: still accepted.
    expect((await scan(first)).statusCode).toBe(302);
    expect((await scan(second)).statusCode).toBe(302);
    t.clock.advance(20_000);
    const third = await liveUrl(code);
    expect(new Set([first, second, third]).size).toBe(3);
    // Two steps old: a screenshot.
    const stale = await scan(first);
    expect(stale.statusCode).toBe(403);
    expect(stale.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(stale.headers['cache-control']).toBe('no-store');
    expect(stale.headers['x-frame-options']).toBe('DENY');
    expect(stale.body).toContain('This code has expired');
    expect(stale.body).toContain('Open the live ticket');
    expect((await scan(second)).statusCode).toBe(302);
    // The printed short link (no token) and a forged token are refused the same way.
    expect((await scan(`http://tessera.test/${code.short_code}`)).statusCode).toBe(403);
    expect((await scan(`http://tessera.test/${code.short_code}?k=AAAAAAAAAAAAAAAA`)).statusCode).toBe(403);
    // API clients get problem+json; HEAD records nothing.
    const api = await t.app.inject({ method: 'GET', url: `/${code.short_code}` });
    expect([api.statusCode, api.json().code]).toEqual([403, 'code_expired']);
    expect((await scan(first, 'HEAD')).statusCode).toBe(403);

    expect((await scanRows(code.id)).map((r) => r.kind)).toEqual(['scan', 'scan', 'stale', 'scan', 'stale', 'stale', 'stale']);
  });

  it('a token of the next step is accepted within 5 s of its start (clocks of several instances differ)', async () => {
    const { t, me } = await start({ TESSERA_MORPH_STEP_SECONDS: '15' });
    const code = await morphing(me);
    const boundary = Math.ceil(t.clock.now() / 15_000) * 15_000 + 15_000;
    t.clock.set(boundary);
    const next = await liveUrl(code);
    t.clock.set(boundary - 5_000);
    expect((await scan(next)).statusCode).toBe(302);
    t.clock.set(boundary - 5_001);
    expect((await scan(next)).statusCode).toBe(403);
  });

  it('rotating the secret also retires the payloads of earlier renders', async () => {
    const { t, me } = await start();
    const code = await morphing(me);
    const before = await liveUrl(code);
    await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${code.id}/secret/rotate`, headers: me.headers });
    expect((await scan(before)).statusCode).toBe(403);
  });

  it('the owner sees the live ticket without signing: the same image a signed render shows now, which leads on when scanned; others 404, other codes 409, archived 410', async () => {
    const { t, me } = await start();
    const code = await morphing(me);
    const live = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${code.id}/live.svg`, headers: me.headers });
    expect(live.statusCode).toBe(200);
    expect(live.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(live.headers['cache-control']).toBe('no-store');
    expect(live.headers['x-tessera-step-seconds']).toBe('30');
    const decoded = await decodeSvg(live.body);
    expect(decoded.jsqr).toBe(decoded.zxing);
    expect(decoded.zxing).toBe(await liveUrl(code));
    expect((await scan(decoded.zxing!)).statusCode).toBe(302);
    const stranger = await tenant(t);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${code.id}/live.svg`, headers: stranger.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${code.id}/live.svg` })).statusCode).toBe(401);
    const dynamic = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'Poster', destination: 'https://example.com/' } });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${dynamic.json().id}/live.svg`, headers: me.headers })).statusCode).toBe(409);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${code.id}`, headers: me.headers });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${code.id}/live.svg`, headers: me.headers })).statusCode).toBe(410);
  });

  it('an archived morphing code renders the EXPIRED image (an <img> shows it), reason archived, and scans are 410', async () => {
    const { t, me } = await start();
    const code = await morphing(me);
    const url = await liveUrl(code);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${code.id}`, headers: me.headers });
    for (const [query, ext] of [
      [signedQuery(code.secret_key!, t.clock.now()), 'svg'],
      ['', 'svg'],
      [signedQuery(code.secret_key!, t.clock.now()), 'png'],
    ] as const) {
      const voided = await render(code.short_code, query, ext);
      expect([voided.statusCode, voided.headers['x-tessera-render'], voided.headers['x-tessera-render-reason'], voided.headers['cache-control']]).toEqual([200, 'expired', 'archived', 'no-store']);
      expect(voided.headers['content-type']).toMatch(ext === 'svg' ? /^image\/svg\+xml/ : /^image\/png/);
    }
    const expired = await render(code.short_code, signedQuery(code.secret_key!, t.clock.now()));
    expect((await decodeSvg(expired.body)).zxing).toBeNull();
    // Other archived codes still answer 410.
    const dynamic = (await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'd', destination: 'https://example.com/' } })).json();
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${dynamic.id}`, headers: me.headers });
    expect((await render(dynamic.short_code, '')).statusCode).toBe(410);
    t.clock.advance(2_000); // past the redirect cache
    expect((await scan(url)).statusCode).toBe(410);
  });

  it('signed renders and the live ticket say what the lint says, as every other render does: a 64 px PNG is too small to scan', async () => {
    const { t, me } = await start();
    const code = await morphing(me, { design_config: { color: '#d946ef' } });
    const warnings = (response: { headers: Record<string, unknown> }) =>
      (JSON.parse(String(response.headers['x-qr-warnings'] ?? '[]')) as Array<{ code: string; field: string }>).map((w) => `${w.code} ${w.field}`);
    const query = signedQuery(code.secret_key!, t.clock.now());
    const tiny = await render(code.short_code, `${query}&size=64`, 'png');
    expect(tiny.statusCode).toBe(200);
    expect(tiny.headers['x-tessera-render']).toBe('live');
    expect(warnings(tiny)).toEqual(expect.arrayContaining(['low_resolution size', 'low_contrast color']));
    // Large enough: only the design's own warning; the EXPIRED image carries none.
    expect(warnings(await render(code.short_code, `${query}&size=600`, 'png'))).toEqual(['low_contrast color']);
    expect(warnings(await render(code.short_code, '?t=1&sig=00', 'png'))).toEqual([]);
    const live = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${code.id}/live.svg`, headers: me.headers });
    expect(warnings(live)).toEqual(['low_contrast color']);
  });
});
