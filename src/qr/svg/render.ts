// SVG renderer: design + encoded symbol → one self-contained, compact SVG document.

import type { Ecc } from '../capacity.ts';
import type { Design, QrWarning } from '../design.ts';
import { encodeQr } from '../encoder.ts';
import { QrCapacityError } from '../errors.ts';
import type { EncodeOptions } from '../encoder.ts';
import { assertScannable } from '../lint.ts';
import { logoArea } from '../logo.ts';
import { parseDesign } from '../parse-design.ts';
import { paintAttrs } from '../color.ts';
import { escapeXml } from './escape.ts';
import { eyeFrame, eyePupil } from './eyes.ts';
import { gradientElement } from './gradient.ts';
import { PathWriter, num } from './path.ts';
import { shapePath } from './shapes.ts';

/** Options for {@link renderSvg} besides the design. */
export interface RenderSvgOptions {
  /** Smallest version to use (e.g. to keep a family of codes the same size). */
  minVersion?: number;
  /** Exact version. */
  version?: number;
  /** Forced mask 0–7. */
  mask?: number;
  /** Adds width/height attributes (pixels, for the width); without it the SVG scales to its container. */
  sizePx?: number;
  /** Prefix for element ids, to keep several inline SVGs on one page apart. Default: derived from content. */
  idPrefix?: string;
}

/** A rendered code. Width/height are in viewBox units (modules). */
export interface SvgResult {
  svg: string;
  warnings: QrWarning[];
  version: number;
  ecc: Ecc;
  mask: number;
  /** Modules per side, without quiet zone. */
  modules: number;
  width: number;
  height: number;
  design: Design;
}

/** Frame geometry in modules: border around the quiet zone and the caption band below. */
const FRAME_BORDER = 1;
const CAPTION_BAND = 5;

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** Renders text as a styled QR code SVG; throws QrDesignError / QrCapacityError. */
export function renderSvg(text: string, designInput?: unknown, options: RenderSvgOptions = {}): SvgResult {
  const parsed = parseDesign(designInput);
  const design = parsed.design;
  const encodeOptions: EncodeOptions = { ecc: design.ecc };
  if (options.minVersion !== undefined) encodeOptions.minVersion = options.minVersion;
  if (options.version !== undefined) encodeOptions.version = options.version;
  if (options.mask !== undefined) encodeOptions.mask = options.mask;
  let qr;
  try {
    qr = encodeQr(text, encodeOptions);
  } catch (e) {
    // Lower levels are no way out while a logo forces H: say so instead of suggesting them.
    if (!(e instanceof QrCapacityError) || !design.logo) throw e;
    const message = `${e.message.split(' — ')[0]} — a logo needs ECC H: remove the logo or use a dynamic code`;
    throw new QrCapacityError(message, [{ field: 'content', message }]);
  }
  const warnings = [...parsed.warnings, ...assertScannable(design, { version: qr.version })];
  const size = qr.size;

  // Modules drawn with the data shape: everything except the finders (drawn as eyes) and the logo area.
  const dark = qr.modules.slice();
  for (const [fx, fy] of [[0, 0], [size - 7, 0], [0, size - 7]] as const) {
    for (let y = fy; y < fy + 7; y++) dark.fill(0, y * size + fx, y * size + fx + 7);
  }
  const logo = design.logo ? logoArea(size, design.logo.size) : null;
  if (logo) for (let y = logo.start; y < logo.end; y++) dark.fill(0, y * size + logo.start, y * size + logo.end);

  const id = options.idPrefix ?? `q${fnv1a(text)}`;
  let defs = '';
  let modulePaint = paintAttrs('fill', design.color);
  let eyePaint = design.eye_color ? paintAttrs('fill', design.eye_color) : modulePaint;
  if (design.gradient) {
    const gid = `${id}${fnv1a(JSON.stringify(design.gradient))}`;
    defs = `<defs>${gradientElement(gid, design.gradient, size)}</defs>`;
    modulePaint = `fill="url(#${escapeXml(gid)})"`;
    if (!design.eye_color) eyePaint = design.gradient.apply_to_eyes ? modulePaint : paintAttrs('fill', design.color);
  }

  const eyes = new PathWriter();
  eyeFrame(eyes, design.eyes, 0, 0, 'top-left');
  eyeFrame(eyes, design.eyes, size - 7, 0, 'top-right');
  eyeFrame(eyes, design.eyes, 0, size - 7, 'bottom-left');
  const pupils = new PathWriter();
  eyePupil(pupils, design.eye_pupils, 2, 2);
  eyePupil(pupils, design.eye_pupils, size - 5, 2);
  eyePupil(pupils, design.eye_pupils, 2, size - 5);

  const m = design.margin;
  const inner = size + 2 * m;
  const frame = design.frame;
  const width = frame ? inner + 2 * FRAME_BORDER : inner;
  const height = frame ? inner + FRAME_BORDER + CAPTION_BAND : inner;
  const offset = frame ? m + FRAME_BORDER : m;
  const transparent = design.background === 'transparent';

  let body = '';
  if (frame) {
    // Frame as a ring around the quiet zone, so a transparent background never shows the frame colour behind the code.
    const f = new PathWriter();
    f.M(1.5, 0).h(width - 3).a(1.5, 0, 1, 1.5, 1.5).v(height - 3).a(1.5, 0, 1, -1.5, 1.5).h(-(width - 3)).a(1.5, 0, 1, -1.5, -1.5).v(-(height - 3)).a(1.5, 0, 1, 1.5, -1.5).z();
    f.M(FRAME_BORDER, FRAME_BORDER).v(inner).h(inner).v(-inner).z();
    body += `<path ${paintAttrs('fill', frame.color)} d="${f.d}"/>`;
    if (!transparent) body += `<rect x="${FRAME_BORDER}" y="${FRAME_BORDER}" width="${inner}" height="${inner}" ${paintAttrs('fill', design.background)}/>`;
    const fontSize = Math.min(2.6, (width - 2) / Math.max(1, frame.text.length * 0.62));
    body += `<text x="${num(width / 2)}" y="${num(FRAME_BORDER + inner + CAPTION_BAND / 2 + fontSize * 0.36)}" text-anchor="middle" font-family="Helvetica, Arial, 'DejaVu Sans', sans-serif" font-weight="700" font-size="${num(fontSize)}" ${paintAttrs('fill', frame.text_color)}>${escapeXml(frame.text)}</text>`;
  } else if (!transparent) {
    body += `<rect width="${width}" height="${height}" ${paintAttrs('fill', design.background)}/>`;
  }
  body += `<g transform="translate(${offset} ${offset})">`;
  body += `<path ${modulePaint} d="${shapePath(design.shapes, dark, size)}"/>`;
  body += `<path ${eyePaint} d="${eyes.d}"/><path ${eyePaint} d="${pupils.d}"/>`;
  if (logo && design.logo) {
    // Referenced as an image, never inlined: an SVG logo's own markup could carry script.
    body += `<image href="${escapeXml(design.logo.src)}" x="${num(logo.imageOffset)}" y="${num(logo.imageOffset)}" width="${num(logo.imageSize)}" height="${num(logo.imageSize)}" preserveAspectRatio="xMidYMid meet"/>`;
  }
  body += '</g>';

  const px = options.sizePx;
  const dims = px ? ` width="${px}" height="${num((px * height) / width)}"` : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}"${dims}>${defs}${body}</svg>`;
  return { svg, warnings, version: qr.version, ecc: qr.ecc, mask: qr.mask, modules: size, width, height, design };
}
