// Outline tracing: turns the set of dark modules into one closed path per connected region
// (and per hole), so merged shapes cost a few commands per corner instead of one element
// per module. Corners can be rounded individually, which is how the contour-based shapes
// (square, rounded, extra-rounded, classy, classy-rounded, liquid) differ.

import { PathWriter, fastNum } from './path.ts';

// Directions in screen coordinates (y down): 0 = +x, 1 = +y, 2 = -x, 3 = -y.
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/**
 * Corner radii indexed by `inDir * 4 + outDir`. Right turns ((in + 1) & 3) are convex
 * corners of a dark region, left turns concave ones. E.g. 3*4+0 is a top-left convex corner.
 */
export type CornerRadii = Float64Array;

/** Index into {@link CornerRadii} for a convex corner at the given position. */
export const CONVEX = { topLeft: 3 * 4 + 0, topRight: 0 * 4 + 1, bottomRight: 1 * 4 + 2, bottomLeft: 2 * 4 + 3 } as const;
/** Index into {@link CornerRadii} for each concave corner. */
export const CONCAVE = [0 * 4 + 3, 1 * 4 + 0, 2 * 4 + 1, 3 * 4 + 2] as const;

let edges = new Uint8Array(0);
let original = new Uint8Array(0);
let cornerX = new Int32Array(1024);
let cornerY = new Int32Array(1024);
let cornerIn = new Uint8Array(1024);
let cornerOut = new Uint8Array(1024);

function growCorners(): void {
  const n = cornerX.length * 2;
  const gx = new Int32Array(n);
  gx.set(cornerX);
  cornerX = gx;
  const gy = new Int32Array(n);
  gy.set(cornerY);
  cornerY = gy;
  const gi = new Uint8Array(n);
  gi.set(cornerIn);
  cornerIn = gi;
  const go = new Uint8Array(n);
  go.set(cornerOut);
  cornerOut = go;
}

/**
 * Appends the outlines of `dark` (size × size, 1 = filled) to `w`, offset by (ox, oy).
 * Outer outlines run clockwise and holes anticlockwise, so the default nonzero fill rule
 * leaves holes empty. Diagonal-only neighbours stay separate regions.
 */
export function traceContours(dark: Uint8Array, size: number, radii: CornerRadii, curve: 'arc' | 'quad', w: PathWriter, ox = 0, oy = 0): void {
  const stride = size + 1;
  if (edges.length < stride * stride) edges = new Uint8Array(stride * stride);
  else edges.fill(0, 0, stride * stride);
  // Each dark module contributes the edges it shares with light neighbours, clockwise.
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      if (dark[i] === 0) continue;
      const v = y * stride + x;
      if (y === 0 || dark[i - size] === 0) edges[v]! |= 1;
      if (x === size - 1 || dark[i + 1] === 0) edges[v + 1]! |= 2;
      if (y === size - 1 || dark[i + size] === 0) edges[v + stride + 1]! |= 4;
      if (x === 0 || dark[i - 1] === 0) edges[v + stride]! |= 8;
    }
  }
  // The original edge set decides turns; `edges` tracks what is left to trace.
  if (original.length < edges.length) original = new Uint8Array(edges.length);
  original.set(edges.subarray(0, stride * stride));
  const all = original;
  for (let start = 0; start < stride * stride; start++) {
    while (edges[start] !== 0) {
      const startDir = 31 - Math.clz32(edges[start]! & -edges[start]!);
      let n = 0;
      let vx = start % stride,
        vy = (start - vx) / stride;
      let dir = startDir;
      edges[start]! &= ~(1 << dir);
      for (;;) {
        vx += DX[dir]!;
        vy += DY[dir]!;
        const out = all[vy * stride + vx]!;
        // Prefer the right turn: at a saddle it keeps hugging the current module.
        const right = (dir + 1) & 3,
          left = (dir + 3) & 3;
        const next = out & (1 << right) ? right : out & (1 << dir) ? dir : left;
        if (next !== dir) {
          if (n === cornerX.length) growCorners();
          cornerX[n] = vx;
          cornerY[n] = vy;
          cornerIn[n] = dir;
          cornerOut[n] = next;
          n++;
        }
        const v = vy * stride + vx;
        if (v === start && next === startDir) break;
        edges[v]! &= ~(1 << next);
        dir = next;
      }
      emitLoop(n, radii, curve, w, ox, oy);
    }
  }
}

// Corner commands depend only on (in, out, radius, curve style): build their text once per radii table.
const cornerCache = new WeakMap<CornerRadii, { arc: string[]; quad: string[] }>();

function cornerStrings(radii: CornerRadii, curve: 'arc' | 'quad'): string[] {
  let entry = cornerCache.get(radii);
  if (!entry) {
    const build = (style: 'arc' | 'quad'): string[] => {
      const out = new Array<string>(16).fill('');
      for (let din = 0; din < 4; din++) {
        for (const dout of [(din + 1) & 3, (din + 3) & 3]) {
          const r = radii[din * 4 + dout]!;
          if (r <= 0) continue;
          const w = new PathWriter();
          const ex = (DX[din]! + DX[dout]!) * r,
            ey = (DY[din]! + DY[dout]!) * r;
          if (style === 'arc') w.a(r, 0, dout === ((din + 1) & 3) ? 1 : 0, ex, ey);
          else
            w.cmd('q')
              .n(DX[din]! * r)
              .n(DY[din]! * r)
              .n(ex)
              .n(ey);
          out[din * 4 + dout] = w.d;
        }
      }
      return out;
    };
    entry = { arc: build('arc'), quad: build('quad') };
    cornerCache.set(radii, entry);
  }
  return entry[curve];
}

function emitLoop(n: number, radii: CornerRadii, curve: 'arc' | 'quad', w: PathWriter, ox: number, oy: number): void {
  const corners = cornerStrings(radii, curve);
  const r0 = radii[cornerIn[0]! * 4 + cornerOut[0]!]!;
  w.M(ox + cornerX[0]! + DX[cornerOut[0]!]! * r0, oy + cornerY[0]! + DY[cornerOut[0]!]! * r0);
  // Every piece below starts with a command letter, so it can be appended as plain text.
  let d = '';
  let prevR = r0;
  for (let j = 1; j <= n; j++) {
    const i = j === n ? 0 : j;
    const p = j - 1;
    const din = cornerIn[i]!,
      key = din * 4 + cornerOut[i]!;
    const r = radii[key]!;
    const len = Math.abs(cornerX[i]! - cornerX[p]!) + Math.abs(cornerY[i]! - cornerY[p]!) - prevR - r;
    if (len > 1e-9) d += (din & 1 ? 'v' : 'h') + fastNum(din >= 2 ? -len : len);
    d += corners[key];
    prevR = r;
  }
  w.cmd(`${d}z`);
}
