// The same SVG must look the same in Chromium as in sharp/librsvg (which makes the PNGs):
// pixel comparison of both rasterisations, and Chromium's rendering must decode too.

import { existsSync } from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { renderSvg } from '../../src/qr/index.ts';
import { renderRgba } from '../helpers/raster.ts';
import { zxingDecode } from '../helpers/decode-qr.ts';
import { makeLogos } from '../helpers/logos.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const URL = 'https://tessera.example/r/8fK2xQ9mZ4';
const PX = 370;

describe.skipIf(!existsSync(CHROMIUM))('SVG renders the same in Chromium and librsvg', () => {
  let browser: Browser;
  let logo: string;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    logo = (await makeLogos()).png;
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('matches pixel for pixel (within anti-aliasing) and decodes', async () => {
    const designs: Record<string, unknown> = {
      'liquid + gradient': {
        shapes: 'liquid',
        eyes: 'circle',
        eye_pupils: 'circle',
        gradient: {
          type: 'linear',
          rotation: 45,
          stops: [
            { offset: 0, color: '#1d4ed8' },
            { offset: 1, color: '#9d174d' },
          ],
        },
      },
      dots: { shapes: 'dots', eyes: 'extra-rounded', eye_pupils: 'diamond' },
      'classy + leaf': { shapes: 'classy-rounded', eyes: 'leaf', eye_pupils: 'rounded', color: '#0f766e' },
      'vertical lines': { shapes: 'vertical-lines', eyes: 'rounded', color: '#00000099' },
      'radial + logo': {
        shapes: 'extra-rounded',
        logo: { src: logo, size: 0.22 },
        gradient: {
          type: 'radial',
          stops: [
            { offset: 0, color: '#b91c1c' },
            { offset: 1, color: '#111' },
          ],
        },
      },
      'frame (code area)': { shapes: 'diamond', frame: { text: 'SCAN ME' } },
    };
    const page = await browser.newPage({ viewport: { width: PX, height: PX * 2 } });
    const report: string[] = [];
    for (const [name, design] of Object.entries(designs)) {
      const r = renderSvg(URL, design, { sizePx: PX });
      await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${r.svg}</body></html>`);
      const shot = await page.screenshot({ clip: { x: 0, y: 0, width: PX, height: PX } });
      const chrome = await sharp(shot).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const rsvg = await renderRgba(r.svg, PX);
      let differing = 0;
      // Only the square code area: a frame caption's font may legitimately differ.
      for (let i = 0; i < PX * PX * 4; i += 4) {
        const d = Math.max(Math.abs(chrome.data[i]! - rsvg.data[i]!), Math.abs(chrome.data[i + 1]! - rsvg.data[i + 1]!), Math.abs(chrome.data[i + 2]! - rsvg.data[i + 2]!));
        if (d > 64) differing++;
      }
      const share = differing / (PX * PX);
      const decoded = await zxingDecode({ data: new Uint8ClampedArray(chrome.data), width: PX, height: PX });
      report.push(`${name}: ${(share * 100).toFixed(2)}% pixels differ, Chromium decodes: ${decoded[0] === URL}`);
      expect(share, name).toBeLessThan(0.01);
      expect(decoded[0], name).toBe(URL);
    }
    console.log(report.join('\n'));
  }, 60_000);
});
