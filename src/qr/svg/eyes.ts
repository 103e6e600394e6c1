// Finder patterns ("eyes"): a 7×7 frame with a 3×3 pupil, drawn as shapes of their own so
// they can be styled and painted separately from the data modules.

import type { Eye, EyePupil } from '../design.ts';
import type { PathWriter } from './path.ts';

/** Which finder: decides which corners a `leaf` rounds so the three mirror each other. */
export type Corner = 'top-left' | 'top-right' | 'bottom-left';

type Radii = readonly [tl: number, tr: number, br: number, bl: number];

/** A square of side s with per-corner radii; anticlockwise when `hole`, so nonzero fill cuts it out. */
function roundedSquare(w: PathWriter, x: number, y: number, s: number, [tl, tr, br, bl]: Radii, hole: boolean): void {
  w.M(x + tl, y);
  if (!hole) {
    w.h(s - tl - tr);
    if (tr) w.a(tr, 0, 1, tr, tr);
    w.v(s - tr - br);
    if (br) w.a(br, 0, 1, -br, br);
    w.h(-(s - br - bl));
    if (bl) w.a(bl, 0, 1, -bl, -bl);
    w.v(-(s - bl - tl));
    if (tl) w.a(tl, 0, 1, tl, -tl);
  } else {
    if (tl) w.a(tl, 0, 0, -tl, tl);
    w.v(s - tl - bl);
    if (bl) w.a(bl, 0, 0, bl, bl);
    w.h(s - bl - br);
    if (br) w.a(br, 0, 0, br, -br);
    w.v(-(s - br - tr));
    if (tr) w.a(tr, 0, 0, -tr, -tr);
  }
  w.z();
}

function leafRadii(corner: Corner, r: number): Radii {
  // Round the outer and the inner corner; keep the two side corners sharp.
  return corner === 'top-right' ? [0, r, 0, r] : [r, 0, r, 0];
}

const FRAME_RADII: Record<Exclude<Eye, 'leaf'>, [outer: number, inner: number]> = {
  square: [0, 0],
  rounded: [1.5, 0.5],
  'extra-rounded': [2.5, 1.5],
  circle: [3.5, 2.5],
};

/** Appends the 7×7 finder frame (ring one module thick) at (x, y). */
export function eyeFrame(w: PathWriter, style: Eye, x: number, y: number, corner: Corner): void {
  if (style === 'leaf') {
    // Radii 2.5/1.5, not 3/2: from version 7 on (several alignment patterns) zxing fits a square
    // to each frame's outline and samples from its inner corner, which a leaf rounds; rounded
    // 3 of 3.5 modules the fit went astray and a fifth of PNG sizes failed to decode.
    roundedSquare(w, x, y, 7, leafRadii(corner, 2.5), false);
    roundedSquare(w, x + 1, y + 1, 5, leafRadii(corner, 1.5), true);
    return;
  }
  const [outer, inner] = FRAME_RADII[style];
  roundedSquare(w, x, y, 7, [outer, outer, outer, outer], false);
  roundedSquare(w, x + 1, y + 1, 5, [inner, inner, inner, inner], true);
}

// Alignment patterns (5×5 ring around one module) follow the eye style at their own scale.
const ALIGNMENT_RADII: Record<Eye, [outer: Radii, inner: Radii]> = {
  square: [[0, 0, 0, 0], [0, 0, 0, 0]],
  rounded: [[1, 1, 1, 1], [0.3, 0.3, 0.3, 0.3]],
  'extra-rounded': [[1.6, 1.6, 1.6, 1.6], [0.8, 0.8, 0.8, 0.8]],
  circle: [[2.5, 2.5, 2.5, 2.5], [1.5, 1.5, 1.5, 1.5]],
  leaf: [[2, 0, 2, 0], [1, 0, 1, 0]],
};

/**
 * Appends an alignment pattern centred on module (cx, cy). Drawn solid rather than in the
 * data shape: with dots or lines some decoders (jsQR) cannot find a broken-up alignment pattern.
 */
export function alignmentPattern(w: PathWriter, eye: Eye, pupil: EyePupil, cx: number, cy: number): void {
  const [outer, inner] = ALIGNMENT_RADII[eye];
  roundedSquare(w, cx - 2, cy - 2, 5, outer, false);
  roundedSquare(w, cx - 1, cy - 1, 3, inner, true);
  switch (pupil) {
    case 'square': roundedSquare(w, cx, cy, 1, [0, 0, 0, 0], false); break;
    case 'rounded': roundedSquare(w, cx, cy, 1, [0.25, 0.25, 0.25, 0.25], false); break;
    case 'circle': roundedSquare(w, cx, cy, 1, [0.5, 0.5, 0.5, 0.5], false); break;
    case 'diamond': w.M(cx + 0.5, cy - 0.1).l(0.6, 0.6).l(-0.6, 0.6).l(-0.6, -0.6).z(); break;
  }
}

// Side of a square pupil inside a circle frame. zxing checks a finder's 1:1:3:1:1 ratios along
// the diagonals too; in a circular ring a full 3×3 square's corners reach 2.12 modules from the
// centre against the hole's 2.5, leaving a 0.38-module gap where the ratios want 1, so decoding
// failed at a scatter of sizes (512 px among them). At 2.5 the worst error is about a quarter
// module both along the axes (gap 1.25) and along the diagonals (corner at 1.77).
const SQUARE_PUPIL_IN_CIRCLE = 2.5;

/** Appends the 3×3 pupil whose top-left is at (x, y), fitted to the frame it sits in. */
export function eyePupil(w: PathWriter, style: EyePupil, x: number, y: number, frame: Eye): void {
  switch (style) {
    case 'square': {
      const side = frame === 'circle' ? SQUARE_PUPIL_IN_CIRCLE : 3;
      const inset = (3 - side) / 2;
      roundedSquare(w, x + inset, y + inset, side, [0, 0, 0, 0], false);
      break;
    }
    case 'rounded': roundedSquare(w, x, y, 3, [0.75, 0.75, 0.75, 0.75], false); break;
    case 'circle': roundedSquare(w, x, y, 3, [1.5, 1.5, 1.5, 1.5], false); break;
    case 'diamond': {
      // A diamond reaching 1.95 from the centre, blunted where it would leave the 3×3 box: a pure
      // diamond has too little dark along the diagonals and zxing rejects it as a finder. Tips
      // 0.9 wide rather than 0.6 keep the axis ratios when the scan line misses the centre row:
      // at 0.6, a few PNG sizes failed (448 px at version 5, ~10 px a module, among them).
      const tip = 0.45, edge = 1.5 - tip;
      w.M(x + 1.5 - tip, y).h(2 * tip).l(edge, edge).v(2 * tip).l(-edge, edge).h(-2 * tip).l(-edge, -edge).v(-2 * tip).z();
      break;
    }
  }
}
