// Ink where shapes are thin (issue #16): a module drawn as a dot, a diamond or part of a line must
// still cover about 0.7 of its square, or blur and noise erase it (diamonds at ~50 % read 53 %
// under noise σ40). Measured on the raster, over the data area only (the three finders and their
// separators are drawn by the eye styles, alike for every shape), against square modules of the
// same code: a shape drawn thinner fails here even when today's decoders still happen to read it.
import { expect, it } from 'vitest';
import { renderSvg } from '../../src/qr/index.ts';
import { renderRgba } from '../helpers/raster.ts';

const PX_PER_MODULE = 12;
const SHAPES = ['square', 'dots', 'rounded', 'extra-rounded', 'classy', 'classy-rounded', 'liquid', 'vertical-lines', 'horizontal-lines', 'diamond'] as const;
// Measured 2026-12-04: dots 0.79–0.80, diamond 0.74–0.75, lines 0.77–0.79, the rounded family 0.94–0.98
// (alignment patterns, drawn alike for all, lift every figure a little; the raster is
// deterministic). Dots of radius 0.40 read 0.55 and a pure rhombus 0.57, as before issue #16;
// lines 0.8 wide still read 0.75 (their isolated modules are full circles now), above the floor.
const FLOOR = 0.72;

// Dark pixels in the symbol, finders and separators (8 × 8 at three corners) and quiet zone left out.
async function dataInk(shapes: string, text: string): Promise<number> {
  const margin = 4;
  const { svg, modules } = renderSvg(text, { shapes, margin });
  const { data, width } = await renderRgba(svg, (modules + 2 * margin) * PX_PER_MODULE);
  const inFinder = (mx: number, my: number) => (mx < 8 || mx >= modules - 8) && (my < 8 || my >= modules - 8) && !(mx >= modules - 8 && my >= modules - 8);
  let dark = 0;
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const mx = Math.floor(x / PX_PER_MODULE) - margin;
      const my = Math.floor(y / PX_PER_MODULE) - margin;
      if (mx < 0 || my < 0 || mx >= modules || my >= modules || inFinder(mx, my)) continue;
      const i = (y * width + x) * 4;
      if (0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]! < 128) dark++;
    }
  }
  return dark;
}

it('every module shape inks at least ~0.7 of what square modules ink, at versions 2 and 7', async () => {
  for (const text of ['https://tessera.example/r/Xk4mP9q', `https://tessera.example/menu?table=12&lang=en&ref=${'poster'.repeat(12)}`]) {
    const square = await dataInk('square', text);
    const coverage = Object.fromEntries(await Promise.all(SHAPES.map(async (shape) => [shape, (await dataInk(shape, text)) / square] as const)));
    for (const shape of SHAPES) expect(coverage[shape], `${shape}: ${coverage[shape]!.toFixed(3)} of square's ink`).toBeGreaterThanOrEqual(FLOOR);
    // And no shape spills far past its modules (which would merge neighbours and misread).
    for (const shape of SHAPES) expect(coverage[shape], shape).toBeLessThanOrEqual(1.02);
  }
});
