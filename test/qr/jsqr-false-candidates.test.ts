// jsQR picks its three finders and its alignment pattern by squared run errors in pixels, so a
// centre that strays from 1:1:3:1:1 (finders) or 1:1:1 (alignment patterns) loses, from some
// pixel size on, to a small finder-like cluster of data modules (docs/qr-design-robustness.md,
// "Diamond pupils, alignment centres and jsQR's false candidates"). Sharp renders, no warning
// given, every one of these missed before; zxing read them all.

import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/qr/index.ts';
import { jsqrDecode, zxingDecode } from '../helpers/decode-qr.ts';
import { renderRgba } from '../helpers/raster.ts';

const cases: { name: string; text: string; design: Record<string, unknown>; sizes: number[] }[] = [
  {
    // Finders outscored at 400 px, a lone diamond module taken for the alignment pattern from 1,200.
    name: 'gem preset, version 6',
    text: 'https://shop.example.org/c/summer-sale-2026/landing?utm_source=qr&utm_medium=print&utm_campaign=fair',
    design: { preset: 'gem' },
    sizes: [400, 1200, 1300, 1350, 1500, 1550],
  },
  {
    // The square alignment centre in the leaf's hole: a point off its centre scored better.
    name: 'classy / leaf / square, ECC Q, version 2',
    text: 'https://ex.com/',
    design: { shapes: 'classy', eyes: 'leaf', eye_pupils: 'square', ecc: 'Q', color: '#1e293b' },
    sizes: [264, 376, 536, 600, 632, 648, 696, 776, 792, 920],
  },
  {
    // A diamond pupil redrawn in extra-rounded frames, outscored by clusters of dots or lines.
    name: 'dots / leaf (→ extra-rounded) / diamond, ECC Q, version 7',
    text: 'https://ex.com/zbcixgyal9tv85t1uuu48j4bm9ma2cdx29clnxgnn738uyql90e82ohmwaqh989oo',
    design: { shapes: 'dots', eyes: 'leaf', eye_pupils: 'diamond', ecc: 'Q' },
    sizes: [400],
  },
  {
    name: 'vertical-lines / extra-rounded / diamond, ECC Q, version 13',
    text: `https://example.org/very/long/path/${'abcdefghij'.repeat(18)}?q=1`,
    design: { shapes: 'vertical-lines', eyes: 'extra-rounded', eye_pupils: 'diamond', ecc: 'Q', color: '#1e293b' },
    sizes: [1000, 1200, 1400],
  },
  {
    name: 'diamond / circle / diamond, ECC Q, version 7',
    text: 'https://ex.com/zbcixgyal9tv85t1uuu48j4bm9ma2cdx29clnxgnn738uyql90e82ohmwaqh989oo',
    design: { shapes: 'diamond', eyes: 'circle', eye_pupils: 'diamond', ecc: 'Q', color: '#1e293b' },
    sizes: [700, 850, 1100, 1300],
  },
];

describe('jsQR finds the real finders and alignment pattern in sharp renders', () => {
  for (const { name, text, design, sizes } of cases) {
    it(name, async () => {
      const { svg } = renderSvg(text, design);
      const missed: number[] = [];
      for (const px of sizes) {
        const img = await renderRgba(svg, px);
        if (jsqrDecode(img) !== text) missed.push(px);
        expect((await zxingDecode(img))[0], `zxing at ${px} px`).toBe(text);
      }
      expect(missed, 'sizes jsQR missed').toEqual([]);
    }, 30_000);
  }
});
