// Image degradations for the QR robustness suite: what print, screens and phone cameras do to a
// code, applied with sharp to an RGB raster. Every random step takes a seed, so a failing case
// reproduces exactly.

import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { renderRgba } from './raster.ts';
import type { Pixels } from './decode-qr.ts';
import { mulberry32 } from './prng.ts';

/** An opaque RGB raster (3 bytes a pixel). */
export interface Rgb {
  data: Buffer;
  width: number;
  height: number;
}

/** Rasterises an engine SVG at `pxPerModule` pixels per module (quiet zone and frame included). */
export async function rasterAt(svg: string, pxPerModule: number): Promise<Rgb> {
  const width = Number(/viewBox="0 0 ([\d.]+)/.exec(svg)?.[1]);
  const img = await renderRgba(svg, Math.max(64, Math.round(width * pxPerModule)));
  return toRgb(img);
}

/** Drops alpha (the raster is already flattened on white). */
export function toRgb(img: Pixels): Rgb {
  const n = img.width * img.height;
  const data = Buffer.alloc(n * 3);
  for (let i = 0; i < n; i++) {
    data[i * 3] = img.data[i * 4]!;
    data[i * 3 + 1] = img.data[i * 4 + 1]!;
    data[i * 3 + 2] = img.data[i * 4 + 2]!;
  }
  return { data, width: img.width, height: img.height };
}

/** RGBA view for the decoders. */
export function toPixels(img: Rgb): Pixels {
  const n = img.width * img.height;
  const data = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    data[i * 4] = img.data[i * 3]!;
    data[i * 4 + 1] = img.data[i * 3 + 1]!;
    data[i * 4 + 2] = img.data[i * 3 + 2]!;
    data[i * 4 + 3] = 255;
  }
  return { data, width: img.width, height: img.height };
}

const input = (img: Rgb) => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });

async function out(s: Sharp): Promise<Rgb> {
  const { data, info } = await s.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Gaussian blur (defocus, print spread). */
export const blur = (img: Rgb, sigma: number): Promise<Rgb> => out(input(img).blur(sigma));

/** JPEG round trip at the given quality (messaging apps, screenshots). */
export async function jpeg(img: Rgb, quality: number): Promise<Rgb> {
  const bytes = await input(img).jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
  return out(sharp(bytes));
}

/** Rotation by `degrees`, the new corners filled white (a tilted phone). */
export const rotate = (img: Rgb, degrees: number): Promise<Rgb> => out(input(img).rotate(degrees, { background: '#ffffff' }));

/** Non-uniform scale: width × `factor`, height kept (a stretched or obliquely seen code). */
export const squeeze = (img: Rgb, factor: number): Promise<Rgb> => out(input(img).resize(Math.round(img.width * factor), img.height, { fit: 'fill', kernel: 'lanczos3' }));

/** Per-pixel map of every channel. */
function mapChannels(img: Rgb, f: (v: number) => number): Rgb {
  const data = Buffer.alloc(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, Math.round(f(img.data[i]!))));
  return { ...img, data };
}

/** The code printed at `opacity` over a grey (`grey` 0–255) surface. */
export const overGrey = (img: Rgb, opacity: number, grey = 128): Rgb => mapChannels(img, (v) => v * opacity + grey * (1 - opacity));

/** Contrast scaled to `factor` around mid-grey (washed-out print, glare). */
export const contrast = (img: Rgb, factor: number): Rgb => mapChannels(img, (v) => 128 + (v - 128) * factor);

/** Additive Gaussian noise of standard deviation `sigma` per channel (sensor noise: each photosite on its own), seeded. */
export function noise(img: Rgb, sigma: number, seed: number): Rgb {
  const rand = mulberry32(seed);
  const data = Buffer.alloc(img.data.length);
  for (let i = 0; i < data.length; i++) {
    // Box–Muller; 1 - rand() keeps the logarithm finite.
    const n = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()) * sigma;
    data[i] = Math.max(0, Math.min(255, Math.round(img.data[i]! + n)));
  }
  return { ...img, data };
}

/** Rasterises an engine SVG `px` pixels wide whatever its version: what a camera that frames the code the same way sees. */
export async function rasterWidth(svg: string, px: number): Promise<Rgb> {
  return toRgb(await renderRgba(svg, px));
}

/**
 * A phone camera in miniature: 4 px a module, defocus σ1, a 10° tilt, contrast down to 70 %,
 * sensor noise σ20 and JPEG 50, in the order a camera applies them.
 */
export async function cameraChain(svg: string, seed: number): Promise<Rgb> {
  return cameraSteps(await rasterAt(svg, 4), seed);
}

/** The camera chain's steps after the raster, for a capture of another size (see rasterWidth). */
export async function cameraSteps(raster: Rgb, seed: number): Promise<Rgb> {
  let img = await blur(raster, 1);
  img = await rotate(img, 10);
  img = contrast(img, 0.7);
  img = noise(img, 20, seed);
  return jpeg(img, 50);
}
