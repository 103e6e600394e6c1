// The eye-shade rule (src/qr/lint-web-scanner.ts) against jsQR itself: eyes lighter than the
// modules, at the lightest shade the lint lets through, read in every sharp size tried; the
// audit's #2563eb, which it refuses, does not. zxing reads both (the rule is jsQR's alone).
import { describe, expect, it } from 'vitest';
import { lintDesign, parseDesign, renderSvg } from '../../src/qr/index.ts';
import { jsqrDecode, zxingDecode } from '../helpers/decode-qr.ts';
import { renderRgba } from '../helpers/raster.ts';

const DATA = 'https://example.com/p?id=123456789';
const SIZES = [400, 600, 800, 1000, 1200, 1400];

async function reads(eyeColor: string): Promise<{ jsqr: number; zxing: number }> {
  const { svg } = renderSvg(DATA, { color: '#000000', eye_color: eyeColor });
  let jsqr = 0;
  let zxing = 0;
  for (const px of SIZES) {
    const image = await renderRgba(svg, px);
    if (jsqrDecode(image) === DATA) jsqr++;
    if ((await zxingDecode(image))[0] === DATA) zxing++;
  }
  return { jsqr, zxing };
}

const allowed = (eyeColor: string) => lintDesign(parseDesign({ color: '#000000', eye_color: eyeColor }).design, { strict: true }).errors.length === 0;

describe('eyes lighter than the modules', () => {
  it('the lightest grey the lint allows reads in jsQR at every size', async () => {
    expect([allowed('#444444'), allowed('#484848')]).toEqual([true, false]);
    expect(await reads('#444444')).toEqual({ jsqr: SIZES.length, zxing: SIZES.length });
  });

  it('#2563eb, refused, is lost by jsQR at some sizes while zxing reads it', async () => {
    expect(allowed('#2563eb')).toBe(false);
    const { jsqr, zxing } = await reads('#2563eb');
    expect(zxing).toBe(SIZES.length);
    expect(jsqr).toBeLessThan(SIZES.length);
  });
});
