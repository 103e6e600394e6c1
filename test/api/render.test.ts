import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { authHeaders, sessionHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { decodeSvg, zxingDecode } from '../helpers/decode-qr.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('POST /api/v1/qrs/render', (dialect) => {
  let t: TestApp;
  let account: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    account = await signUp(t.app);
  });
  afterEach(async () => t.close());

  const render = (payload: unknown, headers: Record<string, string> = authHeaders(account.apiKey)) => t.app.inject({ method: 'POST', url: '/api/v1/qrs/render', headers, payload: payload as object });

  it('needs credentials', async () => {
    const response = await render({ data: 'x' }, {});
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('api_key_missing');
  });

  it('renders a designed SVG that decodes to the data (API key)', async () => {
    const data = 'https://tessera.example/p/ada/launch?ref=qr&lang=日本語';
    const response = await render({ data, design_config: { shapes: 'liquid', eyes: 'circle', color: '#d946ef' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect((await decodeSvg(response.body)).zxing).toBe(data);
  });

  it('renders a PNG at the requested width (session)', async () => {
    const response = await render({ data: 'TESSERA-PNG', format: 'png', size: 256, design_config: { preset: 'sunset' } }, sessionHeaders(account));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    const { data, info } = await sharp(response.rawPayload).flatten({ background: '#fff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(256);
    expect(await zxingDecode({ data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height })).toEqual(['TESSERA-PNG']);
  });

  it('draws an empty frame caption as a border: a square PNG that decodes; an over-long caption is a 400 naming it', async () => {
    const response = await render({ data: 'TESSERA-BORDER', format: 'png', size: 300, design_config: { eyes: 'circle', eye_pupils: 'circle', frame: '' } });
    expect(response.statusCode).toBe(200);
    const { data, info } = await sharp(response.rawPayload).flatten({ background: '#fff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([300, 300]);
    expect(await zxingDecode({ data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height })).toEqual(['TESSERA-BORDER']);
    const tooLong = await render({ data: 'x', design_config: { frame: { text: 'x'.repeat(33) } } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors).toEqual([expect.objectContaining({ field: 'body/design_config/frame.text' })]);
  });

  it('returns lint warnings in a header', async () => {
    const response = await render({ data: 'warn me', design_config: { margin: 2 } });
    expect(response.statusCode).toBe(200);
    const warnings = JSON.parse(String(response.headers['x-qr-warnings']));
    expect(warnings.map((w: { field: string }) => w.field)).toContain('margin');
  });

  it('warns about pixels per module only for pixels: a PNG too small for its modules, not an SVG without a size', async () => {
    const dense = 'https://tessera.example/'.padEnd(1400, 'x');
    const svg = await render({ data: dense });
    expect(svg.statusCode).toBe(200);
    expect(svg.body).not.toMatch(/<svg[^>]* width=/);
    expect(String(svg.headers['x-qr-warnings'] ?? '')).not.toContain('low_resolution');
    const sized = await render({ data: dense, size: 256 });
    expect(sized.body).toMatch(/<svg[^>]* width="256"/);
    expect(JSON.parse(String(sized.headers['x-qr-warnings'])).map((w: { code: string }) => w.code)).toContain('low_resolution');
    const png = await render({ data: dense, format: 'png' });
    expect(png.statusCode).toBe(200);
    const warning = JSON.parse(String(png.headers['x-qr-warnings'])).find((w: { code: string }) => w.code === 'low_resolution');
    expect(warning).toMatchObject({ field: 'size', message: expect.stringMatching(/^512 px gives [\d.]+ px per module; below 4 px per module/) });
  });

  it('refuses keys design_config does not have, naming each where it sits and the key meant (a typo no longer renders plain black)', async () => {
    const response = await render({ data: 'x', design_config: { colour: '#b91c1c', Ā: [], shape: 'dots' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'design_invalid' });
    const errors = response.json().errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field)).toEqual(['body/design_config/colour', 'body/design_config/Ā', 'body/design_config/shape']);
    expect(errors[0]!.message).toMatch(/did you mean "color"\?/);
    expect(errors[2]!.message).toMatch(/did you mean "shapes"\?/);
    expect(errors[1]!.message).not.toMatch(/did you mean/);
  });

  it('refuses unknown shapes listing the allowed ones, and unscannable designs', async () => {
    const shape = await render({ data: 'x', design_config: { shapes: 'blob' } });
    expect(shape.statusCode).toBe(400);
    expect(shape.headers['content-type']).toMatch(/problem\+json/);
    expect(shape.json()).toMatchObject({ code: 'design_invalid', errors: [{ field: 'body/design_config/shapes' }] });
    expect(shape.json().detail).toMatch(/square, dots/);
    const contrast = await render({ data: 'x', design_config: { color: '#eeeeee', background: '#ffffff' } });
    expect(contrast.statusCode).toBe(400);
    expect(contrast.json().code).toBe('design_unscannable');
  });

  it('answers hostile designs with a 400 naming the field, never a 500 (gradient of invalid stops, caption XML cannot carry, logo of 12,000² pixels)', async () => {
    const stops = await render({ data: 'x', format: 'png', design_config: { gradient: { stops: [{ color: 'red' }, { color: 'blue' }] } } });
    expect(stops.statusCode).toBe(400);
    expect(stops.json()).toMatchObject({ code: 'design_invalid', errors: [{ field: 'body/design_config/gradient.stops[0].color' }, { field: 'body/design_config/gradient.stops[1].color' }] });
    const caption = await render({ data: 'x', format: 'png', design_config: { frame: 'A\uffffB' } });
    expect(caption.statusCode).toBe(400);
    expect(caption.json()).toMatchObject({ code: 'design_invalid', errors: [{ field: 'body/design_config/frame.text' }] });
    // A one-colour PNG compresses to almost nothing; its header says how large it decodes.
    const ihdr = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(ihdr);
    ihdr.writeUInt32BE(12_000, 16);
    ihdr.writeUInt32BE(12_000, 20);
    const bomb = await render({ data: 'https://example.com/a-long-enough-link-for-a-logo', format: 'png', design_config: { logo: `data:image/png;base64,${ihdr.toString('base64')}` } });
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json()).toMatchObject({ code: 'design_invalid', errors: [{ field: 'body/design_config/logo.src', message: expect.stringContaining('12,000 × 12,000 pixels') }] });
  });

  it('refuses content over capacity with the capacity stated', async () => {
    const response = await render({ data: 'é'.repeat(3000), design_config: { ecc: 'H' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('content_too_long');
    expect(response.json().detail).toMatch(/holds/);
  });

  it('validates format and size', async () => {
    expect((await render({ data: 'x', format: 'gif' })).json().errors[0].field).toBe('body/format');
    expect((await render({ data: 'x', format: 'png', size: 10 })).json().errors[0].field).toBe('body/size');
    expect((await render({ data: '' })).statusCode).toBe(400);
  });
});
