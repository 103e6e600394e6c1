// PNG rasterisation of engine SVGs (server side: sharp/librsvg).

import { QrDesignError } from '../../qr/index.ts';
import { RasterBudget } from './raster-budget.ts';
import { rasterise } from './rasterise.ts';
import { RASTER_LIMITS } from './size-policy.ts';
import { withSvgLogoDrawn } from './svg-logo.ts';

/** The pixel budget every PNG of this process is drawn within. */
export const rasterBudget = new RasterBudget();

/**
 * Rasterises an engine SVG so its width is `sizePx` pixels (height follows the aspect ratio, e.g.
 * with a frame). A size outside RASTER_LIMITS is refused like a design error (field `size`).
 */
export async function renderPng(svg: string, sizePx: number = RASTER_LIMITS.default, budget: RasterBudget = rasterBudget): Promise<Buffer> {
  if (!Number.isInteger(sizePx) || sizePx < RASTER_LIMITS.min || sizePx > RASTER_LIMITS.max) {
    const message = `size must be an integer from ${RASTER_LIMITS.min} to ${RASTER_LIMITS.max} pixels; got ${String(sizePx)}`;
    throw new QrDesignError('design_invalid', message, [{ field: 'size', message }]);
  }
  const { width, aspect, units } = viewBox(svg);
  // Rasterise the vector straight at the target scale (density): crisp edges, and no resize
  // pass. zlib level 3 costs ~7% in bytes against level 6 but saves a third of the time.
  const density = (72 * sizePx) / width;
  const pixels = Math.ceil(sizePx * sizePx * aspect);
  const drawn = await withSvgLogoDrawn(svg, sizePx / units);
  return budget.run(pixels, () => rasterise(drawn, density));
}

/** Intrinsic width librsvg will use (the root's width attribute when present, else the viewBox width), height / width, and the viewBox width in user units. */
function viewBox(svg: string): { width: number; aspect: number; units: number } {
  const root = svg.slice(0, svg.indexOf('>') + 1);
  const m = /\swidth="([\d.]+)"/.exec(root) ?? /viewBox="0 0 ([\d.]+) [\d.]+"/.exec(root);
  if (!m) throw new Error('renderPng expects an SVG produced by renderSvg (viewBox missing)');
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(root);
  return { width: Number(m[1]), aspect: box ? Number(box[2]) / Number(box[1]) : 1, units: box ? Number(box[1]) : Number(m[1]) };
}
