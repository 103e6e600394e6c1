// What a logo's data URI may hold: an image type drawn by every renderer, as many bytes as a
// design document has room for, characters an SVG attribute can carry, and images no larger than
// a logo is ever drawn. A logo is limited in bytes, but a compressed PNG of one colour is a few
// kilobytes at 12,000 × 12,000 pixels, and whatever draws the code (librsvg on the server, the
// browser for an SVG) decodes every pixel: ~5 s and +560 MB for one request. The header says how
// large an image is before anything decodes it. Browser-safe (atob, typed arrays only): the
// designer validates with the same code.

import { hasLoneSurrogate } from './svg/escape.ts';

/** Image types a logo may be. */
export const LOGO_MIME_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'] as const;
/** Longest logo data URI, in characters. */
export const LOGO_MAX_BYTES = 256 * 1024;

/** Longest side a logo image may have: a logo covers at most 30 % of a code of at most 4,096 px. */
export const LOGO_MAX_SIDE = 2048;

/** Width and height of an image. */
export interface ImageSize {
  width: number;
  height: number;
}

/** Bytes of a base64 text (whitespace-free, as validated); null when it is not base64. */
export function base64Bytes(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

/** A PNG's size from its IHDR chunk (always the first); null when the bytes are no PNG. */
export function pngSize(b: Uint8Array): ImageSize | null {
  if (b.length < 24 || PNG_SIGNATURE.some((v, i) => b[i] !== v)) return null;
  if (String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return null;
  return { width: u32(b, 16), height: u32(b, 20) };
}

/**
 * Whether a PNG's chunks run whole from its signature to IEND with image data between: a logo cut
 * short (a base64 text copied in part, an upload that stopped) keeps its header, passes every
 * other check, and draws as an empty hole where the logo should be.
 */
export function pngComplete(b: Uint8Array): boolean {
  let at = PNG_SIGNATURE.length;
  let data = false;
  while (at + 12 <= b.length) {
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    const end = at + 12 + u32(b, at);
    if (end > b.length) return false;
    if (type === 'IDAT') data = true;
    if (type === 'IEND') return data;
    at = end;
  }
  return false;
}

/** Whether a JPEG's entropy-coded data after its first start-of-scan ends with the end-of-image marker (see pngComplete). */
export function jpegComplete(b: Uint8Array): boolean {
  let at = 2;
  while (at + 4 <= b.length && b[at] === 0xff) {
    const marker = b[at + 1]!;
    if (marker === 0xff || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xda) {
      // Inside scan data a 0xFF byte is followed by 0x00 or a restart marker, never by 0xD9.
      for (let i = at + 2; i + 1 < b.length; i++) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
      return false;
    }
    at += 2 + ((b[at + 2]! << 8) | b[at + 3]!);
  }
  return false;
}

/** A JPEG's size from its first start-of-frame segment; null when the bytes are no JPEG or hold none. */
export function jpegSize(b: Uint8Array): ImageSize | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    // Fill bytes, and markers that stand alone (RSTn, TEM) carry no length.
    if (marker === 0xff) {
      at++;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    // SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC): height, then width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (b[at + 5]! << 8) | b[at + 6]!, width: (b[at + 7]! << 8) | b[at + 8]! };
    }
    at += 2 + ((b[at + 2]! << 8) | b[at + 3]!);
  }
  return null;
}

/** The size of a PNG or JPEG in base64 and whether its data runs to its end; null when it does not read as one. */
export function rasterSize(mime: string, base64: string): (ImageSize & { complete: boolean }) | null {
  const bytes = base64Bytes(base64);
  if (!bytes) return null;
  const size = mime === 'image/png' ? pngSize(bytes) : mime === 'image/jpeg' ? jpegSize(bytes) : null;
  return size && { ...size, complete: mime === 'image/png' ? pngComplete(bytes) : jpegComplete(bytes) };
}

// Raster images an SVG logo embeds as base64 data URIs (design tools export placed bitmaps so).
const EMBEDDED = /data:(image\/(?:png|jpe?g))(?:;[^,;"'\s)]*)*;base64,([A-Za-z0-9+/=\s]+)/gi;

/**
 * Why a logo's images are too large or unreadable, or null when they are fine: the PNG or JPEG
 * itself, or each PNG or JPEG an SVG logo embeds. `svgText` is the SVG's markup for SVG logos.
 */
export function logoImageProblem(mime: string, base64Body: string | null, svgText: string | null): string | null {
  const images: Array<{ mime: string; body: string; nested: boolean }> = [];
  if (mime !== 'image/svg+xml' && base64Body !== null) images.push({ mime, body: base64Body, nested: false });
  // Design tools wrap embedded base64 with character references (Illustrator: `&#xA;`): read as the characters they stand for.
  const markup = svgText?.replace(/&#(x[0-9a-f]{1,6}|\d{1,7});/gi, (_, code: string) => {
    const point = /^x/i.test(code) ? Number.parseInt(code.slice(1), 16) : Number(code);
    return point <= 0x10ffff ? String.fromCodePoint(point) : '';
  });
  if (markup) for (const m of markup.matchAll(EMBEDDED)) images.push({ mime: m[1]!.toLowerCase().replace('jpg', 'jpeg'), body: m[2]!.replace(/\s+/g, ''), nested: true });
  for (const image of images) {
    const size = rasterSize(image.mime, image.body);
    const what = `${image.nested ? 'an image the SVG embeds' : 'the image'} (${image.mime.slice(6).toUpperCase()})`;
    if (!size) return `${what} cannot be read: its header is missing or damaged`;
    if (size.width === 0 || size.height === 0) return `${what} is empty (${size.width} × ${size.height} pixels)`;
    if (size.width > LOGO_MAX_SIDE || size.height > LOGO_MAX_SIDE) {
      return `${what} is ${size.width.toLocaleString('en-US')} × ${size.height.toLocaleString('en-US')} pixels; at most ${LOGO_MAX_SIDE.toLocaleString('en-US')} on each side (a logo is drawn at most ~1,230 px wide): scale it down`;
    }
    if (!size.complete) return `${what} is cut off before its end and would draw as an empty square; send the whole file (was the base64 text copied in full?)`;
  }
  return null;
}

const DATA_URI = /^data:(image\/(?:png|jpeg|svg\+xml))((?:;[^,;]*)*),/i;
// New input: parameters are tokens (RFC 2045: `;base64`, `;charset=utf-8`, `;name=logo.png`).
const TOKEN_PARAMETERS = /^(?:;[A-Za-z0-9!#$%&'*+.^_`|~=-]*)*$/;
// What an XML attribute cannot hold even escaped; the URI goes into the SVG's href.
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// Leading base64 of each raster type's signature, so a mislabelled payload is caught here.
const MAGIC: Record<string, string> = { 'image/png': 'iVBORw0KGgo', 'image/jpeg': '/9j/' };

/** An SVG logo's markup from its data URI body (base64, or percent-encoded text). */
function svgMarkup(body: string, base64: boolean): string {
  if (base64) {
    const bytes = base64Bytes(body);
    return bytes ? new TextDecoder().decode(bytes) : '';
  }
  try {
    return decodeURIComponent(body);
  } catch {
    return body;
  }
}

/**
 * What is wrong with a logo's `src`, or null. With
 * `strict` (new input) also the characters and image sizes added as rules since designs were
 * first stored; a stored logo is held to the rules it was saved under.
 */
export function logoSourceProblem(src: unknown, strict: boolean): string | null {
  const m = typeof src === 'string' ? DATA_URI.exec(src) : null;
  if (!m || typeof src !== 'string') return `logo.src must be a data URI of type ${LOGO_MIME_TYPES.join(', ')} (e.g. data:image/png;base64,…)`;
  if (strict && (NOT_IN_XML.test(src) || hasLoneSurrogate(src))) return 'logo.src holds control characters; percent-encode the image or send it as base64';
  if (strict && !TOKEN_PARAMETERS.test(m[2]!)) return `logo.src has parameters that are not plain tokens ('${m[2]!.slice(0, 40)}'); percent-encode them or leave them out`;
  if (src.length > LOGO_MAX_BYTES) return `logo.src is ${src.length.toLocaleString('en-US')} bytes; at most ${LOGO_MAX_BYTES.toLocaleString('en-US')} are allowed`;
  const mime = m[1]!.toLowerCase();
  const base64 = m[2]!.toLowerCase().split(';').includes('base64');
  const body = src.slice(m[0].length);
  if (base64 && !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return 'logo.src declares base64 but holds other characters';
  const magic = MAGIC[mime];
  if (magic && (!base64 || !body.startsWith(magic))) return `logo.src must hold a base64 ${mime.slice(6).toUpperCase()} image`;
  const image = strict ? logoImageProblem(mime, base64 ? body : null, mime === 'image/svg+xml' ? svgMarkup(body, base64) : null) : null;
  return image ? `logo.src: ${image}` : null;
}
