// SVG renderer: design + encoded symbol → one self-contained, compact SVG document.

import { symbolSize } from '../capacity.ts';
import type { Ecc } from '../capacity.ts';
import { paintAttrs } from '../color.ts';
import type { Design, QrWarning } from '../design.ts';
import { encodeQr } from '../encoder.ts';
import type { EncodeOptions } from '../encoder.ts';
import { QrCapacityError } from '../errors.ts';
import { assertScannable } from '../lint.ts';
import { logoArea } from '../logo.ts';
import type { LogoArea } from '../logo.ts';
import { alignmentPositions } from '../matrix.ts';
import { parseDesign } from '../parse-design.ts';
import { escapeXml } from './escape.ts';
import { alignmentPattern, eyeFrame, eyePupil } from './eyes.ts';
import { backdrop } from './frame.ts';
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
  /** Adds width/height attributes (pixels, for the width); without it the SVG scales to its container. Also lints the pixels per module. */
  sizePx?: number;
  /** Prefix for element ids, to keep several inline SVGs on one page apart. Default: derived from content. */
  idPrefix?: string;
  /**
   * Error correction a payment specification prescribes (Swiss QR Code: M with its cross). It wins
   * over the design's level and the H a logo otherwise implies; the logo budget is still linted at it.
   */
  ecc?: Ecc;
  /** Keys the design does not know: `warn` (default, stored designs) or `refuse` (a caller's request). */
  unknownKeys?: 'warn' | 'refuse';
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

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * Modules drawn in the data shape: all but the finders and alignment patterns (drawn in the
 * eye style) and whatever lies under the logo. Also returns the alignment centres to draw.
 */
function dataShapeModules(modules: Uint8Array, version: number, logo: LogoArea | null): { dark: Uint8Array; alignCentres: [number, number][] } {
  const size = symbolSize(version);
  const dark = modules.slice();
  const clear = (x0: number, y0: number, n: number): void => {
    for (let y = y0; y < y0 + n; y++) dark.fill(0, y * size + x0, y * size + x0 + n);
  };
  clear(0, 0, 7);
  clear(size - 7, 0, 7);
  clear(0, size - 7, 7);
  const alignCentres: [number, number][] = [];
  const align = alignmentPositions(version);
  for (const ay of align) {
    for (const ax of align) {
      // Three positions coincide with finder patterns and hold no alignment pattern.
      if ((ax === 6 && ay === 6) || (ax === 6 && ay === size - 7) || (ax === size - 7 && ay === 6)) continue;
      clear(ax - 2, ay - 2, 5);
      const underLogo = logo !== null && ax + 2 >= logo.start && ax - 2 < logo.end && ay + 2 >= logo.start && ay - 2 < logo.end;
      if (!underLogo) alignCentres.push([ax, ay]);
    }
  }
  if (logo) clear(logo.start, logo.start, logo.end - logo.start);
  return { dark, alignCentres };
}

/** Renders text as a styled QR code SVG; throws QrDesignError / QrCapacityError. */
export function renderSvg(text: string, designInput?: unknown, options: RenderSvgOptions = {}): SvgResult {
  const parsed = parseDesign(designInput, { unknownKeys: options.unknownKeys });
  const design = options.ecc ? { ...parsed.design, ecc: options.ecc } : parsed.design;
  const encodeOptions: EncodeOptions = { ecc: design.ecc };
  if (options.minVersion !== undefined) encodeOptions.minVersion = options.minVersion;
  if (options.version !== undefined) encodeOptions.version = options.version;
  if (options.mask !== undefined) encodeOptions.mask = options.mask;
  let qr;
  try {
    qr = encodeQr(text, encodeOptions);
  } catch (e) {
    // Lower levels are no way out while a logo forces H: say so instead of suggesting them.
    if (!(e instanceof QrCapacityError) || !design.logo || options.ecc) throw e;
    const message = `${e.message.split(' — ')[0]} — a logo needs ECC H: remove the logo or use a dynamic code`;
    throw new QrCapacityError(message, [{ field: 'content', message }]);
  }
  const size = qr.size;

  const logo = design.logo ? logoArea(size, design.logo.size) : null;
  const { dark, alignCentres } = dataShapeModules(qr.modules, qr.version, logo);

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
  eyeFrame(eyes, design.eyes, 0, 0, 'top-left', qr.version);
  eyeFrame(eyes, design.eyes, size - 7, 0, 'top-right', qr.version);
  eyeFrame(eyes, design.eyes, 0, size - 7, 'bottom-left', qr.version);
  for (const [ax, ay] of alignCentres) alignmentPattern(eyes, design.eyes, design.eye_pupils, ax, ay);
  const pupils = new PathWriter();
  eyePupil(pupils, design.eye_pupils, 2, 2, design.eyes, 'top-left');
  eyePupil(pupils, design.eye_pupils, size - 5, 2, design.eyes, 'top-right');
  eyePupil(pupils, design.eye_pupils, 2, size - 5, design.eyes, 'bottom-left');

  const layout = backdrop(design, size);
  const { width, height, offset } = layout;
  const raster = options.sizePx ? { modules: width, px: options.sizePx } : undefined;
  const strict = options.unknownKeys === 'refuse';
  const warnings = [...parsed.warnings, ...assertScannable(design, raster ? { version: qr.version, raster, strict } : { version: qr.version, strict })];
  let body = layout.markup;
  body += `<g transform="translate(${offset} ${offset})">`;
  body += `<path ${modulePaint} d="${shapePath(design.shapes, dark, size)}"/>`;
  body += `<path ${eyePaint} d="${eyes.d}"/><path ${eyePaint} d="${pupils.d}"/>`;
  if (logo && design.logo) {
    // Referenced as an image, never inlined: an SVG logo's own markup could carry script.
    // xlink:href, not SVG 2's bare href: Illustrator and other SVG 1.1 editors a print shop opens
    // the file in drop an image without it, and every browser and librsvg read it too.
    body += `<image xlink:href="${escapeXml(design.logo.src)}" x="${num(logo.imageOffset)}" y="${num(logo.imageOffset)}" width="${num(logo.imageSize)}" height="${num(logo.imageSize)}" preserveAspectRatio="xMidYMid meet"/>`;
  }
  body += '</g>';

  const px = options.sizePx;
  const dims = px ? ` width="${px}" height="${num((px * height) / width)}"` : '';
  const xlink = logo && design.logo ? ' xmlns:xlink="http://www.w3.org/1999/xlink"' : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg"${xlink} viewBox="0 0 ${width} ${height}"${dims}>${defs}${body}</svg>`;
  return { svg, warnings, version: qr.version, ecc: qr.ecc, mask: qr.mask, modules: size, width, height, design };
}
