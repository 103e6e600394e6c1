// Finder patterns must survive rasterisation at any PNG size, not just the 240/300 px the
// combination proof uses: a circle frame with a square pupil once failed at the default 512 px
// (and at a scatter of other sizes) because its diagonal ratios sat at zxing's tolerance edge.

import { describe, it, expect } from 'vitest';
import { EYES, EYE_PUPILS, renderSvg } from '../../src/qr/index.ts';
import { renderRgba } from '../../src/modules/render/png.ts';
import { zxingDecode } from '../helpers/decode-qr.ts';

// The reported case: version 3 at ECC M (29 modules + margin 4 each side = 37), 13.84 px a module at 512.
const TEXT = 'https://tessera.test/Xk7pQ2m';
// Spread from 160 to 1100, including 512 and sizes where the old circle eye failed.
const SIZES = [160, 168, 184, 200, 220, 256, 300, 332, 344, 364, 400, 444, 500, 512, 608, 640, 768, 880, 1024, 1100];

describe('eyes decode at every PNG size', () => {
  it(`every eye × pupil at ${SIZES.length} sizes from ${SIZES[0]} to ${SIZES.at(-1)} px`, async () => {
    const failed: string[] = [];
    let decoded = 0;
    for (const eyes of EYES) for (const eye_pupils of EYE_PUPILS) {
      const { svg, version } = renderSvg(TEXT, { eyes, eye_pupils });
      expect(version).toBe(3);
      for (const px of SIZES) {
        const texts = await zxingDecode(await renderRgba(svg, px));
        if (texts[0] === TEXT) decoded++;
        else failed.push(`${eyes}/${eye_pupils}@${px}`);
      }
    }
    expect(failed).toEqual([]);
    expect(decoded).toBe(EYES.length * EYE_PUPILS.length * SIZES.length);
  }, 60_000);
});
