// Scannability lint: refuses designs a phone will not read and warns about risky ones.

import { ECC_RECOVERY, symbolSize } from './capacity.ts';
import { contrastRatio, lumaDelta, over, parseColor } from './color.ts';
import type { Rgba } from './color.ts';
import { DESIGN_LIMITS, type Design, type QrWarning } from './design.ts';
import { QrDesignError } from './errors.ts';
import type { QrErrorDetail } from './errors.ts';
import { LOGO_BUDGET_SHARE, logoArea, logoDamage, maxLogoSize } from './logo.ts';
import { colourName, contrastFix, hex } from './lint-advice.ts';
import { eyeShadeProblem, flatAreaProblem } from './lint-web-scanner.ts';

// Decoders do not see WCAG contrast: they binarise gamma-encoded luma (zxing with BT.601
// weights, jsQR with BT.709). #1e3a8a passes WCAG at 10.4:1 yet sits at luma 59, and under sensor
// noise a code's fate follows the luma gap between its lightest foreground and the background,
// the same for the `qrcode` package's codes. The thresholds are calibrated on the degradation
// suite (`npm run qr:matrix -- --only luma`, figures in docs/qr-design-robustness.md).

/**
 * Below this luma difference (0–255) a design is refused: under 100 the camera chain already
 * lost a quarter of codes in zxing, and below 90 the plain colours tried failed outright.
 */
export const MIN_LUMA_DELTA = 90;
/**
 * Below this luma difference a design renders with a `low_contrast` warning: under noise σ30
 * codes at 132 (#ea580c) and below read in at most a third of cases in jsQR and none in zxing,
 * at 143 and above in 42 % or more.
 */
export const WARN_LUMA_DELTA = 140;
/** Fewer pixels per module than this (at the requested size) renders with a `low_resolution` warning. */
export const MIN_PX_PER_MODULE = 4;
/**
 * From this version a code is dense: 93 modules a side, 101 with the quiet zone. A person frames a
 * code to fill the view whatever its size, so a phone that sees it 400 px wide (a 720p preview,
 * the code across half of it) gets under 4 px a module. Through the camera chain at that capture
 * zxing read every code up to version 22 (3.5 px a module), 88 % at 26 and none at 34; jsQR, weak
 * through that chain at any size, none from version 16 (the `qrcode` package's codes: none from
 * 18). `npm run qr:matrix -- --only density` measures it. Printing larger does not help (the
 * person steps back to frame it); fewer modules do.
 */
export const DENSE_FROM_VERSION = 19;
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

/** What the lint knows besides the design: the version once encoded, the output width in modules and pixels. */
export interface LintContext {
  version?: number;
  /**
   * A design about to be stored or drawn for a caller who can still change it: what a gate
   * decoder cannot read is refused. A stored design is only warned about, so it keeps rendering.
   */
  strict?: boolean;
  /** Width of the whole image in modules (quiet zone and frame included) and in pixels. */
  raster?: { modules: number; px: number };
}

/** Checks luma contrast, polarity, quiet zone, resolution and (when the version is known) the logo budget. */
export function lintDesign(design: Design, context: LintContext = {}): LintResult {
  const errors: QrErrorDetail[] = [];
  const warnings: QrWarning[] = [];
  let bg = WHITE;
  const backgroundAlpha = design.background === 'transparent' ? 0 : parseColor(design.background).a;
  if (backgroundAlpha < 1) {
    // Alpha in the colour (#ffffff00) is as transparent as the keyword: PNG pixels without
    // opacity, which decoders read as whatever their own backdrop is (often black).
    const opacity = backgroundAlpha === 0 ? 'transparent background' : `background at ${Math.round(backgroundAlpha * 100)} % opacity`;
    warnings.push({
      code: 'transparent_background',
      field: 'background',
      message: `${opacity}: the code needs a light, plain surface behind it to scan (an opaque background such as #ffffff brings its own)`,
    });
  }
  if (design.background !== 'transparent') bg = over(parseColor(design.background), WHITE);
  // The weakest foreground (every gradient stop and the ramp between them) against the background.
  let worst = Infinity;
  let worstField = 'color';
  let worstHex = design.color;
  let worstAlpha = 1;
  let worstFg = bg;
  let lighter = 0;
  const fgs = foregrounds(design);
  for (const { field, rgba } of fgs) {
    const fg = over(rgba, bg);
    const delta = lumaDelta(fg, bg);
    if (Math.abs(delta) < worst) {
      worst = Math.abs(delta);
      worstField = field;
      worstHex = hex(fg);
      worstAlpha = rgba.a;
      worstFg = fg;
    }
    if (delta > 0) lighter++;
  }
  const crosses = lighter > 0 && lighter < fgs.length && worstField === 'gradient';
  const stops = design.gradient?.stops.length ?? 0;
  const fix = crosses ? null : contrastFix(worstFg, bg, lighter === fgs.length, worstField, stops);
  // When only the background can still move (the code is as dark as it gets), the fault is named there.
  const faultField = fix?.field === 'background' ? 'background' : worstField;
  // A translucent colour is judged as drawn: name what it looks like, or that it cannot be seen.
  const drawn = worstAlpha === 0 ? 'is fully transparent, so it' : worstAlpha < 1 ? `at ${Math.round(worstAlpha * 100)} % opacity looks like ${worstHex} and` : `(${worstHex})`;
  const said = `${worst < MIN_LUMA_DELTA ? 'contrast too low' : 'low contrast'} for scanners: ${colourName(worstField, stops)} ${drawn} is only ${Math.round(worst)} of 255 steps of brightness away from the background`;
  const advice = crosses ? 'the gradient passes through the background’s brightness: keep all its colours darker (or all lighter) than the background' : fix!.advice;
  const flat = lighter === 0 ? (flatAreaProblem(fgs, bg) ?? eyeShadeProblem(design, bg)) : null;
  if (worst < MIN_LUMA_DELTA) {
    errors.push({ field: faultField, message: `${said}; scanners need at least ${MIN_LUMA_DELTA} (${WARN_LUMA_DELTA} recommended): ${advice}` });
  } else if (flat) {
    if (context.strict) errors.push({ field: flat.field, message: flat.message });
    else warnings.push({ code: 'web_scanner_contrast', field: flat.field, message: flat.message });
  } else if (worst < WARN_LUMA_DELTA) {
    warnings.push({ code: 'low_contrast', field: faultField, message: `${said}; from ${WARN_LUMA_DELTA} on codes hold up far better in dim light and camera noise (black on white best): ${advice}` });
  }
  if (lighter === fgs.length) {
    warnings.push({
      code: 'inverted',
      field: 'color',
      message:
        'light modules on a dark background (inverted): ZBar-based readers (Linux desktop and many PHP and Python apps) and some phone scanners cannot read inverted codes; swap the colours for dark on light',
    });
  } else if (lighter > 0 && worst >= MIN_LUMA_DELTA) {
    // Decoders binarise around the background: eyes on the other side of it than the modules
    // leave no finder to find (zxing, jsQR and ZBar read none of them at any size tried).
    const eyeSide = design.eye_color ? lumaDelta(over(parseColor(design.eye_color), bg), bg) > 0 : null;
    const eyesApart = eyeSide !== null && eyeSide !== lumaDelta(over(parseColor(design.color), bg), bg) > 0;
    const mixed = eyesApart
      ? {
          field: 'eye_color',
          message: `the eye colour is ${eyeSide ? 'lighter' : 'darker'} than the background and the code colour is not: scanners find a code by corner eyes on the same side of the background as its modules, so none reads it; make both darker (or both lighter) than the background`,
        }
      : { field: 'gradient', message: 'some foreground colours are lighter than the background and some darker; keep all of them on one side' };
    if (context.strict) errors.push(mixed);
    else warnings.push({ code: 'mixed_polarity', ...mixed });
  }
  if (design.margin < MIN_QUIET_ZONE) {
    errors.push({ field: 'margin', message: `margin (quiet zone) is ${design.margin} ${design.margin === 1 ? 'module' : 'modules'}; at least ${MIN_QUIET_ZONE} are needed to scan (4 recommended)` });
  } else if (design.margin < 4) {
    warnings.push({ code: 'small_quiet_zone', field: 'margin', message: `margin (quiet zone) is ${design.margin} modules; the standard asks for 4` });
  }
  if (context.raster) {
    const perModule = context.raster.px / context.raster.modules;
    // Rounded down in the message: 3.97 px said as "4.0" read as though nothing were wrong.
    if (perModule < MIN_PX_PER_MODULE) {
      const need = Math.ceil(context.raster.modules * MIN_PX_PER_MODULE);
      warnings.push({
        code: 'low_resolution',
        field: 'size',
        message: `${context.raster.px} px gives ${(Math.floor(perModule * 10) / 10).toFixed(1)} px per module; below ${MIN_PX_PER_MODULE} px per module, blur and resampling merge modules — use at least ${need} px`,
      });
    }
  }
  if (context.version !== undefined && context.version >= DENSE_FROM_VERSION) {
    const side = symbolSize(context.version);
    warnings.push({
      code: 'dense_code',
      field: 'content',
      message: `a dense code (version ${context.version}, ${side} × ${side} modules): a phone framing it sees under ${MIN_PX_PER_MODULE} px per module and scanners start to miss it — shorten the content, or use a dynamic code, whose short link keeps the code small`,
    });
  }
  if (design.frame) {
    const ratio = contrastRatio(over(parseColor(design.frame.text_color), WHITE), over(parseColor(design.frame.color), WHITE));
    if (ratio < 3) {
      warnings.push({
        code: 'frame_text_contrast',
        field: 'frame.text_color',
        message: `frame caption contrast is ${ratio.toFixed(2)}:1; the caption may be hard to read: use a white caption on a dark frame (frame.color) or a dark caption on a light one, at least 3:1`,
      });
    }
  }
  if (design.logo && context.version !== undefined) {
    const v = context.version;
    const { worstShare } = logoDamage(v, design.ecc, logoArea(symbolSize(v), design.logo.size));
    if (worstShare > LOGO_BUDGET_SHARE) {
      const max = maxLogoSize(v, design.ecc);
      const pct = Math.round(ECC_RECOVERY[design.ecc] * 100);
      errors.push({
        field: 'logo.size',
        message:
          `${design.logo.size === DESIGN_LIMITS.logoSize.default ? `the logo at its default size (logo.size ${design.logo.size})` : `logo.size ${design.logo.size}`} hides too much of this version-${v} code: it would use ${Math.round(worstShare * 100)}% of ECC ${design.ecc}'s ~${pct}% recovery budget where ${Math.round(LOGO_BUDGET_SHARE * 100)}% is the limit; ` +
          (max > 0 ? `give the logo as {"src": …, "size": ${max}} or smaller` : `a version-${v} code is too small to carry a logo; drop it`),
      });
    }
  }
  return { errors, warnings };
}

/** Runs {@link lintDesign} and throws `design_unscannable` on errors; returns the warnings. */
export function assertScannable(design: Design, context: LintContext = {}): QrWarning[] {
  const { errors, warnings } = lintDesign(design, context);
  if (errors.length > 0) {
    throw new QrDesignError('design_unscannable', errors.map((e) => e.message).join('; '), errors);
  }
  return warnings;
}
