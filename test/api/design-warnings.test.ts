// Saving a design that scans but may be hard to read (issue #16's lint) says so, as rendering
// does: X-QR-Warnings on the campaign or template saved; designs that cannot scan stay refused
// with 400, and a design with nothing to say gets no header.
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('design warnings on save', (dialect) => {
  let t: TestApp;
  let account: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    account = await signUp(t.app);
  });
  afterEach(async () => t.close());

  const codes = (header: unknown) => (JSON.parse(String(header)) as { code: string; field: string }[]).map((w) => `${w.code} ${w.field}`);
  const send = (method: 'POST' | 'PUT', url: string, payload: object) => t.app.inject({ method, url, headers: authHeaders(account.apiKey), payload });

  it('a campaign created or changed with a risky design carries X-QR-Warnings; a plain one none', async () => {
    const created = await send('POST', '/api/v1/campaigns', { name: 'pink', destination: 'https://example.com/', design_config: { color: '#d946ef', margin: 3 } });
    expect(created.statusCode).toBe(201);
    expect(codes(created.headers['x-qr-warnings'])).toEqual(['low_contrast color', 'small_quiet_zone margin']);
    const id = created.json().id as string;
    const fixed = await send('PUT', `/api/v1/campaigns/${id}`, { design_config: { color: '#111827' } });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.headers['x-qr-warnings']).toBeUndefined();
    const inverted = await send('PUT', `/api/v1/campaigns/${id}`, { design_config: { color: '#ffffff', background: '#111827' } });
    expect(codes(inverted.headers['x-qr-warnings'])).toEqual(['inverted color']);
    // A destination change keeps the design: its warnings come along, the design being what scans.
    const moved = await send('PUT', `/api/v1/campaigns/${id}`, { destination: 'https://example.com/moved' });
    expect(codes(moved.headers['x-qr-warnings'])).toEqual(['inverted color']);
    // Unscannable stays a refusal.
    expect((await send('POST', '/api/v1/campaigns', { name: 'grey', destination: 'https://example.com/', design_config: { color: '#dddddd' } })).statusCode).toBe(400);
  });

  it('a colour web scanners cannot read in a sharp image is refused; a design stored with one before renders with a warning', async () => {
    const refused = await send('POST', '/api/v1/campaigns', { name: 'pink', destination: 'https://example.com/', design_config: { color: '#f472b6' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'design_unscannable', errors: [{ field: 'body/design_config/color', message: expect.stringContaining('web-based scanners (jsQR) cannot read') }] });
    const c = (await send('POST', '/api/v1/campaigns', { name: 'pink', destination: 'https://example.com/', qr_type: 'dynamic', design_config: { color: '#111827' } })).json() as {
      id: string;
      short_code: string;
    };
    // As an earlier version stored it, when only a luma difference under 90 was refused.
    await t.app.ctx.db
      .updateTable('campaigns')
      .set({ design_config: JSON.stringify({ color: '#f472b6' }) })
      .where('id', '=', c.id)
      .execute();
    const image = await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.png?size=256` });
    expect(image.statusCode).toBe(200);
    // Changing something else keeps the design, and its warning comes along.
    const moved = await send('PUT', `/api/v1/campaigns/${c.id}`, { destination: 'https://example.com/moved' });
    expect(moved.statusCode).toBe(200);
    expect(codes(moved.headers['x-qr-warnings'])).toEqual(['web_scanner_contrast color']);
  });

  it('a save says what depends on the content too: a dense static code, in a campaign and a bulk batch (saves were silent, only the render said it)', async () => {
    const long = `https://example.com/${'x'.repeat(1900)}`;
    const created = await send('POST', '/api/v1/campaigns', { name: 'dense', destination: long, qr_type: 'static' });
    expect(created.statusCode).toBe(201);
    expect(codes(created.headers['x-qr-warnings'])).toEqual(['dense_code content']);
    // The same content as a dynamic code encodes a short link: nothing to say.
    const dynamic = await send('POST', '/api/v1/campaigns', { name: 'short', destination: long, qr_type: 'dynamic' });
    expect(dynamic.headers['x-qr-warnings']).toBeUndefined();
    for (const dryRun of [true, false]) {
      const bulk = await send('POST', '/api/v1/qrs/bulk', { urls: ['https://example.com/a', long], qr_type: 'static', dry_run: dryRun });
      expect(bulk.statusCode).toBe(dryRun ? 200 : 201);
      expect(codes(bulk.headers['x-qr-warnings'])).toEqual(['dense_code content']);
    }
    const shortBulk = await send('POST', '/api/v1/qrs/bulk', { urls: [long], qr_type: 'dynamic', dry_run: true });
    expect(shortBulk.headers['x-qr-warnings']).toBeUndefined();
    // A design valid on its own that a dynamic code's short link cannot carry (a logo too large
    // for its version) is refused before anything is stored: never a saved campaign whose image
    // answers 400, never a 400 after the row is written (a retry would make a duplicate).
    const logo = `data:image/png;base64,${(
      await sharp({ create: { width: 64, height: 64, channels: 3, background: '#123456' } })
        .png()
        .toBuffer()
    ).toString('base64')}`;
    const bigLogo = { logo: { src: logo, size: 0.3 } };
    const count = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns?limit=100', headers: authHeaders(account.apiKey) })).json().data.length as number;
    const stored = await count();
    const big = await send('POST', '/api/v1/campaigns', { name: 'big logo', destination: 'https://example.com/', qr_type: 'dynamic', design_config: bigLogo });
    expect(big.statusCode).toBe(400);
    expect(big.json().code).toBe('design_unscannable');
    expect(big.json().errors[0].field).toMatch(/^body\/design_config/);
    // A morphing code's live image adds a step token (a larger version): a size that version
    // carries is saved and draws; a larger one is refused as the live image would be.
    const morphing = await send('POST', '/api/v1/campaigns', { name: 'morphing', destination: 'https://example.com/', qr_type: 'morphing', design_config: { logo: { src: logo, size: 0.25 } } });
    expect(morphing.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${morphing.json().id}/live.svg`, headers: authHeaders(account.apiKey) })).statusCode).toBe(200);
    const tooBig = await send('PUT', `/api/v1/campaigns/${morphing.json().id}`, { design_config: { logo: { src: logo, size: 0.3 } } });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().code).toBe('design_unscannable');
    expect(
      (await send('POST', '/api/v1/campaigns', { name: 'morphing', destination: 'https://example.com/', qr_type: 'morphing', design_config: { logo: { src: logo, size: 0.3 } } })).statusCode,
    ).toBe(400);
    for (const dryRun of [true, false]) {
      const bulk = await send('POST', '/api/v1/qrs/bulk', { urls: ['https://example.com/a', 'https://example.com/b'], qr_type: 'dynamic', design_config: bigLogo, dry_run: dryRun });
      expect(bulk.statusCode).toBe(400);
      expect(bulk.json().code).toBe('design_unscannable');
    }
    expect(await count()).toBe(stored + 1); // the morphing code that carries its logo
    // The same logo on a dynamic code already saved: the change is refused and the code keeps its design.
    const plain = await send('POST', '/api/v1/campaigns', { name: 'plain', destination: 'https://example.com/', qr_type: 'dynamic' });
    expect(plain.statusCode).toBe(201);
    const change = await send('PUT', `/api/v1/campaigns/${plain.json().id}`, { design_config: bigLogo });
    expect(change.statusCode).toBe(400);
    expect(change.json().code).toBe('design_unscannable');
    const image = await t.app.inject({ method: 'GET', url: `/api/render/${plain.json().short_code}.svg` });
    expect(image.statusCode).toBe(200);
  });

  it('a bulk batch says it once, checked or created (and replayed)', async () => {
    const body = { urls: ['https://example.com/a', 'https://example.com/b'], design_config: { color: '#d946ef' } };
    const checked = await send('POST', '/api/v1/qrs/bulk', { ...body, dry_run: true });
    expect(checked.statusCode).toBe(200);
    expect(codes(checked.headers['x-qr-warnings'])).toEqual(['low_contrast color']);
    const headers = { ...authHeaders(account.apiKey), 'idempotency-key': 'bulk-warnings-1' };
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers, payload: body });
    expect(created.statusCode).toBe(201);
    expect(codes(created.headers['x-qr-warnings'])).toEqual(['low_contrast color']);
    const replayed = await t.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers, payload: body });
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(codes(replayed.headers['x-qr-warnings'])).toEqual(['low_contrast color']);
  });

  it('a template saved with a risky design says so, and a campaign made from it too', async () => {
    const template = await send('POST', '/api/v1/templates', { name: 'orange', design_config: { color: '#ea580c' } });
    expect(template.statusCode).toBe(201);
    expect(codes(template.headers['x-qr-warnings'])).toEqual(['low_contrast color']);
    const campaign = await send('POST', '/api/v1/campaigns', { name: 'from template', destination: 'https://example.com/', template_id: template.json().id });
    expect(codes(campaign.headers['x-qr-warnings'])).toEqual(['low_contrast color']);
    const plain = await send('POST', '/api/v1/templates', { name: 'plain', design_config: {} });
    expect(plain.headers['x-qr-warnings']).toBeUndefined();
  });
});
