// Hostile or careless design_config input the outside audit sent: every one is refused with the
// field named, never a crash (a TypeError became a 500), never an SVG that is not XML, never a
// logo that costs seconds and hundreds of megabytes to decode. Designs stored before these rules
// keep rendering (`unknownKeys: 'warn'` is how stored designs are read).
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { lintDesign, parseDesign, QrDesignError, renderSvg } from '../../src/qr/index.ts';
import { jpegComplete, jpegSize, LOGO_MAX_SIDE, pngComplete, pngSize } from '../../src/qr/logo-source.ts';
import { renderPng } from '../../src/modules/render/index.ts';
import { decodeSvg } from '../helpers/decode-qr.ts';

const fresh = (design: unknown) => parseDesign(design, { unknownKeys: 'refuse' });

function refusal(design: unknown): QrDesignError {
  try {
    fresh(design);
  } catch (error) {
    if (error instanceof QrDesignError) return error;
    throw error;
  }
  throw new Error('expected a QrDesignError');
}

/** The first bytes of a PNG claiming `width` × `height` (IHDR only: enough for a header check, not an image). */
function pngHeader(width: number, height: number): string {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  b.set([8, 0, 0, 0, 0], 24);
  return Buffer.from(b).toString('base64');
}

/** A whole image of one colour, as a logo would be sent: base64. */
async function solid(width: number, height: number, format: 'png' | 'jpeg'): Promise<string> {
  const image = sharp({ create: { width, height, channels: 3, background: '#123456' } });
  return (await (format === 'png' ? image.png() : image.jpeg()).toBuffer()).toString('base64');
}

/** A JPEG start with an APP0 segment, then a SOF0 claiming `width` × `height`. */
function jpegHeader(width: number, height: number): string {
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0, 11, 8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof0]).toString('base64');
}

describe('refused with the field named', () => {
  it('a gradient whose every stop is invalid (it crashed picking the frame colour)', () => {
    const error = refusal({ gradient: { stops: [{ color: 'red' }, { color: 'blue' }] } });
    expect(error.details.map((d) => d.field)).toEqual(['gradient.stops[0].color', 'gradient.stops[1].color']);
    expect(
      refusal({
        gradient: {
          stops: [
            { offset: 2, color: '#000000' },
            { offset: -1, color: '#111111' },
          ],
        },
      }).details.map((d) => d.field),
    ).toEqual(['gradient.stops[0].offset', 'gradient.stops[1].offset']);
    expect(refusal({ gradient: { stops: [1, 2] } }).details.map((d) => d.field)).toEqual(['gradient.stops[0]', 'gradient.stops[1]']);
  });

  it.each([
    ['U+FFFF', 'A\uffffB'],
    ['U+FFFE', 'A\ufffeB'],
    ['a C1 control', 'A\u0085B'],
    ['a line separator', 'A\u2028B'],
    ['a lone surrogate', 'A\ud800B'],
    ['a tab', 'A\tB'],
  ])('a caption holding %s', (_what, text) => {
    const error = refusal({ frame: { text } });
    expect(error.details).toEqual([{ field: 'frame.text', message: 'frame.text must be a single line of at most 32 printable characters' }]);
  });

  it.each([
    ['a right-to-left override', '\u202eevil'],
    ['a left-to-right embedding', 'A\u202aB'],
    ['a first-strong isolate', 'A\u2068B\u2069'],
  ])('a caption holding %s (it would print reordered)', (_what, text) => {
    const error = refusal({ frame: { text } });
    expect(error.details).toEqual([{ field: 'frame.text', message: expect.stringContaining('must not hold invisible direction controls') }]);
  });

  it.each([
    ['an emoji', '🎉 Scan me'],
    ['a ZWJ family', 'Scan 👨‍👩‍👧'],
    ['a flag', 'Scan 🇨🇭'],
    ['a symbol asked to show as emoji', 'Call ☎\ufe0f'],
  ])('a caption holding %s (PNGs draw it as an empty box)', (_what, text) => {
    const error = refusal({ frame: { text } });
    expect(error.details).toEqual([{ field: 'frame.text', message: expect.stringContaining('must not hold emoji') }]);
  });

  it('symbols with a text glyph in the caption font pass: ©, ™, ☎, →, ⚡, ☕, ♿ and accented letters', () => {
    for (const text of ['© Café 2026™', 'Call ☎ →', 'Ｗｉ-Ｆｉ 二维码', '⚡ Fast ☕ ♿']) expect(() => fresh({ frame: { text } })).not.toThrow();
  });

  it('a stored design with an emoji caption still renders (the rule holds new designs only)', () => {
    expect(renderSvg('https://example.com/', { frame: { text: '🎉 Scan me' } }).svg).toContain('🎉 Scan me');
  });

  it('a right-to-left caption needs no direction control: Hebrew, Arabic and a right-to-left mark pass', () => {
    for (const text of ['סרקו אותי', 'امسح الرمز', 'A\u200fB']) expect(() => fresh({ frame: { text } })).not.toThrow();
  });

  it('a logo URI holding control characters, or parameters that are not tokens', () => {
    expect(refusal({ logo: 'data:image/svg+xml,<svg>\u0001</svg>' }).details[0]).toMatchObject({ field: 'logo.src', message: expect.stringContaining('control characters') });
    expect(refusal({ logo: `data:image/png;x\u0001y;base64,${pngHeader(64, 64)}` }).details[0]!.message).toContain('control characters');
  });

  it('a PNG or JPEG logo larger than LOGO_MAX_SIDE a side, or one whose header does not read', async () => {
    const big = refusal({ logo: `data:image/png;base64,${pngHeader(12_000, 12_000)}` });
    expect(big.details).toEqual([
      { field: 'logo.src', message: `logo.src: the image (PNG) is 12,000 × 12,000 pixels; at most 2,048 on each side (a logo is drawn at most ~1,230 px wide): scale it down` },
    ]);
    expect(refusal({ logo: `data:image/jpeg;base64,${jpegHeader(5000, 100)}` }).details[0]!.message).toContain('the image (JPEG) is 5,000 × 100 pixels');
    expect(refusal({ logo: 'data:image/png;base64,iVBORw0KGgoAAAA' }).details[0]!.message).toContain('cannot be read: its header is missing or damaged');
    expect(() => fresh({ logo: `data:image/png;base64,${pngHeader(LOGO_MAX_SIDE, 512)}` })).toThrow(/cut off/);
    const [png, jpeg] = await Promise.all([solid(LOGO_MAX_SIDE, 512, 'png'), solid(LOGO_MAX_SIDE, LOGO_MAX_SIDE, 'jpeg')]);
    expect(() => fresh({ logo: `data:image/png;base64,${png}` })).not.toThrow();
    expect(() => fresh({ logo: `data:image/jpeg;base64,${jpeg}` })).not.toThrow();
  });

  it('a PNG or JPEG logo cut off before its end (it drew as an empty square)', async () => {
    for (const format of ['png', 'jpeg'] as const) {
      const whole = Buffer.from(await solid(300, 120, format), 'base64');
      const mime = `image/${format}`;
      expect(() => fresh({ logo: `data:${mime};base64,${whole.toString('base64')}` })).not.toThrow();
      for (const keep of [0.5, 0.9]) {
        const cut = whole.subarray(0, Math.floor(whole.length * keep)).toString('base64');
        expect(refusal({ logo: `data:${mime};base64,${cut}` }).details[0]).toEqual({
          field: 'logo.src',
          message: `logo.src: the image (${format.toUpperCase()}) is cut off before its end and would draw as an empty square; send the whole file (was the base64 text copied in full?)`,
        });
      }
      // Bytes after the end (a camera's trailer, padding) are no harm.
      expect(() => fresh({ logo: `data:${mime};base64,${Buffer.concat([whole, Buffer.alloc(40, 7)]).toString('base64')}` })).not.toThrow();
    }
    // A stored design keeps its logo as saved.
    const stored = `data:image/png;base64,${pngHeader(64, 64)}`;
    expect(parseDesign({ logo: stored }).design.logo).toEqual({ src: stored, size: 0.2 });
  });

  it('an SVG logo embedding an oversized or cut-off raster, base64 or percent-encoded', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="data:image/png;base64,${pngHeader(4000, 10)}" width="10" height="10"/></svg>`;
    expect(refusal({ logo: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }).details[0]!.message).toContain('an image the SVG embeds (PNG) is 4,000 × 10 pixels');
    expect(refusal({ logo: `data:image/svg+xml,${encodeURIComponent(svg)}` }).details[0]!.field).toBe('logo.src');
    const small = svg.replace(pngHeader(4000, 10), await solid(100, 10, 'png'));
    expect(() => fresh({ logo: `data:image/svg+xml,${encodeURIComponent(small)}` })).not.toThrow();
    // Illustrator wraps embedded base64 with character references: read whole, not cut off at the first.
    const whole = await solid(100, 10, 'png');
    const wrapped = svg.replace(pngHeader(4000, 10), whole.replace(/(.{76})/g, '$1&#xA;'));
    expect(wrapped).toContain('&#xA;');
    expect(() => fresh({ logo: `data:image/svg+xml,${encodeURIComponent(wrapped)}` })).not.toThrow();
    const cut = svg.replace(pngHeader(4000, 10), pngHeader(100, 10));
    expect(refusal({ logo: `data:image/svg+xml,${encodeURIComponent(cut)}` }).details[0]!.message).toContain('an image the SVG embeds (PNG) is cut off');
  });

  it('a key gradient, a stop, logo or frame does not have (gradient.angle was ignored: no rotation, no word)', async () => {
    const error = refusal({
      gradient: { angle: 45, stops: [{ colour: '#000000' }, { color: '#111111', position: 1 }] },
      frame: { text: 'SCAN', text_colour: '#ffffff' },
    });
    expect(error.details.map((d) => [d.field, /did you mean "(\w+)"/.exec(d.message)?.[1]])).toEqual([
      ['gradient.angle', 'rotation'],
      ['gradient.stops[0].colour', 'color'],
      ['gradient.stops[0].color', undefined],
      ['gradient.stops[1].position', 'offset'],
      ['frame.text_colour', 'text_color'],
    ]);
    expect(refusal({ logo: { src: `data:image/png;base64,${await solid(64, 64, 'png')}`, width: 0.2 } }).details[0]).toMatchObject({ field: 'logo.width' });
    // A stored design keeps rendering: the nested key is ignored, as before.
    expect(() => parseDesign({ gradient: { angle: 45, stops: [{ color: '#000000' }, { color: '#111111' }] } })).not.toThrow();
  });

  it('an unknown key named like an inherited property gets no "did you mean undefined"', () => {
    const { message } = refusal({ constructor: 1 });
    expect(message).not.toContain('undefined');
    expect(message).toMatch(/^"constructor" is not a design_config key; known keys: /);
  });
});

describe('logo image headers', () => {
  it('read the sizes sharp writes', async () => {
    const png = await sharp({ create: { width: 300, height: 120, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const jpeg = await sharp({ create: { width: 300, height: 120, channels: 3, background: '#123456' } })
      .jpeg()
      .toBuffer();
    expect(pngSize(new Uint8Array(png))).toEqual({ width: 300, height: 120 });
    expect(jpegSize(new Uint8Array(jpeg))).toEqual({ width: 300, height: 120 });
    expect([pngComplete(new Uint8Array(png)), jpegComplete(new Uint8Array(jpeg))]).toEqual([true, true]);
    expect([pngComplete(new Uint8Array(png.subarray(0, -1))), jpegComplete(new Uint8Array(jpeg.subarray(0, -1)))]).toEqual([false, false]);
    expect(() => fresh({ logo: `data:image/png;base64,${png.toString('base64')}` })).not.toThrow();
  });
});

describe('a design stored before these rules', () => {
  it('keeps a logo whose data URI parameters are not tokens (refused only when new)', () => {
    const logo = `data:image/png;name=my logo.png;base64,${pngHeader(64, 64)}`;
    expect(refusal({ logo }).details[0]).toMatchObject({ field: 'logo.src', message: expect.stringContaining('parameters that are not plain tokens') });
    expect(parseDesign({ logo }).design.logo).toEqual({ src: logo, size: 0.2 });
  });

  it('still renders, without what XML cannot carry, and the PNG decodes', async () => {
    const stored = { frame: { text: 'SCAN\uffffME' }, eyes: 'circle' };
    const { svg } = renderSvg('https://example.com/legacy', stored);
    expect(svg).not.toMatch(/[\ufffe\uffff]/);
    expect(svg).toContain('>SCANME<');
    expect((await decodeSvg(svg)).zxing).toBe('https://example.com/legacy');
    await expect(renderPng(svg, 400)).resolves.toBeInstanceOf(Buffer);
  });
});

describe('lint', () => {
  it('warns about a background made transparent by its alpha, like the keyword', () => {
    const codes = (background: string) => lintDesign(parseDesign({ background }).design).warnings.filter((w) => w.code === 'transparent_background');
    expect(codes('#ffffff00')).toEqual([expect.objectContaining({ field: 'background', message: expect.stringMatching(/^transparent background: /) })]);
    expect(codes('#ffffff80')[0]!.message).toMatch(/^background at 50 % opacity: /);
    expect(codes('#ffffff')).toEqual([]);
  });
});
