// Scannability lint: refuses designs a phone will not read and warns about risky ones.

import { ECC_RECOVERY, symbolSize } from './capacity.ts';
import { contrastRatio, luminance, over, parseColor } from './color.ts';
import type { Rgba } from './color.ts';
import type { Design, QrWarning } from './design.ts';
import { QrDesignError } from './errors.ts';
import type { QrErrorDetail } from './errors.ts';
import { LOGO_BUDGET_SHARE, logoArea, logoDamage, maxLogoSize } from './logo.ts';

// Thresholds on the WCAG contrast ratio. Against white, 3:1 is where ISO/IEC 15415 symbol
// contrast (reflectance difference) drops below grade A (70%) and matches WCAG 1.4.11 for
// graphics; 2.5:1 is about 63%, mid grade B, below which we refuse.

/** Below this WCAG contrast ratio a design is refused. */
export const MIN_CONTRAST = 2.5;
/** Below this ratio a design renders with a warning. */
export const WARN_CONTRAST = 3;
/** Quiet zone (modules) below which a design is refused; the spec asks for 4. */
export const MIN_QUIET_ZONE = 2;

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

/** Result of {@link lintDesign}: errors make the design unscannable, warnings do not. */
export interface LintResult {
  errors: QrErrorDetail[];
  warnings: QrWarning[];
}

const mix = (a: Rgba, b: Rgba, t: number): Rgba => ({ r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t, a: a.a + (b.a - a.a) * t });

/** Every foreground colour the code can show, with gradients sampled between stops (a ramp can cross the background). */
function foregrounds(design: Design): { field: string; rgba: Rgba }[] {
  const out: { field: string; rgba: Rgba }[] = [];
  const g = design.gradient;
  if (g) {
    g.stops.forEach((s, i) => {
      out.push({ field: `gradient.stops[${i}].color`, rgba: parseColor(s.color) });
      const next = g.stops[i + 1];
      if (next) for (let t = 1; t < 8; t++) out.push({ field: 'gradient', rgba: mix(parseColor(s.color), parseColor(next.color), t / 8) });
    });
  } else {
    out.push({ field: 'color', rgba: parseColor(design.color) });
  }
  if (design.eye_color) out.push({ field: 'eye_color', rgba: parseColor(design.eye_color) });
  else if (g && !g.apply_to_eyes) out.push({ field: 'color', rgba: parseColor(design.color) });
  return out;
}

/** Checks contrast, polarity, quiet zone and (when the version is known) the logo budget. */
export function lintDesign(design: Design, context: { version?: number } = {}): LintResult {
  const errors: QrErrorDetail[] = [];
  const warnings: QrWarning[] = [];
  let bg = WHITE;
  if (design.background === 'transparent') {
    warnings.push({ code: 'transparent_background', field: 'background', message: 'transparent background: the code needs a light, plain surface behind it to scan' });
  } else {
    bg = over(parseColor(design.background), WHITE);
  }
  let worst = Infinity;
  let worstField = 'color';
  let lighter = 0;
  const fgs = foregrounds(design);
  for (const { field, rgba } of fgs) {
    const fg = over(rgba, bg);
    const ratio = contrastRatio(fg, bg);
    if (ratio < worst) { worst = ratio; worstField = field; }
    if (luminance(fg) > luminance(bg)) lighter++;
  }
  const ratioText = `${worst.toFixed(2)}:1`;
  if (worst < MIN_CONTRAST) {
    errors.push({ field: worstField, message: `contrast between ${worstField} and background is ${ratioText}; at least ${MIN_CONTRAST}:1 is needed to scan (${WARN_CONTRAST}:1 recommended)` });
  } else if (worst < WARN_CONTRAST) {
    warnings.push({ code: 'low_contrast', field: worstField, message: `contrast between ${worstField} and background is ${ratioText}; ${WARN_CONTRAST}:1 or more scans more reliably` });
  }
  if (lighter === fgs.length) {
    warnings.push({ code: 'inverted', field: 'color', message: 'light modules on a dark background (inverted): some older scanners cannot read inverted codes' });
  } else if (lighter > 0 && worst >= MIN_CONTRAST) {
    warnings.push({ code: 'mixed_polarity', field: 'gradient', message: 'some foreground colours are lighter than the background and some darker; keep all of them on one side' });
  }
  if (design.margin < MIN_QUIET_ZONE) {
    errors.push({ field: 'margin', message: `margin (quiet zone) is ${design.margin} modules; at least ${MIN_QUIET_ZONE} are needed to scan (4 recommended)` });
  } else if (design.margin < 4) {
    warnings.push({ code: 'small_quiet_zone', field: 'margin', message: `margin (quiet zone) is ${design.margin} modules; the standard asks for 4` });
  }
  if (design.frame) {
    const ratio = contrastRatio(over(parseColor(design.frame.text_color), WHITE), over(parseColor(design.frame.color), WHITE));
    if (ratio < 3) warnings.push({ code: 'frame_text_contrast', field: 'frame.text_color', message: `frame caption contrast is ${ratio.toFixed(2)}:1; the caption may be hard to read` });
  }
  if (design.logo && context.version !== undefined) {
    const v = context.version;
    const { worstShare } = logoDamage(v, design.ecc, logoArea(symbolSize(v), design.logo.size));
    if (worstShare > LOGO_BUDGET_SHARE) {
      const max = maxLogoSize(v, design.ecc);
      const pct = Math.round(ECC_RECOVERY[design.ecc] * 100);
      errors.push({
        field: 'logo.size',
        message: `logo.size ${design.logo.size} hides too much of this version-${v} code: it would use ${Math.round(worstShare * 100)}% of ECC ${design.ecc}'s ~${pct}% recovery budget where ${Math.round(LOGO_BUDGET_SHARE * 100)}% is the limit; ` +
          (max > 0 ? `use logo.size ≤ ${max}` : `a version-${v} code is too small to carry a logo; drop it`),
      });
    }
  }
  return { errors, warnings };
}

/** Runs {@link lintDesign} and throws `design_unscannable` on errors; returns the warnings. */
export function assertScannable(design: Design, context: { version?: number } = {}): QrWarning[] {
  const { errors, warnings } = lintDesign(design, context);
  if (errors.length > 0) {
    throw new QrDesignError('design_unscannable', errors.map((e) => e.message).join('; '), errors);
  }
  return warnings;
}
