// Test logos: small images of each accepted type, as data URIs.

import sharp from 'sharp';

const SVG_LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#e11d48"/><path d="M3 3h4v4H3z" fill="#fff"/></svg>';

/** A 64×64 logo (orange disc with a white square) as PNG, JPEG and SVG data URIs. */
export async function makeLogos(): Promise<{ png: string; jpeg: string; svg: string }> {
  const img = sharp(Buffer.from(SVG_LOGO), { density: 460 }).resize(64, 64);
  const png = await img.clone().png().toBuffer();
  const jpeg = await img.clone().flatten({ background: '#ffffff' }).jpeg().toBuffer();
  return {
    png: `data:image/png;base64,${png.toString('base64')}`,
    jpeg: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
    svg: `data:image/svg+xml;base64,${Buffer.from(SVG_LOGO).toString('base64')}`,
  };
}
