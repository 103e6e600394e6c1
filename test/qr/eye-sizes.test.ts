// Finder patterns must survive rasterisation at any PNG size, not just the 240/300 px the
// combination proof uses: a circle frame with a square pupil once failed at the default 512 px
// (and at a scatter of other sizes) because its diagonal ratios sat at zxing's tolerance edge, and
// leaf eyes failed at a fifth of sizes from version 7 on.

import { describe, it, expect } from 'vitest';
import { EYES, EYE_PUPILS, renderSvg } from '../../src/qr/index.ts';
import { renderRgba } from '../helpers/raster.ts';
import { zxingDecode } from '../helpers/decode-qr.ts';

// The reported case: version 3 at ECC M (29 modules + margin 4 each side = 37), 13.84 px a module at 512.
const TEXT = 'https://tessera.test/Xk7pQ2m';
// Spread from 160 to 1100, including 512 and sizes where the old circle eye failed.
const SIZES = [160, 168, 184, 200, 220, 256, 300, 332, 344, 364, 400, 444, 500, 512, 608, 640, 768, 880, 1024, 1100];

/** Decodes the code for every eye × pupil at every size; returns what failed. */
async function sweep(text: string, version: number): Promise<string[]> {
  const failed: string[] = [];
  for (const eyes of EYES)
    for (const eye_pupils of EYE_PUPILS) {
      const { svg } = renderSvg(text, { eyes, eye_pupils }, { version });
      for (const px of SIZES) {
        const texts = await zxingDecode(await renderRgba(svg, px));
        if (texts[0] !== text) failed.push(`v${version} ${eyes}/${eye_pupils}@${px}`);
      }
    }
  return failed;
}

describe(`eyes decode at ${SIZES.length} PNG sizes from ${SIZES[0]} to ${SIZES.at(-1)} px`, () => {
  it('every eye × pupil at version 3', async () => {
    expect(await sweep(TEXT, 3)).toEqual([]);
  }, 60_000);

  // From version 7 zxing samples around several alignment patterns, anchored on the finders'
  // inner corners: a different path through the detector, which the old leaf eye tripped.
  it('every eye × pupil at version 7', async () => {
    expect(await sweep(TEXT, 7)).toEqual([]);
  }, 60_000);
});
