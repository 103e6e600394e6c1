// Raster helpers for tests: engine SVGs as raw RGBA pixels (for decoders) and text straight to
// PNG. They lived in src/modules/render/png.ts though only tests used them.
import sharp from 'sharp';
import { renderSvg } from '../../src/qr/index.ts';
import type { RenderSvgOptions, SvgResult } from '../../src/qr/index.ts';
import { renderPng } from '../../src/modules/render/index.ts';

/** Intrinsic width librsvg will use: the root's width attribute when present, else the viewBox width. */
function intrinsicWidth(svg: string): number {
  const root = svg.slice(0, svg.indexOf('>') + 1);
  const m = /\swidth="([\d.]+)"/.exec(root) ?? /viewBox="0 0 ([\d.]+) [\d.]+"/.exec(root);
  if (!m) throw new Error('renderRgba expects an SVG produced by renderSvg (viewBox missing)');
  return Number(m[1]);
}

/** Rasterises an SVG `sizePx` wide to raw RGBA pixels on white (for decoders). */
export async function renderRgba(svg: string, sizePx: number): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const { data, info } = await sharp(Buffer.from(svg), { density: (72 * sizePx) / intrinsicWidth(svg) })
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** Text + design straight to PNG through the server's rasteriser; the SVG result (version, warnings, …) comes along. Throws like renderSvg. */
export async function renderQrPng(text: string, design: unknown, sizePx = 512, options: RenderSvgOptions = {}): Promise<SvgResult & { png: Buffer }> {
  const result = renderSvg(text, design, options);
  return { ...result, png: await renderPng(result.svg, sizePx) };
}
