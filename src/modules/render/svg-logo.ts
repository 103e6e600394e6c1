// An SVG logo in a PNG. The engine's own shapes cost a bounded time to draw, but an SVG logo is
// markup anyone with a design may write, and librsvg's time on it has no bound: one filter, a few
// thousand shapes or nested masks held a libvips thread for minutes (an audit's single request
// with a 2 KB logo of blurred rectangles was still drawing after 7 minutes, holding the raster
// budget and then graceful shutdown), and libvips draws a nested image again for every strip of
// the output. sharp's own timeout is checked only between strips, so it cannot stop a strip that
// never ends.
// So the logo alone is drawn in a child process killed at a deadline, at the size the PNG shows
// it (rounded up to a power of two), and the code is then drawn in this process with that bitmap
// in the logo's place: same box, same `meet` placement. The bitmap is kept, so a stored logo costs
// the child once per size, not once per request (a public render URL in a newsletter would
// otherwise start a process for every reader).

import { createHash } from 'node:crypto';
import { QrDesignError } from '../../qr/index.ts';
import { RasterBudget } from './raster-budget.ts';
import { RasteriseTimeout, rasteriseIsolated } from './rasterise-isolated.ts';

/** How long drawing an SVG logo may take before it is given up. */
export const SVG_LOGO_RENDER_TIMEOUT_MS = 10_000;
/** SVG logos drawn at once per process. */
export const SVG_LOGO_RENDER_SLOTS = 2;

// The logo's <image> as renderSvg writes it: the (XML-escaped) data URI and its square box.
// Media types are case-insensitive, and the logo check accepts DATA:IMAGE/SVG+XML too.
const LOGO_IMAGE = /<image xlink:href="(data:image\/svg\+xml[^"]*)" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/i;
const MIN_SIDE = 32;
const MAX_SIDE = 2048;

// A child holds a core (and ~80 MB) for up to the deadline, which the pixel budget cannot see:
// only a few draw at once, a few more wait, the rest are told to come back.
const slots = new RasterBudget(SVG_LOGO_RENDER_SLOTS, 4 * SVG_LOGO_RENDER_SLOTS, 'This instance is drawing as many SVG logos as it can at once; retry in a few seconds, or use a PNG logo.');

// Drawn logos by logo hash and side, oldest first, within a byte budget.
const DRAWN_BYTES = 32 * 1024 * 1024;
const drawn = new Map<string, Buffer>();
let drawnBytes = 0;
const drawing = new Map<string, Promise<Buffer>>();
// A logo that ran out of time is refused at once at that side and above, rather than spending
// the deadline again on every request for it: hash → the smallest side it ran out of time at.
const TOO_SLOW_REMEMBERED = 1000;
const tooSlow = new Map<string, number>();

function logoTooSlow(): QrDesignError {
  const message = `the SVG logo takes more than ${SVG_LOGO_RENDER_TIMEOUT_MS / 1000} seconds to draw as a PNG; simplify it (fewer shapes, no filters or masks) or use a PNG logo`;
  return new QrDesignError('design_invalid', message, [{ field: 'logo', message }]);
}

function keep(key: string, png: Buffer): void {
  drawn.set(key, png);
  drawnBytes += png.length;
  for (const [oldest, bytes] of drawn) {
    if (drawnBytes <= DRAWN_BYTES || oldest === key) break;
    drawn.delete(oldest);
    drawnBytes -= bytes.length;
  }
}

async function drawLogo(hash: string, href: string, side: number): Promise<Buffer> {
  const key = `${hash}:${side}`;
  const known = drawn.get(key);
  if (known) return known;
  const slowFrom = tooSlow.get(hash);
  if (slowFrom !== undefined && side >= slowFrom) throw logoTooSlow();
  let pending = drawing.get(key);
  if (!pending) {
    const page = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${side}" height="${side}" viewBox="0 0 ${side} ${side}"><image xlink:href="${href}" x="0" y="0" width="${side}" height="${side}" preserveAspectRatio="xMidYMid meet"/></svg>`;
    pending = slots
      .run(1, () => rasteriseIsolated(page, 72, SVG_LOGO_RENDER_TIMEOUT_MS))
      .then(
        (png) => {
          keep(key, png);
          return png;
        },
        (error: unknown) => {
          if (!(error instanceof RasteriseTimeout)) throw error;
          tooSlow.set(hash, Math.min(side, tooSlow.get(hash) ?? side));
          if (tooSlow.size > TOO_SLOW_REMEMBERED) tooSlow.delete(tooSlow.keys().next().value!);
          throw logoTooSlow();
        },
      )
      .finally(() => drawing.delete(key));
    drawing.set(key, pending);
  }
  return pending;
}

/**
 * `svg` with its SVG logo, if any, replaced by a bitmap of it drawn in a child process; `scale`
 * is output pixels per user unit (of the root's viewBox). Refuses a logo that takes too long (400 design_invalid, field
 * `logo`); 503 server_busy when too many logos are being drawn.
 */
export async function withSvgLogoDrawn(svg: string, scale: number): Promise<string> {
  const logo = LOGO_IMAGE.exec(svg);
  if (!logo) return svg;
  const href = logo[1]!;
  const side = Math.min(MAX_SIDE, Math.max(MIN_SIDE, 2 ** Math.ceil(Math.log2(Number(logo[2]) * scale))));
  const png = await drawLogo(createHash('sha256').update(href).digest('base64url'), href, side);
  const at = logo.index + logo[0].indexOf(href);
  return `${svg.slice(0, at)}data:image/png;base64,${png.toString('base64')}${svg.slice(at + href.length)}`;
}
