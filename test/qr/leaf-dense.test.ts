// Leaf corner frames on dense codes (issue #16): from version 7 zxing fits a square to each
// finder's outline and samples from its corners, which a leaf rounds away. With the leaf's
// version-1 rounding (2.5/1.5 modules) some version-9 codes with line shapes failed in zxing, the
// only zxing failures of the full design matrix; only the full matrix (an npm script) saw them.
import { expect, it } from 'vitest';
import { renderSvg } from '../../src/qr/index.ts';
import { jsqrDecode, zxingDecode } from '../helpers/decode-qr.ts';
import { PAYLOADS } from '../helpers/qr-matrix.ts';
import { renderRgba } from '../helpers/raster.ts';

const SHAPES = ['vertical-lines', 'horizontal-lines', 'diamond', 'dots', 'square'];

it('line, diamond and dot shapes with leaf eyes decode in zxing and jsQR at versions 7–13, ECC L–H', async () => {
  const failed: string[] = [];
  const long = PAYLOADS.at(-1)!;
  for (const shapes of SHAPES)
    for (const ecc of ['L', 'M', 'Q', 'H'] as const)
      for (const version of [7, 9, 11]) {
        const { svg, modules } = renderSvg(long, { shapes, eyes: 'leaf', ecc }, { minVersion: version });
        const image = await renderRgba(svg, (modules + 8) * 8);
        if ((await zxingDecode(image))[0] !== long) failed.push(`zxing ${shapes} ${ecc} v${version}`);
        if (jsqrDecode(image) !== long) failed.push(`jsQR ${shapes} ${ecc} v${version}`);
      }
  expect(failed).toEqual([]);
}, 60_000);
