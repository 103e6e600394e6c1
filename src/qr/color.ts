// Colours: parsing the accepted notations and WCAG relative luminance / contrast.

/** An sRGB colour with alpha, channels 0–255, alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** Normalises `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa` to lowercase `#rrggbb` or `#rrggbbaa`; undefined if invalid. */
export function normalizeColor(value: unknown): string | undefined {
  if (typeof value !== 'string' || !HEX.test(value)) return undefined;
  let hex = value.slice(1).toLowerCase();
  if (hex.length <= 4) hex = hex.replace(/./g, (c) => c + c);
  if (hex.endsWith('ff') && hex.length === 8) hex = hex.slice(0, 6);
  return `#${hex}`;
}

/** Parses a normalised colour. */
export function parseColor(hex: string): Rgba {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  const a = hex.length === 9 ? Number.parseInt(hex.slice(7, 9), 16) / 255 : 1;
  return { r: (n >>> 16) & 0xff, g: (n >>> 8) & 0xff, b: n & 0xff, a };
}

/** Composites a translucent colour over an opaque backdrop. */
export function over(top: Rgba, backdrop: Rgba): Rgba {
  const a = top.a;
  return { r: top.r * a + backdrop.r * (1 - a), g: top.g * a + backdrop.g * (1 - a), b: top.b * a + backdrop.b * (1 - a), a: 1 };
}

const linear = (c: number): number => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG 2.x relative luminance of an opaque colour. */
export function luminance(c: Rgba): number {
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

/** WCAG contrast ratio (1–21) between two opaque colours. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const la = luminance(a),
    lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * Signed difference in gamma-encoded luma (0–255), foreground minus background, taking the
 * smaller of BT.601 (zxing) and BT.709 (jsQR) weights: the grey level decoders binarise.
 */
export function lumaDelta(fg: Rgba, bg: Rgba): number {
  const d601 = 0.299 * (fg.r - bg.r) + 0.587 * (fg.g - bg.g) + 0.114 * (fg.b - bg.b);
  const d709 = 0.2126 * (fg.r - bg.r) + 0.7152 * (fg.g - bg.g) + 0.0722 * (fg.b - bg.b);
  return Math.abs(d601) < Math.abs(d709) ? d601 : d709;
}

/** SVG paint attributes for a normalised colour (`fill="#…"` plus opacity when translucent). */
export function paintAttrs(kind: 'fill' | 'stroke' | 'stop-color', hex: string): string {
  if (hex.length !== 9) return `${kind}="${shortHex(hex)}"`;
  const alpha = Math.round((Number.parseInt(hex.slice(7), 16) / 255) * 1000) / 1000;
  const opacity = kind === 'stop-color' ? 'stop-opacity' : `${kind}-opacity`;
  return `${kind}="${shortHex(hex.slice(0, 7))}" ${opacity}="${alpha}"`;
}

/** `#aabbcc` → `#abc` where possible (SVG bytes add up across thousands of codes). */
function shortHex(hex: string): string {
  return hex[1] === hex[2] && hex[3] === hex[4] && hex[5] === hex[6] ? `#${hex[1]}${hex[3]}${hex[5]}` : hex;
}
