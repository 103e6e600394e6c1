import { describe, it, expect } from 'vitest';
import sharp from 'sharp';
import { QrCapacityError, QrDesignError, encodeQr, renderSvg, renderTerminal } from '../../src/qr/index.ts';
import { renderPng } from '../../src/modules/render/index.ts';
import { renderQrPng } from '../helpers/raster.ts';
import { makeLogos } from '../helpers/logos.ts';

const URL = 'https://tessera.example/r/8fK2xQ9mZ4';

describe('SVG output', () => {
  it('merges modules into a handful of paths; liquid v3 stays under 8 KB', () => {
    const r = renderSvg('https://tessera.example/r/abc123xyz', { shapes: 'liquid', eyes: 'circle', eye_pupils: 'circle' });
    expect(r.version).toBe(3);
    expect(r.svg.length).toBeLessThan(8 * 1024);
    expect(r.svg.match(/<path/g)!.length).toBe(3);
  });

  it('draws an empty caption as a border alone: a square canvas, one module around the quiet zone', () => {
    const plain = renderSvg(URL, {});
    const bordered = renderSvg(URL, { frame: { text: '' } });
    const captioned = renderSvg(URL, { frame: { text: 'SCAN ME' } });
    expect([bordered.width, bordered.height]).toEqual([plain.width + 2, plain.width + 2]);
    expect(captioned.height).toBe(plain.width + 6);
    expect(bordered.svg).not.toContain('<text');
    expect(bordered.svg).toContain(`<g transform="translate(${plain.design.margin + 1} ${plain.design.margin + 1})">`);
  });

  it('escapes the frame caption and embeds SVG logos only as <image> data URIs', async () => {
    const logos = await makeLogos();
    const { svg } = renderSvg(URL, { frame: { text: '<script>alert("x")</script>&' }, logo: { src: logos.svg, size: 0.2 } });
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
    expect(svg).toMatch(/<image xlink:href="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(svg.match(/<svg/g)!.length).toBe(1); // the logo's markup is never inlined
  });

  it('references logos with xlink:href, declared, so SVG 1.1 editors show them; librsvg draws every type', async () => {
    const logos = await makeLogos();
    expect(renderSvg(URL, {}).svg).not.toContain('xmlns:xlink');
    for (const src of [logos.png, logos.jpeg, logos.svg]) {
      const { svg } = renderSvg(URL, { logo: { src, size: 0.2 } });
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" xmlns:xlink="http:\/\/www\.w3\.org\/1999\/xlink" /);
      expect(svg).not.toContain('<image href=');
      // The logo is a red disc: librsvg (the PNG route's rasteriser) draws it from the xlink reference.
      const { data, info } = await sharp(await renderPng(svg, 300))
        .raw()
        .toBuffer({ resolveWithObject: true });
      let red = 0;
      for (let i = 0; i < data.length; i += info.channels) if (data[i]! > 180 && data[i + 1]! < 90 && data[i + 2]! < 120) red++;
      expect(red).toBeGreaterThan(200);
    }
  });

  it('is well-formed enough for librsvg to rasterise every shape', async () => {
    for (const shapes of ['square', 'dots', 'liquid', 'vertical-lines', 'horizontal-lines', 'diamond', 'classy-rounded']) {
      const { svg } = renderSvg(URL, {
        shapes,
        gradient: {
          type: 'linear',
          rotation: 30,
          stops: [
            { offset: 0, color: '#123' },
            { offset: 1, color: '#345' },
          ],
        },
      });
      const meta = await sharp(Buffer.from(svg)).metadata();
      expect(meta.format).toBe('svg');
    }
  });

  it('adds pixel dimensions only when asked', () => {
    expect(renderSvg(URL).svg).not.toMatch(/<svg[^>]* width="/);
    expect(renderSvg(URL, {}, { sizePx: 300 }).svg).toMatch(/<svg[^>]* width="300" height="300"/);
  });

  it('honours minVersion', () => {
    expect(renderSvg('hi', {}, { minVersion: 5 }).version).toBe(5);
  });
});

describe('PNG output', () => {
  it('rasterises at the requested width', async () => {
    const png = await renderPng(renderSvg(URL).svg, 512);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 512, 512]);
  });

  it('keeps the frame aspect ratio', async () => {
    const r = renderSvg(URL, { frame: 'SCAN ME' });
    const meta = await sharp(await renderPng(r.svg, 400)).metadata();
    expect(meta.height).toBe(Math.round((400 * r.height) / r.width));
  });

  it('fits a caption of 32 full-width letters inside its band (they are an em wide, not 0.62)', async () => {
    const r = renderSvg(URL, { frame: { text: 'Ｗ'.repeat(32) } });
    const size = 600;
    const scale = size / r.width;
    const { data, info } = await sharp(await renderPng(r.svg, size))
      .extract({ left: 0, top: Math.ceil((r.height - 5) * scale), width: size, height: Math.floor(4 * scale) })
      .flatten({ background: '#000' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    // The caption is white on the black band: none of it in the band's outer module on either side.
    let edgeInk = 0;
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) if ((x < scale || x >= info.width - scale) && data[y * info.width + x]! > 128) edgeInk++;
    }
    expect(edgeInk).toBe(0);
  });

  it('renders text + design in one call', async () => {
    const r = await renderQrPng(URL, { preset: 'dots' }, 256);
    expect(r.version).toBe(3);
    expect((await sharp(r.png).metadata()).width).toBe(256);
  });

  it('bounds-checks the size', async () => {
    await expect(renderPng(renderSvg(URL).svg, 10)).rejects.toBeInstanceOf(QrDesignError);
    await expect(renderPng(renderSvg(URL).svg, 5000)).rejects.toThrow(/64 to 4096/);
  });
});

describe('terminal output', () => {
  it('round-trips the module matrix through half blocks', () => {
    const qr = encodeQr(URL);
    const out = renderTerminal(URL, { ansi: false, margin: 2, invert: true });
    const lines = out.split('\n').slice(0, -1);
    const n = qr.size + 4;
    expect(lines.length).toBe(Math.ceil(n / 2));
    for (let y = 0; y < qr.size; y++) {
      for (let x = 0; x < qr.size; x++) {
        const row = y + 2;
        const ch = [...lines[row >> 1]!][x + 2]!;
        const filled = row % 2 === 0 ? ch === '▀' || ch === '█' : ch === '▄' || ch === '█';
        expect(filled).toBe(qr.modules[y * qr.size + x] === 1);
      }
    }
  });

  it('uses explicit black-on-white colours by default', () => {
    const out = renderTerminal('hi');
    expect(out).toContain('\u001b[');
    expect(out).toContain('▀');
  });
});

describe('capacity errors', () => {
  it('states the capacity and suggests a lower level or a dynamic code', () => {
    const text = 'x'.repeat(2000);
    let err: unknown;
    try {
      encodeQr(text, { ecc: 'H' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QrCapacityError);
    expect((err as QrCapacityError).code).toBe('content_too_long');
    expect((err as QrCapacityError).message).toBe('content is 2,000 bytes; version 40 at ECC H holds 1,273 bytes — use ECC L (2,953) or M (2,331) or a dynamic code');
  });

  it('suggests a dynamic code when no level fits', () => {
    expect(() => encodeQr('9'.repeat(8000), { ecc: 'L' })).toThrow('content is 8,000 digits; version 40 at ECC L holds 7,089 digits — shorten it or use a dynamic code (a short redirect URL)');
  });

  it('validates encoder options', () => {
    expect(() => encodeQr('x', { mask: 9 })).toThrow(/mask must be an integer 0–7/);
    expect(() => encodeQr('x', { version: 41 })).toThrow(/version must be an integer 1–40/);
    expect(encodeQr('x', { mask: 5 }).mask).toBe(5);
  });
});

describe('PNG of an SVG with pixel dimensions', () => {
  it('still comes out at the requested width', async () => {
    const meta = await sharp(await renderPng(renderSvg(URL, {}, { sizePx: 1000 }).svg, 256)).metadata();
    expect(meta.width).toBe(256);
  });
});

describe('capacity with a logo', () => {
  it('does not suggest lower ECC levels when a logo forces H', () => {
    const logo = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    expect(() => renderSvg('x'.repeat(2000), { logo })).toThrow('content is 2,000 bytes; version 40 at ECC H holds 1,273 bytes — a logo needs ECC H: remove the logo or use a dynamic code');
  });
});
