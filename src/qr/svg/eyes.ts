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
  // 2.5/1.5 before 2026-12-06: ZBar missed 109 of 11,200 clean codes of versions 1–7 at 3–7 px a
  // module, all in this outline with round or diamond pupils (the `ocean`, `liquid` and `gem`
  // presets among them); a hole rounded less reads them (8 misses), and jsQR under noise σ30 read
  // a quarter more. 2.0/1.25 read every one but looks like the rounded frame. Figures and the
  // radii tried: docs/qr-design-robustness.md, "The extra-rounded outline and ZBar".
  'extra-rounded': [2.25, 1.35],
  // Not a true circle (3.5/2.5): ZBar fits straight edges to the middle of the ring on the scan
  // lines through the pupil, and a true circle's ring curves 0.2–0.3 of a module away from them;
  // ZBar lost clean codes from 8 px a module up. 2.75/1.75 keeps the ring within 0.1 of a module
  // of the straight edge (a squircle, still rounder than extra-rounded); 3/2 and 2.9/1.9 still
  // failed at 4–5 px a module. test/qr/finder-geometry.test.ts measures it; docs/qr-design-
  // robustness.md, "Circle frames and ZBar", has the figures.
  circle: [2.75, 1.75],
};

/** Version from which leaf and circle frames round less: zxing then fits a square to each frame's outline. */
export const TIGHT_FROM_VERSION = 7;
/**
 * A circle frame from version 7: a rounded square of radii 2.5/1.5 (the extra-rounded outline
 * until 2026-12-06), its pupils staying round. True circles gave zxing's corner fit nothing to hold: through the camera chain they
 * failed in up to 4 of 20 trials per design at version 9, and at 2 px a module half of the
 * version 9–11 codes; radii 2.75/1.75 (the frame below version 7) and 2.6/1.6 still lost 47 %
 * and 30 % of those at 2 px.
 */
const CIRCLE_TIGHT_RADII: [outer: number, inner: number] = [2.5, 1.5];

/** Appends the 7×7 finder frame (ring one module thick) at (x, y). */
export function eyeFrame(w: PathWriter, style: Eye, x: number, y: number, corner: Corner, version = 1): void {
  if (style === 'leaf') {
    // From version 7 on (several alignment patterns) zxing fits a square to each frame's outline
    // and samples from its corners, which a leaf rounds. Rounded 3 of 3.5 modules a fifth of PNG
    // sizes failed; at 2.5 some version-9 codes still did (vertical lines, ECC M), so from
    // version 7 the leaf keeps radii 2/1: still a leaf, with corners enough to fit.
    const [outer, inner] = version >= TIGHT_FROM_VERSION ? [2, 1] : [2.5, 1.5];
    roundedSquare(w, x, y, 7, leafRadii(corner, outer), false);
    roundedSquare(w, x + 1, y + 1, 5, leafRadii(corner, inner), true);
    return;
  }
  const [outer, inner] = style === 'circle' && version >= TIGHT_FROM_VERSION ? CIRCLE_TIGHT_RADII : FRAME_RADII[style];
  roundedSquare(w, x, y, 7, [outer, outer, outer, outer], false);
  roundedSquare(w, x + 1, y + 1, 5, [inner, inner, inner, inner], true);
}

// Alignment patterns (5×5 ring around one module) follow the eye style at their own scale.
const ALIGNMENT_RADII: Record<Eye, [outer: Radii, inner: Radii]> = {
  square: [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ],
  rounded: [
    [1, 1, 1, 1],
    [0.3, 0.3, 0.3, 0.3],
  ],
  'extra-rounded': [
    [1.6, 1.6, 1.6, 1.6],
    [0.8, 0.8, 0.8, 0.8],
  ],
  // A round hole in a square rounded 1.5: ZBar matches alignment patterns against a 5×5 template
  // of module centres and gives up past 6 mismatches; a true circle (2.5) leaves the 4 corner
  // modules white, and v7+ codes with several of them failed in ZBar at 8 px a module.
  circle: [
    [1.5, 1.5, 1.5, 1.5],
    [1.5, 1.5, 1.5, 1.5],
  ],
  leaf: [
    [2, 0, 2, 0],
    [1, 0, 1, 0],
  ],
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
    case 'square':
      // jsQR scores the centre by its 1:1:1 runs along the axes and the diagonals, and a centre
      // that is square where the hole's corners are rounded reads long on the diagonal there
      // (1.41 against 1.0 in the leaf's). A point off the centre, where the diagonal cuts a
      // corner, then scores better, and beside classy modules a chain of 1:1:1 rows can put a
      // candidate there: jsQR sampled 0.4 module off and missed 10 of 52 sizes (classy / leaf /
      // square). Rounding the centre a third of the hole's radius on those corners reads 1:1:1.
      roundedSquare(w, cx, cy, 1, eye === 'leaf' ? [1 / 3, 0, 1 / 3, 0] : [0, 0, 0, 0], false);
      break;
    case 'rounded':
      roundedSquare(w, cx, cy, 1, [0.25, 0.25, 0.25, 0.25], false);
      break;
    case 'circle':
      roundedSquare(w, cx, cy, 1, [0.5, 0.5, 0.5, 0.5], false);
      break;
    case 'diamond': {
      // The pupil's cut stone at a third of its size: tips 0.55 from the centre with flats 0.4
      // wide, edges 0.53 from it diagonally. The pure rhombus (tips 0.6) read 1.2 : 0.85 along
      // the axes and diagonals against holes of 1.8 / 1.5 (extra-rounded / circle), and jsQR's
      // score for it grows with the square of the pixel size: from about 20 px a module a lone
      // diamond data module a few modules away outscored it (`gem` missed 4 sizes of 1,200–1,550 px).
      w.stone(cx + 0.5, cy + 0.5, 0.55, 0.2);
      break;
    }
  }
}

// Pupils are sized to their frame. A finder is found by its 1:1:3:1:1 run lengths, which
// zxing checks along both axes and both diagonals and jsQR scores against false candidates in
// the data. Along an axis every frame reads 1:1:3:1:1 with a 3-wide pupil; along a diagonal a
// corner of radius r pulls the outline in by r(√2 − 1), so a rounder frame wants a rounder
// (shorter along the diagonal) pupil and a square frame a squarer one. With the radii below no
// run strays more than 0.32 of its ideal length in any of the four directions (0.46–0.58 for the
// pairs jsQR failed before); test/qr/finder-geometry.test.ts measures it, and
// docs/qr-design-robustness.md gives the figures per pair.

/** Corner radius of a `square` pupil in each frame: as square as the frame's diagonal allows. */
const SQUARE_PUPIL_RADIUS: Record<Eye, number> = { square: 0, rounded: 0.25, 'extra-rounded': 0.5, circle: 1.1, leaf: 0.5 };
/** Corner radius of a `rounded` pupil. */
const ROUNDED_PUPIL_RADIUS: Record<Eye, number> = { square: 0.5, rounded: 0.75, 'extra-rounded': 0.9, circle: 1.3, leaf: 0.9 };
/**
 * Radius of a `circle` pupil. In a square frame a 1.5 circle leaves the diagonal gap 1.4 modules
 * wide against a pupil of 2.1, so false candidates in the data outranked the real finder in
 * jsQR; 1.6–1.75 splits the error between the axes and the diagonals. The circle frame's hole
 * is rounder: 1.55 (1.5 was exact in the true circle it had before ZBar; in the squircle it left
 * the diagonal gap 1.3 wide, and jsQR under noise σ30 read 19 of 64 such codes instead of 51).
 */
const CIRCLE_PUPIL_RADIUS: Record<Eye, number> = { square: 1.75, rounded: 1.75, 'extra-rounded': 1.6, circle: 1.55, leaf: 1.75 };

/** Per-corner radii of a pupil that follows a leaf frame: round where the frame rounds. */
const leafPupil = (corner: Corner, r: number, sharp: number): Radii => (corner === 'top-right' ? [sharp, r, sharp, r] : [r, sharp, r, sharp]);

/** Appends the 3×3 pupil whose top-left is at (x, y), fitted to the frame it sits in. */
export function eyePupil(w: PathWriter, style: EyePupil, x: number, y: number, frame: Eye, corner: Corner = 'top-left'): void {
  const fit = (r: number): Radii => (frame === 'leaf' ? leafPupil(corner, r, style === 'square' ? 0 : Math.min(r, 0.5)) : [r, r, r, r]);
  switch (style) {
    case 'square':
      roundedSquare(w, x, y, 3, fit(SQUARE_PUPIL_RADIUS[frame]), false);
      break;
    case 'rounded':
      roundedSquare(w, x, y, 3, fit(ROUNDED_PUPIL_RADIUS[frame]), false);
      break;
    case 'circle': {
      const r = CIRCLE_PUPIL_RADIUS[frame];
      roundedSquare(w, x + 1.5 - r, y + 1.5 - r, 2 * r, [r, r, r, r], false);
      break;
    }
    case 'diamond': {
      // A cut stone: tips 1.7 from the centre (1.75 in circle frames: at 1.7 zxing lost their
      // version 7–10 codes at 2.5–3 px a module) with flats 1.2 wide, the bevels 1.63–1.66 from
      // the centre diagonally. jsQR ranks finder candidates by squared run errors in pixels, and the
      // narrower diamond it replaces (tips 1.75, flats 0.8 in extra-rounded and 0.6 in circle
      // frames, edges 1.52 / 1.45 diagonally) read 3.5 along the axes and 3.0 against gaps of 1.47
      // along the diagonals: about 0.66 px² per px² of module, where a cluster of dots, lines or
      // diamond modules that passes jsQR's 1:1:3:1:1 line test scores 0.6–1.0. One outscored
      // a real finder at some size in 10–17 of 140 clean renders (250–1,600 px) of every
      // dots, line or diamond design with this pupil. Tips 1.85 (a 0.65 gap) lost half the
      // vertical-lines codes in jsQR; flats 1.0 still missed one render in 140 (vertical lines,
      // version 13, 1,500 px). docs/qr-design-robustness.md, "Diamond pupils, alignment centres
      // and jsQR's false candidates", has the figures.
      w.stone(x + 1.5, y + 1.5, frame === 'circle' ? 1.75 : 1.7, 0.6);
      break;
    }
  }
}
