// An SVG logo is markup the caller writes, and librsvg's time on it has no bound: a logo of
// twenty blurred full-size rectangles held a libvips thread for minutes, so one request kept a
// core and the instance's whole raster budget, and graceful shutdown waited for it. A PNG with an
// SVG logo is drawn in a child process given SVG_LOGO_RENDER_TIMEOUT_MS, then refused with 400,
// and that logo is refused at once afterwards.
import sharp from 'sharp';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SVG_LOGO_RENDER_TIMEOUT_MS } from '../../src/modules/render/png.ts';
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
});
