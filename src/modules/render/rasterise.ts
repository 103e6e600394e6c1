// Drawing an SVG with sharp/librsvg in this process: what png.ts does for most PNGs and the child
// process (png-child.ts) does for those with an SVG logo. Kept apart from png.ts so the child loads
// sharp and nothing else.

import { createRequire } from 'node:module';
import type SharpModule from 'sharp';

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

/** Draws `svg` at `density` (72 = one pixel per SVG unit) in this process. */
export async function rasterise(svg: string, density: number): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg), { density }).png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer();
}
