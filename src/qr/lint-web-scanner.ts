// What web-based scanners (jsQR) cannot read in a sharp image although every other decoder
// can: a light code colour in flat areas, and corner eyes lighter than the modules around them.
import { over, parseColor, type Rgba } from './color.ts';
import type { Design } from './design.ts';
import { colourName, contrastFix, hex } from './lint-advice.ts';

// jsQR's luma: BT.709 weights on the gamma-encoded channels.
const jsqrLuma = (c: Rgba): number => 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;

/**
 * jsQR thresholds each 8 × 8 pixel block, and takes a block of a single colour for background
 * unless it is darker than half the background around it. From about 8 px a module (any 512 px
 * render of a short link) whole blocks fall inside modules, so a code colour at half the
 * background's brightness or lighter vanishes: jsQR read no sharp image of such colours at 8–24 px
 * a module, and every one of them below (docs/qr-design-robustness.md, *The lint*). Inverted
 * codes are not affected: a flat dark background block stays dark. `fgs` are all darker than `bg`.
 */
export function flatAreaProblem(fgs: { field: string; rgba: Rgba }[], bg: Rgba): { field: string; message: string } | null {
  const bgLuma = jsqrLuma(bg);
  let worst: { field: string; fg: Rgba; luma: number } | null = null;
  for (const { field, rgba } of fgs) {
    const fg = over(rgba, bg);
    const luma = jsqrLuma(fg);
    if (!worst || luma > worst.luma) worst = { field, fg, luma };
  }
  if (!worst || worst.luma < bgLuma / 2) return null;
  const stops = fgs.filter((f) => f.field.startsWith('gradient.stops[')).length;
  return {
    field: worst.field,
    message:
      `web-based scanners (jsQR) cannot read this code in a sharp image (a screenshot, a file, a render of 8 px a module or more): ${colourName(worst.field, stops)} (${hex(worst.fg)}) has a brightness of ` +
      `${Math.round(worst.luma)} of 255 and must be below ${Math.floor(bgLuma / 2)}, half the background’s: ${contrastFix(worst.fg, bg, false, worst.field, stops).advice}`,
  };
}

/**
 * Share of the background's brightness an eye colour lighter than the modules must stay under.
 * jsQR thresholds a flat block against the blocks around it, and beside a field of dark modules
 * a lighter pupil or ring reads as background: with black modules on white, eyes read in every
 * sharp image tried (3 payloads × 10 sizes, 300–1,400 px) up to luma 68, lost 1 in 30 from 72
 * and 5–7 in 30 at 90–102 (#2563eb, #0f766e, #666666), where zxing and ZBar read them all.
 */
export const EYE_SHADE_SHARE = 0.27;

/** An eye colour lighter than the modules and too light for jsQR beside them, or null. */
export function eyeShadeProblem(design: Design, bg: Rgba): { field: string; message: string } | null {
  // Eyes take eye_color, or the code colour beside a gradient that is not applied to them.
  const eyeColor = design.eye_color ?? (design.gradient && !design.gradient.apply_to_eyes ? design.color : null);
  if (!eyeColor) return null;
  const eye = over(parseColor(eyeColor), bg);
  const eyeLuma = jsqrLuma(eye);
  const modules = design.gradient ? design.gradient.stops.map((s) => over(parseColor(s.color), bg)) : [over(parseColor(design.color), bg)];
  const darkest = Math.min(...modules.map(jsqrLuma));
  const limit = jsqrLuma(bg) * EYE_SHADE_SHARE;
  if (eyeLuma <= darkest || eyeLuma < limit) return null;
  return {
    field: design.eye_color ? 'eye_color' : 'color',
    message:
      `web-based scanners (jsQR) often cannot find the corner eyes of this code in a sharp image: ${design.eye_color ? 'the eye colour' : 'the code colour the eyes are drawn in'} (${hex(eye)}, brightness ${Math.round(eyeLuma)} of 255) is lighter than the modules, ` +
      `and eyes lighter than the modules must stay below ${Math.floor(limit)}: use a darker eye colour, or the code colour for the eyes`,
  };
}
