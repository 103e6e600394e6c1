// An SVG logo is markup the caller writes, and librsvg's time on it has no bound: a logo of
// twenty blurred full-size rectangles held a libvips thread for minutes, so one request kept a
// core and the instance's whole raster budget, and graceful shutdown waited for it. In a PNG the
// logo is drawn alone in a child process given SVG_LOGO_RENDER_TIMEOUT_MS (refused with 400 past
// it, and at once afterwards), and the bitmap it gives is kept for the next PNG of that logo.
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { renderSvg } from '../../src/qr/index.ts';
import { SVG_LOGO_RENDER_TIMEOUT_MS, withSvgLogoDrawn } from '../../src/modules/render/svg-logo.ts';
import { jsqrDecode, zxingDecode } from '../helpers/decode-qr.ts';
import { authHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

const svgLogo = (svg: string) => ({ src: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, size: 0.2 });

// Twenty full-size rectangles through a chain of twenty wide blurs: ~90 bytes a shape, minutes to draw.
const SLOW_LOGO = svgLogo(
  '<svg xmlns="http://www.w3.org/2000/svg" width="2048" height="2048"><defs><filter id="f" x="-50%" y="-50%" width="200%" height="200%">' +
    Array.from({ length: 20 }, (_, i) => `<feGaussianBlur stdDeviation="${50 + i}"/>`).join('') +
    '</filter></defs>' +
    '<rect width="2048" height="2048" filter="url(#f)"/>'.repeat(20) +
    '</svg>',
);
const PLAIN_LOGO = svgLogo('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="4" fill="#c00"/></svg>');
const DATA = 'https://tessera.example/a/longer/path/so/the/logo/fits';

describeDialects('PNG renders with an SVG logo', (dialect) => {
  let t: TestApp;
  let account: TestAccount;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    account = await signUp(t.app);
  });
  afterEach(async () => t.close());

  const render = (logo: object, size: number) =>
    t.app.inject({ method: 'POST', url: '/api/v1/qrs/render', headers: authHeaders(account.apiKey), payload: { data: DATA, format: 'png', size, design_config: { logo } } });

  it('a logo that takes too long to draw is refused in bounded time, and PNGs go on being drawn', async () => {
    const started = Date.now();
    const slow = await render(SLOW_LOGO, 4096);
    expect(Date.now() - started).toBeLessThan(SVG_LOGO_RENDER_TIMEOUT_MS + 8_000);
    expect(slow.statusCode).toBe(400);
    expect(slow.json().code).toBe('design_invalid');
    expect(slow.json().errors).toEqual([{ field: 'logo', message: expect.stringContaining('PNG logo') }]);

    // Asked again (a stored design at its public URL), it is refused without drawing it again.
    const again = Date.now();
    expect((await render(SLOW_LOGO, 4096)).json().code).toBe('design_invalid');
    expect(Date.now() - again).toBeLessThan(SVG_LOGO_RENDER_TIMEOUT_MS / 2);

    const plain = await render(PLAIN_LOGO, 300);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('image/png');
    expect((await sharp(plain.rawPayload).metadata()).width).toBe(300);
  }, 40_000);

  it('draws the logo once a size, as a bitmap in its box: the code still shows it and scans, and the next PNG needs no child', async () => {
    const { svg } = renderSvg(DATA, { logo: PLAIN_LOGO, ecc: 'H' });
    const scale = 600 / Number(/viewBox="0 0 ([\d.]+)/.exec(svg)![1]);
    const first = await withSvgLogoDrawn(svg, scale);
    expect(first).not.toContain('data:image/svg+xml');
    expect(first).toMatch(/<image xlink:href="data:image\/png;base64,[^"]+" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" preserveAspectRatio="xMidYMid meet"\/>/);
    // Everything but the logo's address is as the engine drew it.
    const outside = (text: string) => text.replace(/xlink:href="[^"]*"/, '');
    expect(outside(first)).toBe(outside(svg));
    // The same logo at the same scale is the same bitmap, kept: no child, well under a child's start.
    const again = performance.now();
    expect(await withSvgLogoDrawn(svg, scale)).toBe(first);
    expect(performance.now() - again).toBeLessThan(100);

    const png = await render(PLAIN_LOGO, 600);
    expect(png.statusCode).toBe(200);
    const { data, info } = await sharp(png.rawPayload).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const pixels = { data: new Uint8ClampedArray(data), width: info.width, height: info.height };
    expect(await zxingDecode(pixels)).toEqual([DATA]);
    expect(jsqrDecode(pixels)).toBe(DATA);
    // The logo's red circle sits in the middle of the code.
    const middle = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * 4;
    expect([data[middle], data[middle + 1], data[middle + 2]]).toEqual([0xcc, 0, 0]);
  }, 30_000);
});
