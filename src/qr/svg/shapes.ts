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

/** Radius of a `dots` module: 72 % of a square's ink, with a hairline between neighbours. */
const DOT = 0.48;
/** Width of a line capsule: 0.9 leaves a visible groove between lines, ≥ 0.75 of a square's ink. */
const LINE = 0.9;
/** Reach of a diamond module's tips from its centre (0.5 would be a pure rhombus). */
const DIAMOND = 0.62;

/** An isolated module of a line shape: a full-size circle (a 0.8 dot lost to blur first). */
function dot(w: PathWriter, x: number, y: number): void {
  w.M(x, y + 0.5)
    .a(0.5, 0, 1, 1, 0)
    .a(0.5, 0, 1, -1, 0);
}

/** Path data (module units, origin at the symbol's top-left) drawing `dark` in the given shape. */
export function shapePath(shape: Shape, dark: Uint8Array, size: number): string {
  const contour = CONTOUR_SHAPES[shape];
  const w = new PathWriter();
  if (contour) {
    traceContours(dark, size, contour.radii, contour.curve, w);
    return w.d;
  }
  switch (shape) {
    // Thin shapes are drawn with at least ~0.7 of a square's ink: decoders threshold each
    // module's average darkness, and at half ink (a pure diamond) blur or noise flips modules.
    case 'dots':
      for (let y = 0, i = 0; y < size; y++) {
        for (let x = 0; x < size; x++, i++) {
          // Two half-circle arcs of radius DOT from the module's left to right and back (72 % ink).
          if (dark[i])
            w.M(x + 0.5 - DOT, y + 0.5)
              .a(DOT, 0, 1, 2 * DOT, 0)
              .a(DOT, 0, 1, -2 * DOT, 0);
        }
      }
      break;
    case 'diamond':
      for (let y = 0, i = 0; y < size; y++) {
        for (let x = 0; x < size; x++, i++) {
          // A rhombus reaching DIAMOND from the centre, clipped by the module's edges into short
          // flats at the tips: 71 % ink where the pure rhombus had 50 %, and still a diamond.
          if (dark[i]) w.stone(x + 0.5, y + 0.5, 0.5, DIAMOND - 0.5);
        }
      }
      break;
    case 'vertical-lines':
      for (let x = 0; x < size; x++) {
        for (let y = 0; y < size; y++) {
          if (!dark[y * size + x]) continue;
          let end = y + 1;
          while (end < size && dark[end * size + x]) end++;
          if (end - y === 1) dot(w, x, y);
          // A capsule LINE wide spanning the run, rounded at both ends.
          else
            w.M(x + 0.5 - LINE / 2, y + 0.5)
              .a(LINE / 2, 0, 1, LINE, 0)
              .v(end - y - 1)
              .a(LINE / 2, 0, 1, -LINE, 0)
              .z();
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
          if (end - x === 1) dot(w, x, y);
          else
            w.M(x + 0.5, y + 0.5 - LINE / 2)
              .h(end - x - 1)
              .a(LINE / 2, 0, 1, 0, LINE)
              .h(-(end - x - 1))
              .a(LINE / 2, 0, 1, 0, -LINE)
              .z();
          x = end;
        }
      }
      break;
    default:
      throw new Error(`unhandled shape ${String(shape)}`);
  }
  return w.d;
}
