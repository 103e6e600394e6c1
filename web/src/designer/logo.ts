// A logo file becomes a data URI within the engine's size limit: small files as they are, larger
// or oversized images redrawn at a smaller size in the browser (PNG keeps transparency; JPEG
// photos stay JPEG). The engine then decides whether the logo fits the code.
import { DESIGN_LIMITS } from './engine.ts';

/** File types a logo may be. */
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
// Wider than this is wasted: a logo covers at most 30% of a code.
const MAX_EDGE = 1024;
const EDGES = [1024, 768, 512, 384, 256, 192, 128, 96];

function readDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

async function loadImage(src: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = src;
  try {
    await image.decode();
  } catch {
    throw new Error('This file is not an image the browser can open.');
  }
  return image;
}

/** The logo as a data URI of at most DESIGN_LIMITS.logoBytes characters. */
export async function logoDataUri(file: File): Promise<string> {
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) throw new Error('Choose a PNG, JPEG or SVG image.');
  const original = await readDataUrl(file);
  const image = await loadImage(original);
  const width = image.naturalWidth || 512;
  const height = image.naturalHeight || 512;
  const limit = DESIGN_LIMITS.logoBytes;
  if (original.length <= limit && (file.type === 'image/svg+xml' || Math.max(width, height) <= MAX_EDGE)) return original;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot resize images; use a logo under 190 KB.');
  for (const edge of EDGES) {
    const scale = Math.min(1, edge / Math.max(width, height));
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const uri = file.type === 'image/jpeg' ? canvas.toDataURL('image/jpeg', 0.88) : canvas.toDataURL('image/png');
    if (uri.length <= limit) return uri;
  }
  throw new Error('This image is too detailed to fit even when made small; try a simpler logo.');
}
