// Data-module shapes. Contour shapes merge neighbours into outlines with per-corner radii;
// the rest draw one compact subpath per module or per run, all inside a single <path>.

import type { Shape } from '../design.ts';
import { CONCAVE, CONVEX, traceContours } from './contour.ts';
import { PathWriter } from './path.ts';

function radii(convex: { tl: number; tr: number; br: number; bl: number }, concave: number): Float64Array {
  const r = new Float64Array(16);
  r[CONVEX.topLeft] = convex.tl;
  r[CONVEX.topRight] = convex.tr;
  r[CONVEX.bottomRight] = convex.br;
  r[CONVEX.bottomLeft] = convex.bl;
  for (const i of CONCAVE) r[i] = concave;
  return r;
}

const all = (r: number) => ({ tl: r, tr: r, br: r, bl: r });

// Radii in modules; 0.5 turns an isolated module into a circle.
const CONTOUR_SHAPES: Partial<Record<Shape, { radii: Float64Array; curve: 'arc' | 'quad' }>> = {
  square: { radii: radii(all(0), 0), curve: 'arc' },
  rounded: { radii: radii(all(0.3), 0), curve: 'arc' },
  'extra-rounded': { radii: radii(all(0.5), 0), curve: 'arc' },
  classy: { radii: radii({ tl: 0.5, tr: 0, br: 0.5, bl: 0 }, 0), curve: 'arc' },
  'classy-rounded': { radii: radii({ tl: 0.5, tr: 0.2, br: 0.5, bl: 0.2 }, 0), curve: 'arc' },
  // Concave corners get fillets too, so adjacent modules read as one flowing blob.
  // Quadratic corners keep a version-3 liquid code well under 8 KB (arcs cost ~60% more bytes).
  liquid: { radii: radii(all(0.5), 0.5), curve: 'quad' },
};

/** Path data (module units, origin at the symbol's top-left) drawing `dark` in the given shape. */
export function shapePath(shape: Shape, dark: Uint8Array, size: number): string {
  const contour = CONTOUR_SHAPES[shape];
  const w = new PathWriter();
  if (contour) {
    traceContours(dark, size, contour.radii, contour.curve, w);
    return w.d;
  }
  switch (shape) {
    case 'dots':
      for (let y = 0, i = 0; y < size; y++) {
        for (let x = 0; x < size; x++, i++) {
          // Two half-circle arcs of radius .45 from the module's left to right and back.
          if (dark[i]) w.M(x + 0.05, y + 0.5).a(0.45, 0, 1, 0.9, 0).a(0.45, 0, 1, -0.9, 0);
        }
      }
      break;
    case 'diamond':
      for (let y = 0, i = 0; y < size; y++) {
        for (let x = 0; x < size; x++, i++) {
          if (dark[i]) w.M(x + 0.5, y).l(0.5, 0.5).l(-0.5, 0.5).l(-0.5, -0.5).z();
        }
      }
      break;
    case 'vertical-lines':
      for (let x = 0; x < size; x++) {
        for (let y = 0; y < size; y++) {
          if (!dark[y * size + x]) continue;
          let end = y + 1;
          while (end < size && dark[end * size + x]) end++;
          // A capsule 0.8 wide spanning the run, rounded at both ends.
          w.M(x + 0.1, y + 0.5).a(0.4, 0, 1, 0.8, 0).v(end - y - 1).a(0.4, 0, 1, -0.8, 0).z();
          y = end;
        }
      }
      break;
    case 'horizontal-lines':
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          if (!dark[y * size + x]) continue;
          let end = x + 1;
          while (end < size && dark[y * size + end]) end++;
          w.M(x + 0.5, y + 0.1).h(end - x - 1).a(0.4, 0, 1, 0, 0.8).h(-(end - x - 1)).a(0.4, 0, 1, 0, -0.8).z();
          x = end;
        }
      }
      break;
    default:
      throw new Error(`unhandled shape ${String(shape)}`);
  }
  return w.d;
}
