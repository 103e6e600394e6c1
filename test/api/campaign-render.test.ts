import { afterEach, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { decodeQr } from '../helpers/scan-image.ts';
import { tenant } from '../helpers/tenants.ts';

describeDialects('render', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function campaign(headers: Record<string, string>, payload: Record<string, unknown>) {
    const response = await t!.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'c', destination: 'https://example.com/landing', ...payload } });
    return response.json() as { id: string; short_code: string; svg_url: string; png_url: string };
  }

  it('a dynamic code renders as an SVG that decodes to its short link, with an ETag', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const c = await campaign(me.headers, { qr_type: 'dynamic' });
    const response = await t.app.inject({ method: 'GET', url: new URL(c.svg_url).pathname });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(await decodeQr(response.body)).toEqual([`http://tessera.test/${c.short_code}`]);
    const etag = response.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.svg`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('refuses a design_config key it does not know (did you mean …), yet a design stored with one before that still renders', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const typo = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: me.headers,
      payload: { name: 'c', destination: 'https://example.com/', design_config: { colour: '#b91c1c' } },
    });
    expect(typo.statusCode).toBe(400);
    expect(typo.json()).toMatchObject({ code: 'design_invalid', errors: [{ field: 'body/design_config/colour', message: expect.stringContaining('did you mean "color"?') }] });
    const c = await campaign(me.headers, { qr_type: 'dynamic', design_config: { color: '#1e293b' } });
    // As an earlier version stored it (unknown keys were accepted then).
    await t.app.ctx.db
      .updateTable('campaigns')
      .set({ design_config: JSON.stringify({ color: '#1e293b', colour: '#b91c1c' }) })
      .where('id', '=', c.id)
      .execute();
    const response = await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.svg` });
    expect(response.statusCode).toBe(200);
    expect(await decodeQr(response.body)).toEqual([`http://tessera.test/${c.short_code}`]);
  });

  it('refuses a caption XML cannot carry, yet a design stored with one before still renders as a PNG that decodes', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: me.headers,
      payload: { name: 'c', destination: 'https://example.com/', design_config: { frame: 'SCAN\uffffME' } },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'design_invalid', errors: [{ field: 'body/design_config/frame.text' }] });
    const c = await campaign(me.headers, { qr_type: 'dynamic' });
    // As an earlier version stored it: every such fetch was a 500 (librsvg: XML parse error).
    await t.app.ctx.db
      .updateTable('campaigns')
      .set({ design_config: JSON.stringify({ frame: 'SCAN\uffffME' }) })
      .where('id', '=', c.id)
      .execute();
    const png = await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.png?size=400` });
    expect(png.statusCode).toBe(200);
    expect(await decodeQr(png.rawPayload)).toEqual([`http://tessera.test/${c.short_code}`]);
  });

  it('a static code renders as a PNG of the requested size that decodes to its destination', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const c = await campaign(me.headers, { qr_type: 'static' });
    const response = await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.png?size=300` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    const meta = await sharp(response.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([300, 300]);
    expect(await decodeQr(response.rawPayload)).toEqual(['https://example.com/landing']);
    const small = await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.png?size=300` });
    expect(small.headers.etag).toBe(response.headers.etag);
    const other = await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.png?size=600` });
    expect(other.headers.etag).not.toBe(response.headers.etag);
    // What the lint says of the code at the size asked, as the render API says it: nothing here,
    // and too few pixels a module at 64 px (no decoder read such an image; the header was never sent).
    expect(response.headers['x-qr-warnings']).toBeUndefined();
    const tiny = await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.png?size=64` });
    expect(tiny.statusCode).toBe(200);
    expect(JSON.parse(String(tiny.headers['x-qr-warnings']))).toEqual([expect.objectContaining({ code: 'low_resolution', field: 'size' })]);
  });

  it('an SVG asked with ?size=N carries width and height (a caption frame makes it taller), without one it scales to its box', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const plain = await campaign(me.headers, { qr_type: 'dynamic' });
    const bare = await t.app.inject({ method: 'GET', url: `/api/render/${plain.short_code}.svg` });
    expect(bare.body).not.toMatch(/<svg[^>]* width=/);
    const sized = await t.app.inject({ method: 'GET', url: `/api/render/${plain.short_code}.svg?size=1024` });
    expect(sized.statusCode).toBe(200);
    expect(sized.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(sized.body).toMatch(/^<svg[^>]* viewBox="0 0 (\d+) \1" width="1024" height="1024"/);
    expect(sized.headers.etag).not.toBe(bare.headers.etag);
    expect(await decodeQr(sized.body)).toEqual([`http://tessera.test/${plain.short_code}`]);
    // A PNG without ?size= is the default width, and shares that size's cached copy.
    const png = await t.app.inject({ method: 'GET', url: `/api/render/${plain.short_code}.png` });
    expect((await sharp(png.rawPayload).metadata()).width).toBe(512);
    expect((await t.app.inject({ method: 'GET', url: `/api/render/${plain.short_code}.png?size=512` })).headers.etag).toBe(png.headers.etag);

    const framed = await campaign(me.headers, { qr_type: 'dynamic', design_config: { frame: 'SCAN ME' } });
    const tall = await t.app.inject({ method: 'GET', url: `/api/render/${framed.short_code}.svg?size=600` });
    const [, w, h] = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(tall.body) ?? [];
    expect(Number(w)).toBe(600);
    expect(Number(h)).toBeGreaterThan(600);
    expect((await t.app.inject({ method: 'GET', url: `/api/render/${plain.short_code}.svg?size=32` })).statusCode).toBe(400);
  });

  it('a changed destination of a static code changes the image and its ETag', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const c = await campaign(me.headers, { qr_type: 'static' });
    const before = await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.svg` });
    await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${c.id}`, headers: me.headers, payload: { destination: 'https://example.org/new' } });
    const after = await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.svg`, headers: { 'if-none-match': before.headers.etag as string } });
    expect(after.statusCode).toBe(200);
    expect(await decodeQr(after.body)).toEqual(['https://example.org/new']);
  });

  it('unknown → 404, archived → 410, bad size or path → 4xx', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const c = await campaign(me.headers, {});
    expect((await t.app.inject({ method: 'GET', url: '/api/render/Zz9Zz9Z.svg' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.gif` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.png?size=10` })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.png?size=99999` })).statusCode).toBe(400);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${c.id}`, headers: me.headers });
    const gone = await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.svg` });
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('gone');
  });

  it('draws the saved design (seed design_config) and still decodes', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const c = await campaign(me.headers, { design_config: { shapes: 'liquid', eyes: 'circle', color: '#d946ef' } });
    const svg = (await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.svg` })).body;
    expect(svg.toLowerCase()).toContain('#d946ef');
    expect(await decodeQr(svg)).toEqual([`http://tessera.test/${c.short_code}`]);
    const png = await t.app.inject({ method: 'GET', url: `/api/render/${c.short_code}.png?size=512` });
    expect(png.headers['content-type']).toBe('image/png');
    expect((await sharp(png.rawPayload).metadata()).width).toBe(512);
    // 512 px is the default size: circle eyes once failed to decode exactly there.
    expect(await decodeQr(png.rawPayload)).toEqual([`http://tessera.test/${c.short_code}`]);
  });
});
