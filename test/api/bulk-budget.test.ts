// What one bulk request may copy (ADR 0037): the audit's request (1,000 URLs and one design with a
// 250 KB logo) wrote ~250 MB and answered up to 505 MB. Now it is a 400 that says what fits and
// writes nothing, while 1,000 codes with a logo up to the size the message names still work and
// their response stays within the budget. Sizes are asserted in bytes, never in time.
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, expect, it } from 'vitest';
import { BULK_COPY_BUDGET } from '../../src/modules/campaigns/bulk-budget.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { makeLogos } from '../helpers/logos.ts';
import { type Tenant, tenant } from '../helpers/tenants.ts';

const PREFIX = 'data:image/png;base64,';
const urls = Array.from({ length: 1000 }, (_, i) => `https://example.com/t/${i}`);

// A PNG grown to `bytes` by a text chunk before IEND: the same picture (so the same SVG around
// the logo), only a longer data URI.
function padPng(png: Buffer, bytes: number): Buffer {
  const data = Buffer.alloc(bytes - png.length - 12, 0x61);
  const body = Buffer.concat([Buffer.from('tEXt'), Buffer.from('Comment\0'), data.subarray(8)]);
  const chunk = Buffer.alloc(12 + body.length - 4);
  chunk.writeUInt32BE(body.length - 4, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), 4 + body.length);
  const iend = png.length - 12;
  return Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]);
}

/** A 64×64 PNG data URI of at most `chars` characters and more than `chars - 4`. */
async function logoOfLength(chars: number): Promise<string> {
  const png = Buffer.from((await makeLogos()).png.slice(PREFIX.length), 'base64');
  const uri = PREFIX + padPng(png, Math.floor((chars - PREFIX.length) / 4) * 3).toString('base64');
  expect(uri.length).toBeLessThanOrEqual(chars);
  expect(uri.length).toBeGreaterThan(chars - 4);
  return uri;
}

/** The audit's logo: a 250×250 noise PNG, ~250 KB as a data URI, which one code may carry. */
async function noiseLogo(): Promise<string> {
  const png = await sharp(randomBytes(250 * 250 * 3), { raw: { width: 250, height: 250, channels: 3 } })
    .png()
    .toBuffer();
  return PREFIX + png.toString('base64');
}

describeDialects('bulk copy budget', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const bulk = (me: Tenant, payload: unknown, headers: Record<string, string> = {}) =>
    t!.app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: { ...me.headers, ...headers }, payload: payload as Record<string, unknown> });

  async function rows(table: 'campaigns' | 'idempotency_keys'): Promise<number> {
    const count = await t!.app.ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(count.n);
  }

  it("refuses the audit's request (1,000 codes, one 250 KB logo) with what fits, and writes nothing", async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const logo = await noiseLogo();
    expect(logo.length).toBeGreaterThan(240_000);
    const design_config = { logo: { src: logo, size: 0.2 } };
    // Once, the logo is fine.
    const single = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'One', destination: 'https://example.com/one', design_config } });
    expect(single.statusCode).toBe(201);
    for (const [inline, dryRun] of [
      [true, false],
      [false, false],
      [true, true],
    ] as const) {
      const refused = await bulk(me, { urls, qr_type: 'dynamic', inline_svg: inline, dry_run: dryRun, design_config }, dryRun ? {} : { 'idempotency-key': `big-${inline}` });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = refused.json();
      expect(problem.code).toBe('validation_failed');
      expect(problem.detail).toMatch(
        /^1,000 codes would each carry their own copy of the design.* one bulk request may hold at most 48 MiB, so nothing was created\. Use a logo of at most [\d,]+ characters as a data URI \(a file of about [\d.]+ KB; this one has [\d,]+\) for 1,000 codes, or send at most \d+ codes per request\.$/,
      );
      expect(problem.errors).toEqual([{ field: 'body/design_config/logo.src', message: expect.stringMatching(/^is copied into each of the 1,000 codes/) }]);
      // As many codes as the message says fit do fit (checked without creating them).
      const fits = Number(/send at most (\d+) codes/.exec(problem.detail)![1]);
      expect((await bulk(me, { urls: urls.slice(0, fits), inline_svg: inline, dry_run: true, design_config })).statusCode).toBe(200);
      expect((await bulk(me, { urls: urls.slice(0, fits + 1), inline_svg: inline, dry_run: true, design_config })).statusCode).toBe(400);
    }
    // A logo sent as a plain data URI string is named where it is.
    const plain = await bulk(me, { urls, qr_type: 'dynamic', dry_run: true, design_config: { logo } });
    expect([plain.statusCode, plain.json().errors]).toEqual([400, [{ field: 'body/design_config/logo', message: expect.stringMatching(/^is copied into each of the 1,000 codes/) }]]);
    // Only the single campaign exists, and no refused key is remembered.
    expect(await rows('campaigns')).toBe(1);
    expect(await rows('idempotency_keys')).toBe(0);
    // The same key, with the advice taken, creates the batch.
    const fixed = await bulk(me, { urls: urls.slice(0, 10), inline_svg: true, design_config }, { 'idempotency-key': 'big-true' });
    expect(fixed.statusCode).toBe(201);
  });

  it('a 1,000-code batch with a logo of the size the message names works; 4 characters more do not; the response stays within the budget', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const probe = await bulk(me, { urls, inline_svg: true, dry_run: true, design_config: { logo: { src: await logoOfLength(100_000), size: 0.2 } } });
    expect(probe.statusCode).toBe(400);
    const largest = Number(/at most ([\d,]+) characters/.exec(probe.json().detail)![1]!.replaceAll(',', ''));
    // A small logo is what fits 1,000 inline codes: about 18 KB as a file.
    expect(largest).toBeGreaterThan(20_000);
    expect(largest).toBeLessThan(30_000);

    const fitting = await logoOfLength(largest);
    const over = await bulk(me, { urls, inline_svg: true, design_config: { logo: { src: await logoOfLength(largest + 4), size: 0.2 } } });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0].field).toBe('body/design_config/logo.src');
    expect(await rows('campaigns')).toBe(0);

    const made = await bulk(me, { urls, inline_svg: true, design_config: { logo: { src: fitting, size: 0.2 } } }, { 'idempotency-key': 'edge' });
    expect(made.statusCode).toBe(201);
    const body = made.json();
    expect(body.count).toBe(1000);
    expect(body.data[999].design_config.logo.src).toBe(fitting);
    expect(body.data[999].svg).toContain(fitting);
    // The budget holds the copies of design and SVG; the rest of each element (ids, links, name,
    // times) is under 1 KB for these URLs.
    const bytes = made.rawPayload.length;
    expect(bytes).toBeGreaterThan(BULK_COPY_BUDGET * 0.99);
    expect(bytes).toBeLessThanOrEqual(BULK_COPY_BUDGET + 1000 * 1024);
    // What the campaigns hold is within it too.
    const stored = await t.app.ctx.db.selectFrom('campaigns').select('design_config').execute();
    expect(stored.reduce((sum, row) => sum + Buffer.byteLength(row.design_config), 0)).toBeLessThanOrEqual(BULK_COPY_BUDGET / 2);
  });

  it('1,000 codes with a small logo or none work as before, with and without inline SVGs', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const { png } = await makeLogos();
    for (const design_config of [{}, { preset: 'gem' }, { logo: { src: png, size: 0.2 } }]) {
      for (const inline of [false, true]) {
        const made = await bulk(me, { urls, inline_svg: inline, design_config });
        expect(made.statusCode, JSON.stringify(design_config)).toBe(201);
        expect(made.rawPayload.length).toBeLessThan(inline ? 20_000_000 : 2_500_000);
      }
    }
  });

  it("points at the template when a template's logo is the one copied", async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const template = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: me.headers,
      payload: { name: 'Big logo', design_config: { logo: { src: await noiseLogo(), size: 0.2 } } },
    });
    expect(template.statusCode).toBe(201);
    const refused = await bulk(me, { urls, template_id: template.json().id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/Use a template with a logo of at most [\d,]+ characters .* for 1,000 codes, or send at most \d+ codes per request\.$/);
    expect(refused.json().errors).toEqual([{ field: 'body/template_id', message: expect.stringMatching(/^is copied into each of the 1,000 codes/) }]);
    expect(await rows('campaigns')).toBe(0);
  });

  it('bounds inline SVGs without a logo too: 100 long static URLs drawn densely (~700 KB an SVG) say to send fewer or not inline', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const long = urls.slice(0, 100).map((url) => `${url}/${'a'.repeat(1900)}`);
    const refused = await bulk(me, { urls: long, qr_type: 'static', inline_svg: true, design_config: { preset: 'gem' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/\. Send at most \d+ codes per request, or leave out inline_svg and fetch each code's svg_url\.$/);
    expect(refused.json().errors[0].field).toBe('body/design_config');
    expect(await rows('campaigns')).toBe(0);
  });
});
