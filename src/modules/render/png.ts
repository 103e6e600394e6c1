// PNG rasterisation of engine SVGs (server side: sharp/librsvg).

import { createRequire } from 'node:module';
import type SharpModule from 'sharp';
import { QrDesignError } from '../../qr/index.ts';
import { RasterBudget } from './raster-budget.ts';
import { RASTER_LIMITS } from './size-policy.ts';

/** The pixel budget every PNG of this process is drawn within. */
export const rasterBudget = new RasterBudget();

// sharp brings libvips (glib, its thread pool, ~25 MB resident) into the process; a server that
// only redirects never rasterises, so it is loaded on the first PNG instead of at startup.
let loading: Promise<typeof SharpModule> | null = null;
function loadSharp(): Promise<typeof SharpModule> {
  loading ??= import('sharp').then(async (module) => {
    await registerCaptionFont(module.default);
    return module.default;
  });
  return loading;
}

// Frame captions are SVG text in bold sans (src/qr/svg/frame.ts), drawn by librsvg with the fonts
// fontconfig finds. A host with none (the node:24-slim image, a minimal server) drew every letter
// as an empty box. libvips adds a text image's `fontfile` to fontconfig for the whole process, so
// one tiny text image at load makes the bundled DejaVu Sans Bold available to every SVG after it.
// A host's own Helvetica or Arial still comes first, as the SVG's font-family asks. Best effort:
// without the font (a libvips built without text, the package missing) captions fall back to the
// host's fonts as before, and no PNG fails for it.
async function registerCaptionFont(sharp: typeof SharpModule): Promise<void> {
  try {
    const fontfile = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
    await sharp({ text: { text: 'A', font: 'DejaVu Sans Bold', fontfile } })
      .png()
      .toBuffer();
  } catch (error) {
    process.emitWarning(`the bundled caption font could not be loaded (${error instanceof Error ? error.message : String(error)}); PNG captions use the host's fonts`, {
      code: 'TESSERA_CAPTION_FONT',
    });
  }
}

/**
 * Rasterises an engine SVG so its width is `sizePx` pixels (height follows the aspect ratio, e.g.
 * with a frame). A size outside RASTER_LIMITS is refused like a design error (field `size`).
 */
export async function renderPng(svg: string, sizePx: number = RASTER_LIMITS.default, budget: RasterBudget = rasterBudget): Promise<Buffer> {
  if (!Number.isInteger(sizePx) || sizePx < RASTER_LIMITS.min || sizePx > RASTER_LIMITS.max) {
    const message = `size must be an integer from ${RASTER_LIMITS.min} to ${RASTER_LIMITS.max} pixels; got ${String(sizePx)}`;
    throw new QrDesignError('design_invalid', message, [{ field: 'size', message }]);
  }
  const { width, aspect } = viewBox(svg);
  // Rasterise the vector straight at the target scale (density): crisp edges, and no resize
  // pass. zlib level 3 costs ~7% in bytes against level 6 but saves a third of the time.
  const density = (72 * sizePx) / width;
  const sharp = await loadSharp();
  return budget.run(Math.ceil(sizePx * sizePx * aspect), () => sharp(Buffer.from(svg), { density }).png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer());
}

/** Intrinsic width librsvg will use (the root's width attribute when present, else the viewBox width) and height / width. */
function viewBox(svg: string): { width: number; aspect: number } {
  const root = svg.slice(0, svg.indexOf('>') + 1);
  const m = /\swidth="([\d.]+)"/.exec(root) ?? /viewBox="0 0 ([\d.]+) [\d.]+"/.exec(root);
  if (!m) throw new Error('renderPng expects an SVG produced by renderSvg (viewBox missing)');
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(root);
  return { width: Number(m[1]), aspect: box ? Number(box[2]) / Number(box[1]) : 1 };
}
