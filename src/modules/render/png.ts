// PNG rasterisation of engine SVGs (server side: sharp/librsvg).

import type SharpModule from 'sharp';
import { QrDesignError } from '../../qr/errors.ts';
import { renderSvg } from '../../qr/svg/render.ts';
import type { RenderSvgOptions, SvgResult } from '../../qr/svg/render.ts';

// sharp brings libvips (glib, its thread pool, ~25 MB resident) into the process; a server that
// only redirects never rasterises, so it is loaded on the first PNG instead of at startup.
let loading: Promise<typeof SharpModule> | null = null;
function loadSharp(): Promise<typeof SharpModule> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}

/** Pixel sizes accepted for PNG output. */
export const PNG_SIZE = { min: 64, max: 4096, default: 512 } as const;

/** Rasterises an engine SVG so its width is `sizePx` pixels (height follows the aspect ratio, e.g. with a frame). */
export async function renderPng(svg: string, sizePx: number = PNG_SIZE.default): Promise<Buffer> {
  if (!Number.isInteger(sizePx) || sizePx < PNG_SIZE.min || sizePx > PNG_SIZE.max) {
    const message = `size must be an integer from ${PNG_SIZE.min} to ${PNG_SIZE.max} pixels; got ${String(sizePx)}`;
    throw new QrDesignError('design_invalid', message, [{ field: 'size', message }]);
  }
  const { width } = viewBox(svg);
  // Rasterise the vector straight at the target scale (density): crisp edges, and no resize
  // pass. zlib level 3 costs ~7% in bytes against level 6 but saves a third of the time.
  const density = (72 * sizePx) / width;
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg), { density })
    .png({ compressionLevel: 3, adaptiveFiltering: false })
    .toBuffer();
}

/** Text + design straight to PNG; the SVG result (version, warnings, …) comes along. Throws like renderSvg. */
export async function renderQrPng(text: string, design: unknown, sizePx: number = PNG_SIZE.default, options: RenderSvgOptions = {}): Promise<SvgResult & { png: Buffer }> {
  const result = renderSvg(text, design, options);
  return { ...result, png: await renderPng(result.svg, sizePx) };
}

/** Rasterises to raw RGBA pixels (for decoders and tests). */
export async function renderRgba(svg: string, sizePx: number): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const { width } = viewBox(svg);
  const sharp = await loadSharp();
  const { data, info } = await sharp(Buffer.from(svg), { density: (72 * sizePx) / width })
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** Intrinsic width librsvg will use: the root's width attribute when present, else the viewBox width. */
function viewBox(svg: string): { width: number } {
  const root = svg.slice(0, svg.indexOf('>') + 1);
  const m = /\swidth="([\d.]+)"/.exec(root) ?? /viewBox="0 0 ([\d.]+) [\d.]+"/.exec(root);
  if (!m) throw new Error('renderPng expects an SVG produced by renderSvg (viewBox missing)');
  return { width: Number(m[1]) };
}
