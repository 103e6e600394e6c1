// PNG rasterisation of engine SVGs (server side: sharp/librsvg).

import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { QrDesignError } from '../../qr/index.ts';
import { RasterBudget } from './raster-budget.ts';
import { rasterise } from './rasterise.ts';
import { RASTER_LIMITS } from './size-policy.ts';

/** The pixel budget every PNG of this process is drawn within. */
export const rasterBudget = new RasterBudget();

/** How long a PNG with an SVG logo may take to draw before it is given up. */
export const SVG_LOGO_RENDER_TIMEOUT_MS = 10_000;

// The engine's own shapes cost a bounded time to draw, but an SVG logo is markup anyone with a
// design may write, and librsvg's time on it has no bound: one filter, a few thousand shapes or
// nested masks in a 256 KB logo held a libvips thread for minutes (an audit's single request was
// still drawing after 7 minutes, holding the whole raster budget and then graceful shutdown),
// and libvips draws a nested image again for every strip of the output, so a large PNG multiplies
// it. sharp's own timeout is checked only between strips, so it cannot stop one strip that never
// ends. A PNG with an SVG logo is therefore drawn in a child process killed at the deadline.
// Media types are case-insensitive, and the logo check accepts DATA:IMAGE/SVG+XML too.
const SVG_LOGO = /data:image\/svg\+xml[^"]*/i;
// A child holds a core (and ~80 MB) for up to the deadline, and the pixel budget cannot see that:
// forty 64 px PNGs of a code whose stored logo never finishes, asked anonymously at its public
// render URL, would be forty processes. So only a few draw at once, a few more wait, and the rest
// are told to come back; and a logo that ran out of time is refused at once at that width and
// above, rather than spending the deadline again on every request for it.
/** PNGs with an SVG logo drawn at once per process. */
export const SVG_LOGO_RENDER_SLOTS = 2;
const logoSlots = new RasterBudget(
  SVG_LOGO_RENDER_SLOTS,
  4 * SVG_LOGO_RENDER_SLOTS,
  'This instance is drawing as many codes with SVG logos as it can at once; retry in a few seconds, or use a PNG logo.',
);
const TOO_SLOW_REMEMBERED = 1000;
/** Hash of an SVG logo that ran out of time → the narrowest PNG it ran out of time in (oldest first). */
const tooSlow = new Map<string, number>();

function rememberTooSlow(key: string, sizePx: number): void {
  tooSlow.set(key, Math.min(sizePx, tooSlow.get(key) ?? sizePx));
  if (tooSlow.size > TOO_SLOW_REMEMBERED) tooSlow.delete(tooSlow.keys().next().value!);
}

const CHILD_SCRIPT = new URL(import.meta.url.endsWith('.ts') ? './png-child.ts' : './png-child.js', import.meta.url);

function logoTooSlow(): QrDesignError {
  const seconds = SVG_LOGO_RENDER_TIMEOUT_MS / 1000;
  const message = `the SVG logo takes more than ${seconds} seconds to draw as a PNG; simplify it (fewer shapes, no filters or masks) or use a PNG logo`;
  return new QrDesignError('design_invalid', message, [{ field: 'logo', message }]);
}

// A child stuck in librsvg cannot notice its parent is gone, so one left behind by a server that
// exits (shutdown after its deadline, a crash) would draw on for as long as the logo takes.
const children = new Set<ChildProcess>();
let killOnExit = false;
function track(child: ChildProcess): void {
  if (!killOnExit) {
    killOnExit = true;
    process.once('exit', () => {
      for (const running of children) running.kill('SIGKILL');
    });
  }
  children.add(child);
  child.once('close', () => children.delete(child));
}

/** Draws `svg` at `density` in a child process, killed after `timeoutMs`. */
export function rasteriseIsolated(svg: string, density: number, timeoutMs: number = SVG_LOGO_RENDER_TIMEOUT_MS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(CHILD_SCRIPT), String(density)], { stdio: ['pipe', 'pipe', 'pipe'] });
    track(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(logoTooSlow());
      else if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`the PNG renderer exited with ${code}: ${Buffer.concat(err).toString('utf8').slice(0, 2000)}`));
    });
    // The child may die before reading all of it (killed): its stdin then errors, which close reports.
    child.stdin.on('error', () => {});
    child.stdin.end(svg);
  });
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
  const pixels = Math.ceil(sizePx * sizePx * aspect);
  const logo = SVG_LOGO.exec(svg)?.[0];
  if (logo === undefined) return budget.run(pixels, () => rasterise(svg, density));
  // Keyed by the logo, not the whole SVG: the same stored logo is drawn into many codes and sizes.
  const key = createHash('sha256').update(logo).digest('base64url');
  const slowFrom = tooSlow.get(key);
  if (slowFrom !== undefined && sizePx >= slowFrom) throw logoTooSlow();
  return logoSlots.run(1, () =>
    budget.run(pixels, async () => {
      try {
        return await rasteriseIsolated(svg, density);
      } catch (error) {
        if (error instanceof QrDesignError) rememberTooSlow(key, sizePx);
        throw error;
      }
    }),
  );
}

/** Intrinsic width librsvg will use (the root's width attribute when present, else the viewBox width) and height / width. */
function viewBox(svg: string): { width: number; aspect: number } {
  const root = svg.slice(0, svg.indexOf('>') + 1);
  const m = /\swidth="([\d.]+)"/.exec(root) ?? /viewBox="0 0 ([\d.]+) [\d.]+"/.exec(root);
  if (!m) throw new Error('renderPng expects an SVG produced by renderSvg (viewBox missing)');
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(root);
  return { width: Number(m[1]), aspect: box ? Number(box[2]) / Number(box[1]) : 1 };
}
