// The design model behind `design_config`: allowed values, defaults, and validation that
// names what is allowed whenever it refuses something.

import { unknownKeyMessage } from './design-keys.ts';
import { hasLoneSurrogate } from './svg/escape.ts';
import { LOGO_MAX_BYTES, LOGO_MIME_TYPES, logoSourceProblem } from './logo-source.ts';
import { ECC_LEVELS } from './capacity.ts';
import type { Ecc } from './capacity.ts';
import { luminance, normalizeColor, parseColor } from './color.ts';
import { QrDesignError } from './errors.ts';
import type { QrErrorDetail } from './errors.ts';

/** Data-module shapes (`shapes`). */
export const SHAPES = ['square', 'dots', 'rounded', 'extra-rounded', 'classy', 'classy-rounded', 'liquid', 'vertical-lines', 'horizontal-lines', 'diamond'] as const;
/** Finder frame shapes (`eyes`). */
export const EYES = ['square', 'rounded', 'extra-rounded', 'circle', 'leaf'] as const;
/** Finder centre shapes (`eye_pupils`). */
export const EYE_PUPILS = ['square', 'rounded', 'circle', 'diamond'] as const;
/** Frames a `diamond` pupil is drawn in; other frames are replaced by `extra-rounded` (docs/qr-design-robustness.md). */
export const DIAMOND_PUPIL_FRAMES: readonly Eye[] = ['extra-rounded', 'circle'];
/** Eyes a circle pupil is drawn in; in the others (square corners) it is drawn rounded. */
export const CIRCLE_PUPIL_FRAMES: readonly Eye[] = ['rounded', 'extra-rounded', 'circle'];
/** Gradient kinds (`gradient.type`). */
export const GRADIENT_TYPES = ['linear', 'radial'] as const;
/** Image types accepted as logo data URIs. */
export { LOGO_MIME_TYPES } from './logo-source.ts';

export type Shape = (typeof SHAPES)[number];
export type Eye = (typeof EYES)[number];
export type EyePupil = (typeof EYE_PUPILS)[number];
export type GradientType = (typeof GRADIENT_TYPES)[number];

/** Limits the validator enforces; exported so the HTTP layer can document them. */
export const DESIGN_LIMITS = {
  margin: { min: 0, max: 16, default: 4 },
  logoSize: { min: 0.05, max: 0.3, default: 0.2 },
  logoBytes: LOGO_MAX_BYTES,
  gradientStops: { min: 2, max: 8 },
  frameText: { maxLength: 32 },
} as const;

/** One colour stop; `offset` 0–1. */
export interface GradientStop {
  offset: number;
  color: string;
}

/** Gradient paint for the data modules and, unless `apply_to_eyes` is false, the eyes. */
export interface Gradient {
  type: GradientType;
  /** Degrees clockwise from left→right (linear only). */
  rotation: number;
  stops: GradientStop[];
  apply_to_eyes: boolean;
}

/** Centred logo; `size` is a fraction of the symbol width. */
export interface Logo {
  src: string;
  size: number;
}

/** Caption frame drawn around the code. */
export interface Frame {
  /** The caption; empty for a border without one. */
  text: string;
  color: string;
  text_color: string;
}

/** A fully-resolved design (every field present). */
export interface Design {
  shapes: Shape;
  eyes: Eye;
  eye_pupils: EyePupil;
  color: string;
  background: string;
  gradient: Gradient | null;
  eye_color: string | null;
  margin: number;
  ecc: Ecc;
  logo: Logo | null;
  frame: Frame | null;
}

/** A non-blocking remark about a design, returned alongside the render. */
export interface QrWarning {
  code: string;
  field: string;
  message: string;
}

/** Defaults applied to every omitted field: `design_config: {}` is a plain black-on-white code. */
export const DEFAULT_DESIGN: Readonly<Design> = Object.freeze({
  shapes: 'square',
  eyes: 'square',
  eye_pupils: 'square',
  color: '#000000',
  background: '#ffffff',
  gradient: null,
  eye_color: null,
  margin: DESIGN_LIMITS.margin.default,
  ecc: 'M',
  logo: null,
  frame: null,
});

const KNOWN_KEYS = ['preset', 'shapes', 'eyes', 'eye_pupils', 'color', 'background', 'gradient', 'eye_color', 'margin', 'ecc', 'logo', 'frame'];

/** Allowed values of every enumerated field, for docs and error messages. */
export const DESIGN_OPTIONS = {
  shapes: SHAPES,
  eyes: EYES,
  eye_pupils: EYE_PUPILS,
  ecc: ECC_LEVELS,
  gradient_types: GRADIENT_TYPES,
  logo_mime_types: LOGO_MIME_TYPES,
  color_formats: ['#rgb', '#rgba', '#rrggbb', '#rrggbbaa'],
  background: ['<color>', 'transparent'],
  limits: DESIGN_LIMITS,
} as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (typeof v === 'string' ? `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'` : (JSON.stringify(v) ?? String(v)));
// The end of a refusal: what was sent, or that nothing was ("got undefined" reads like a bug).
const got = (v: unknown): string => (v === undefined || v === null ? 'it is missing' : `got ${show(v)}`);

/** Collects every problem in one pass so a 400 lists them all at once. */
class Checker {
  readonly errors: QrErrorDetail[] = [];
  fail(field: string, message: string): undefined {
    this.errors.push({ field, message });
    return undefined;
  }
  oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(field, `${field} must be one of: ${allowed.join(', ')}; ${got(value)}`);
  }
  color(field: string, value: unknown): string | undefined {
    return normalizeColor(value) ?? this.fail(field, `${field} must be a colour as #rgb, #rgba, #rrggbb or #rrggbbaa; ${got(value)}`);
  }
  number(field: string, value: unknown, min: number, max: number, integer = false): number | undefined {
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value))) return value;
    return this.fail(field, `${field} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}; ${got(value)}`);
  }
}

const GRADIENT_KEYS = ['type', 'rotation', 'stops', 'apply_to_eyes'];
const STOP_KEYS = ['offset', 'color'];
const LOGO_KEYS = ['src', 'size'];
const FRAME_KEYS = ['text', 'color', 'text_color'];

/** New input only: a key inside gradient, a stop, logo or frame that is none of `known` (a typo such as gradient.angle would be ignored). */
function refuseUnknownKeys(c: Checker, obj: Record<string, unknown>, prefix: string, known: readonly string[]): void {
  for (const key of Object.keys(obj)) if (!known.includes(key)) c.fail(`${prefix}.${key}`, unknownKeyMessage(key, prefix, known));
}

function parseGradient(c: Checker, v: unknown, strict: boolean): Gradient | null | undefined {
  if (v === null || v === undefined) return null;
  if (!isObject(v)) return c.fail('gradient', `gradient must be an object {type: ${GRADIENT_TYPES.join('|')}, rotation, stops: [{offset, color}, …]} or null`);
  if (strict) refuseUnknownKeys(c, v, 'gradient', GRADIENT_KEYS);
  const type = v.type === undefined ? 'linear' : c.oneOf('gradient.type', v.type, GRADIENT_TYPES);
  const rotation = v.rotation === undefined ? 0 : c.number('gradient.rotation', v.rotation, -360, 360);
  const { min, max } = DESIGN_LIMITS.gradientStops;
  if (!Array.isArray(v.stops) || v.stops.length < min || v.stops.length > max) {
    return c.fail('gradient.stops', `gradient.stops must be a list of ${min}–${max} {offset: 0–1, color} entries`);
  }
  const stops: GradientStop[] = [];
  v.stops.forEach((s: unknown, i: number) => {
    const field = `gradient.stops[${i}]`;
    if (!isObject(s)) return c.fail(field, `${field} must be {offset: 0–1, color}`);
    if (strict) refuseUnknownKeys(c, s, field, STOP_KEYS);
    const offset = s.offset === undefined ? i / Math.max(1, (v.stops as unknown[]).length - 1) : c.number(`${field}.offset`, s.offset, 0, 1);
    const color = c.color(`${field}.color`, s.color);
    if (offset !== undefined && color !== undefined) stops.push({ offset, color });
    return undefined;
  });
  stops.sort((a, b) => a.offset - b.offset);
  const applyToEyes = v.apply_to_eyes === undefined ? true : v.apply_to_eyes;
  if (typeof applyToEyes !== 'boolean') return c.fail('gradient.apply_to_eyes', 'gradient.apply_to_eyes must be true or false');
  if (type === undefined || rotation === undefined) return undefined;
  return { type, rotation, stops, apply_to_eyes: applyToEyes };
}

function parseLogo(c: Checker, v: unknown, strict: boolean): Logo | null | undefined {
  if (v === null || v === undefined) return null;
  const obj = typeof v === 'string' ? { src: v } : v;
  if (!isObject(obj)) return c.fail('logo', 'logo must be a data URI string or {src: data URI, size: fraction of the width}');
  if (strict) refuseUnknownKeys(c, obj, 'logo', LOGO_KEYS);
  const problem = logoSourceProblem(obj.src, strict);
  if (problem) return c.fail('logo.src', problem);
  const { min, max, default: def } = DESIGN_LIMITS.logoSize;
  const size = obj.size === undefined ? def : c.number('logo.size', obj.size, min, max);
  return size === undefined ? undefined : { src: obj.src as string, size };
}

/** The darkest stop's colour; undefined while no stop is valid (the design is refused then). */
function darkestStop(gradient: Gradient): string | undefined {
  if (gradient.stops.length === 0) return undefined;
  return gradient.stops.reduce((a, b) => (luminance(parseColor(b.color)) < luminance(parseColor(a.color)) ? b : a)).color;
}

// Controls (C0, DEL, C1), line and paragraph separators and the noncharacters U+FFFE/U+FFFF: none
// is printable, and XML (the SVG the caption is drawn into) cannot carry most of them at all.
// Designs stored before this rule were held to CONTROL only; they are drawn without what XML
// cannot carry (escapeXml).
const CONTROL = /[\u0000-\u001f\u007f]/;
const NOT_TEXT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/;
// Embeddings, overrides and isolates reorder what follows them: a printed caption would read
// otherwise than it was typed (and reviewed). Right-to-left text needs none of them.
const DIRECTION_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
// Emoji need a colour emoji font, which neither the bundled caption font nor librsvg has: a PNG
// (and most print workflows) drew each as an empty box, and the box's hard edges cost jsQR reads
// (an outside audit: 20 of 22 sizes). The pictographs beyond the Basic Multilingual Plane (🎉, 📱,
// flags) and anything asked to show as emoji (U+FE0F) are refused; the older symbols of the BMP
// (⚡, ☕, ♿, ☎, ©, ™) have text glyphs in DejaVu Sans and pass.
const EMOJI = /(?![\u0000-\uffff])\p{Emoji_Presentation}|\ufe0f/u;

function parseFrame(c: Checker, v: unknown, color: string | undefined, strict: boolean): Frame | null | undefined {
  if (v === null || v === undefined || v === false) return null;
  const obj = typeof v === 'string' ? { text: v } : v === true ? {} : v;
  if (!isObject(obj)) return c.fail('frame', 'frame must be {text, color?, text_color?} or null');
  if (strict) refuseUnknownKeys(c, obj, 'frame', FRAME_KEYS);
  const text = obj.text === undefined ? 'SCAN ME' : obj.text;
  const max = DESIGN_LIMITS.frameText.maxLength;
  if (typeof text !== 'string' || text.length > max || (strict ? NOT_TEXT.test(text) || hasLoneSurrogate(text) : CONTROL.test(text))) {
    return c.fail('frame.text', `frame.text must be a single line of at most ${max} printable characters`);
  }
  if (strict && DIRECTION_CONTROL.test(text)) {
    return c.fail('frame.text', 'frame.text must not hold invisible direction controls (U+202A–U+202E, U+2066–U+2069): they make the printed caption read otherwise than typed');
  }
  if (strict && EMOJI.test(text)) {
    return c.fail('frame.text', 'frame.text must not hold emoji: PNG images and printers draw them as empty boxes; write the words instead');
  }
  const frameColor = obj.color === undefined ? (color ?? '#000000') : c.color('frame.color', obj.color);
  const textColor = obj.text_color === undefined ? '#ffffff' : c.color('frame.text_color', obj.text_color);
  if (frameColor === undefined || textColor === undefined) return undefined;
  return { text, color: frameColor, text_color: textColor };
}

/** Resolves a partial `design_config` (plus preset base) into a full {@link Design}; throws listing every problem. */
/** How resolveDesign treats keys it does not know. */
export interface ResolveOptions {
  /**
   * `warn` (default): ignored with an `unknown_key` warning, so a design stored before a key was
   * renamed still renders. `refuse`: a design_invalid error naming the closest known key, for
   * input that is about to be stored or drawn for a caller who can still fix it. `refuse` also
   * holds captions and logos to the rules added since designs were first stored (printable text,
   * no control characters in a logo's URI, logo images whole and of at most LOGO_MAX_SIDE pixels a side);
   * a stored design keeps rendering under the rules it was saved with.
   */
  unknownKeys?: 'warn' | 'refuse';
}

export function resolveDesign(input: unknown, base: Readonly<Design> = DEFAULT_DESIGN, options: ResolveOptions = {}): { design: Design; warnings: QrWarning[] } {
  const warnings: QrWarning[] = [];
  if (input === undefined || input === null) return { design: { ...base }, warnings };
  if (!isObject(input)) {
    throw new QrDesignError('design_invalid', 'design_config must be an object', [{ field: 'design_config', message: 'must be an object' }]);
  }
  const c = new Checker();
  const strict = options.unknownKeys === 'refuse';
  for (const key of Object.keys(input)) {
    if (KNOWN_KEYS.includes(key)) continue;
    if (options.unknownKeys === 'refuse') {
      c.fail(key, unknownKeyMessage(key, 'design_config', KNOWN_KEYS));
    } else warnings.push({ code: 'unknown_key', field: key, message: `ignored unknown design_config key '${key}'; known keys: ${KNOWN_KEYS.join(', ')}` });
  }
  const has = (k: string): boolean => input[k] !== undefined;
  const color = has('color') ? c.color('color', input.color) : base.color;
  let background: string | undefined = base.background;
  if (has('background'))
    background =
      input.background === 'transparent'
        ? 'transparent'
        : (normalizeColor(input.background) ?? c.fail('background', `background must be a colour (#rgb, #rrggbb, …) or 'transparent'; got ${show(input.background)}`));
  const gradient = has('gradient') ? parseGradient(c, input.gradient, strict) : base.gradient;
  // A frame takes the code's colour; on a gradient code with no colour of its own, the gradient's
  // darkest stop rather than the black default, which would clash with it.
  const frameColor = gradient && !has('color') && base.color === DEFAULT_DESIGN.color ? darkestStop(gradient) : color;
  // Fields are undefined where validation failed; nothing is read before the error check below.
  const design: { [K in keyof Design]: Design[K] | undefined } = {
    shapes: has('shapes') ? c.oneOf('shapes', input.shapes, SHAPES) : base.shapes,
    eyes: has('eyes') ? c.oneOf('eyes', input.eyes, EYES) : base.eyes,
    eye_pupils: has('eye_pupils') ? c.oneOf('eye_pupils', input.eye_pupils, EYE_PUPILS) : base.eye_pupils,
    color,
    background,
    gradient,
    eye_color: has('eye_color') ? (input.eye_color === null ? null : c.color('eye_color', input.eye_color)) : base.eye_color,
    margin: has('margin') ? c.number('margin', input.margin, DESIGN_LIMITS.margin.min, DESIGN_LIMITS.margin.max, true) : base.margin,
    ecc: has('ecc') ? c.oneOf('ecc', input.ecc, ECC_LEVELS) : base.ecc,
    logo: has('logo') ? parseLogo(c, input.logo, strict) : base.logo,
    frame: has('frame') ? parseFrame(c, input.frame, frameColor, strict) : base.frame,
  };
  if (c.errors.length > 0) {
    const message = c.errors.length === 1 ? c.errors[0]!.message : `design_config has ${c.errors.length} problems: ${c.errors.map((e) => e.message).join('; ')}`;
    throw new QrDesignError('design_invalid', message, c.errors);
  }
  const resolved = design as Design;
  // A diamond is longer along the axes than along the diagonals, the opposite of a square or
  // leaf frame's hole, so no size of it keeps 1:1:3:1:1 in both directions there (jsQR read 3–33 %
  // of such codes). It is robust only in frames rounded enough to be short along the diagonal.
  if (resolved.eye_pupils === 'diamond' && !DIAMOND_PUPIL_FRAMES.includes(resolved.eyes)) {
    warnings.push({
      code: 'eyes_adjusted',
      field: 'eyes',
      message: `eyes '${resolved.eyes}' drawn as 'extra-rounded': a diamond pupil only scans reliably in ${DIAMOND_PUPIL_FRAMES.join(' or ')} eyes`,
    });
    resolved.eyes = 'extra-rounded';
  }
  // A circle in a square or leaf frame's square hole cannot read 1:1:3:1:1 along the diagonals
  // either (the ring's corners are √2 modules wide there): jsQR read 8 of 21 sharp dot-module codes
  // at 300–1,200 px, and 45 % through the camera chain. A rounded square keeps the frame's look and
  // the proportions: 21 of 21 with every shape (docs/qr-design-robustness.md, ADR 0036).
  if (resolved.eye_pupils === 'circle' && !CIRCLE_PUPIL_FRAMES.includes(resolved.eyes)) {
    warnings.push({
      code: 'eyes_adjusted',
      field: 'eye_pupils',
      message: `eye_pupils 'circle' drawn as 'rounded' in '${resolved.eyes}' eyes: a circle pupil only scans reliably in ${CIRCLE_PUPIL_FRAMES.join(' or ')} eyes`,
    });
    resolved.eye_pupils = 'rounded';
  }
  // A logo hides modules, so only the strongest level leaves a useful recovery budget.
  if (resolved.logo && resolved.ecc !== 'H') {
    if (has('ecc')) warnings.push({ code: 'ecc_raised', field: 'ecc', message: `ecc raised from ${resolved.ecc} to H because a logo covers part of the code` });
    resolved.ecc = 'H';
  }
  return { design: resolved, warnings };
}
