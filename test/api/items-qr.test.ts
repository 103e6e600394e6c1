// The item's QR code encodes publicUrl, decodes with real decoders, and spends no view.
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { decodeSvg, jsqrDecode, zxingDecode } from '../helpers/decode-qr.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createItemViaApi, resolveViaApi } from '../helpers/items.ts';

describeDialects('items QR images', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('SVG and PNG encode publicUrl (zxing-wasm and jsQR agree) and spend no view', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1, viewLimit: 1 });
    const svg = await t.app.inject({ method: 'GET', url: `/i/${item.magic}/qr.svg` });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['cache-control']).toBe('no-store');
    expect(svg.headers['content-security-policy']).toContain("default-src 'none'");
    expect(await decodeSvg(svg.body)).toEqual({ zxing: item.publicUrl, jsqr: item.publicUrl });

    const png = await t.app.inject({ method: 'GET', url: `/i/${item.magic}/qr.png?size=300` });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const { data, info } = await sharp(png.rawPayload).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(300);
    const pixels = { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
    expect(await zxingDecode(pixels)).toEqual([item.publicUrl]);
    expect(jsqrDecode(pixels)).toBe(item.publicUrl);

    // The single view is still there.
    expect((await resolveViaApi(t.app, item.magic)).json()).toMatchObject({ viewCount: 1, content: 'x' });
  });

  it('a PNG too small for its modules says so in X-QR-Warnings (64 px went out unwarned), naming the width that reads', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
    const pixels = async (png: Buffer) => {
      const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
    };
    const small = await t.app.inject({ method: 'GET', url: `/i/${item.magic}/qr.png?size=64` });
    expect(small.statusCode).toBe(200);
    const warnings = JSON.parse(String(small.headers['x-qr-warnings'])) as { code: string; field: string; message: string }[];
    expect(warnings).toEqual([expect.objectContaining({ code: 'low_resolution', field: 'size', message: expect.stringMatching(/^64 px gives [\d.]+ px per module; .* use at least \d+ px$/) })]);
    const enough = Number(/use at least (\d+) px/.exec(warnings[0]!.message)![1]);
    const readable = await t.app.inject({ method: 'GET', url: `/i/${item.magic}/qr.png?size=${enough}` });
    expect(readable.headers['x-qr-warnings']).toBeUndefined();
    const read = await pixels(readable.rawPayload);
    expect(await zxingDecode(read)).toEqual([item.publicUrl]);
    expect(jsqrDecode(read)).toBe(item.publicUrl);
  });

  it('unknown items are 404 and bad sizes 400, never 500', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/i/AAAAAAAAAAAAAAAAAAAAAA/qr.svg' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/i/AAAAAAAAAAAAAAAAAAAAAA/qr.png' })).statusCode).toBe(404);
    const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
    for (const size of ['10', '5000', 'big']) {
      const res = await t.app.inject({ method: 'GET', url: `/i/${item.magic}/qr.png?size=${size}` });
      expect(res.statusCode, size).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
  });
});
