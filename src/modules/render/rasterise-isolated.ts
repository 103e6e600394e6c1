// Drawing an SVG in a child process (png-child.ts) that is killed at a deadline: for markup whose
// drawing time has no bound (an SVG logo, svg-logo.ts says why), which no thread can stop.

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The child ran out of time and was killed. */
export class RasteriseTimeout extends Error {}

const CHILD_SCRIPT = new URL(import.meta.url.endsWith('.ts') ? './png-child.ts' : './png-child.js', import.meta.url);

// A child stuck in librsvg cannot notice its parent is gone, so one left behind by a server that
// exits (shutdown after its deadline, a crash) would draw on for as long as the markup takes.
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

/** Draws `svg` at `density` (72 = one pixel per SVG unit) in a child process, killed after `timeoutMs` (RasteriseTimeout). */
export function rasteriseIsolated(svg: string, density: number, timeoutMs: number): Promise<Buffer> {
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
      if (timedOut) reject(new RasteriseTimeout(`drawing took more than ${timeoutMs} ms`));
      else if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`the PNG renderer exited with ${code}: ${Buffer.concat(err).toString('utf8').slice(0, 2000)}`));
    });
    // The child may die before reading all of it (killed): its stdin then errors, which close reports.
    child.stdin.on('error', () => {});
    child.stdin.end(svg);
  });
}
