// Module matrix: function patterns, codeword placement, the eight masks and the penalty
// score. Everything that depends only on the version (patterns, the zigzag placement order,
// mask bits along that order) is computed once per version and cached, so encoding a code
// is a handful of typed-array passes. Matrices are row-major, 1 = dark.

import { ECC_FORMAT_BITS, symbolSize } from './capacity.ts';
import type { Ecc } from './capacity.ts';

/** Per-version precomputation. */
interface Template {
  size: number;
  /** Function patterns drawn (format area left light). */
  base: Uint8Array;
  /** 1 where a module belongs to a function pattern (never masked). */
  isFunction: Uint8Array;
  /** Matrix indices of the data modules in placement (zigzag) order. */
  order: Uint16Array;
  /** For each entry of `order`, bit m set when mask m inverts that module; built lazily. */
  maskPacked: Uint8Array | undefined;
}

const templates: (Template | undefined)[] = [];

/** Centres of alignment patterns along one axis (ISO/IEC 18004 Annex E). */
export function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const result = [6];
  for (let pos = symbolSize(version) - 7; result.length < count; pos -= step) result.splice(1, 0, pos);
  return result;
}

function buildTemplate(version: number): Template {
  const size = symbolSize(version);
  const base = new Uint8Array(size * size);
  const isFunction = new Uint8Array(size * size);
  const set = (x: number, y: number, dark: boolean): void => {
    base[y * size + x] = dark ? 1 : 0;
    isFunction[y * size + x] = 1;
  };
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  // Finder patterns with their separators (the ring at distance 4 is the light separator).
  for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]] as const) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx, y = cy + dy;
        if (x < 0 || x >= size || y < 0 || y >= size) continue;
        const dist = Math.max(Math.abs(dx), Math.abs(dy));
        set(x, y, dist !== 2 && dist !== 4);
      }
    }
  }
  const align = alignmentPositions(version);
  const last = align.length - 1;
  for (let i = 0; i <= last; i++) {
    for (let j = 0; j <= last; j++) {
      // The three corners are taken by finder patterns.
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) set(align[i]! + dx, align[j]! + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
  }
  // Reserve the format areas (drawn per mask later) and the always-dark module.
  for (let i = 0; i < 9; i++) {
    if (i === 6) continue; // timing pattern crosses here
    set(8, i, false);
    set(i, 8, false);
  }
  for (let i = 0; i < 8; i++) {
    set(size - 1 - i, 8, false);
    set(8, size - 1 - i, false);
  }
  set(8, size - 8, true);
  if (version >= 7) {
    let rem = version;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const bits = (version << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) !== 0;
      const a = size - 11 + (i % 3), b = Math.floor(i / 3);
      set(a, b, dark);
      set(b, a, dark);
    }
  }
  // Zigzag: two-module-wide columns from the right, alternating up and down, skipping column 6.
  const order = new Uint16Array(size * size);
  let n = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let vert = 0; vert < size; vert++) {
      const y = upward ? size - 1 - vert : vert;
      for (let j = 0; j < 2; j++) {
        const idx = y * size + right - j;
        if (isFunction[idx] === 0) order[n++] = idx;
      }
    }
  }
  return { size, base, isFunction, order: order.slice(0, n), maskPacked: undefined };
}

/** The cached per-version template. */
export function templateFor(version: number): Template {
  return (templates[version] ??= buildTemplate(version));
}

const placementCache: (Int32Array | undefined)[] = [];

/** For each matrix index, its position in the zigzag placement order, or -1 for function modules. */
export function placementIndex(version: number): Int32Array {
  let inv = placementCache[version];
  if (!inv) {
    const t = templateFor(version);
    inv = new Int32Array(t.size * t.size).fill(-1);
    for (let k = 0; k < t.order.length; k++) inv[t.order[k]!] = k;
    placementCache[version] = inv;
  }
  return inv;
}

/** Whether mask `mask` inverts the module at (x, y). */
export function maskCondition(mask: number, x: number, y: number): boolean {
  switch (mask) {
    case 0: return (x + y) % 2 === 0;
    case 1: return y % 2 === 0;
    case 2: return x % 3 === 0;
    case 3: return (x + y) % 3 === 0;
    case 4: return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0;
    case 5: return ((x * y) % 2) + ((x * y) % 3) === 0;
    case 6: return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
    case 7: return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
    default: throw new RangeError(`mask must be 0–7; got ${mask}`);
  }
}

function maskPackedFor(t: Template): Uint8Array {
  if (!t.maskPacked) {
    const packed = new Uint8Array(t.order.length);
    for (let k = 0; k < t.order.length; k++) {
      const idx = t.order[k]!;
      const x = idx % t.size, y = Math.floor(idx / t.size);
      let b = 0;
      for (let msk = 0; msk < 8; msk++) if (maskCondition(msk, x, y)) b |= 1 << msk;
      packed[k] = b;
    }
    t.maskPacked = packed;
  }
  return t.maskPacked;
}

/** The 15 format bits (level and mask, BCH-protected, XOR-masked). */
function formatBits(ecc: Ecc, mask: number): number {
  const data = (ECC_FORMAT_BITS[ecc] << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

/** Matrix indices of format bit i (0–14), first copy then second copy. */
function formatPositions(size: number): Int32Array {
  const pos = new Int32Array(30);
  for (let i = 0; i <= 5; i++) pos[i] = i * size + 8;
  pos[6] = 7 * size + 8;
  pos[7] = 8 * size + 8;
  pos[8] = 8 * size + 7;
  for (let i = 9; i < 15; i++) pos[i] = 8 * size + 14 - i;
  for (let i = 0; i < 8; i++) pos[15 + i] = 8 * size + size - 1 - i;
  for (let i = 8; i < 15; i++) pos[15 + i] = (size - 15 + i) * size + 8;
  return pos;
}

// N1 points for a run of length L: 3 at five, one more per extra module.
const N1_POINTS = new Int32Array(200);
for (let len = 5; len < 200; len++) N1_POINTS[len] = len - 2;

const runs = new Int32Array(200);

/**
 * Rules N1 (runs ≥ 5) and N3 (finder-like 1:1:3:1:1 with four light modules on one side;
 * the border counts as light) along one line of one mask, scored exactly as Nayuki does.
 * Bit `shift` of each byte is the module under the mask being scored. The line is first
 * run-length encoded without branches (random data makes colour changes unpredictable,
 * and mispredictions dominated the naive loop), then the runs are scored.
 */
function linePenalty(m: Uint8Array, size: number, start: number, stride: number, shift: number): number {
  let k = 0;
  let prev = 0;
  runs[0] = 0;
  const end = start + size * stride;
  for (let idx = start; idx !== end; idx += stride) {
    const c = (m[idx]! >>> shift) & 1;
    const d = c ^ prev;
    k += d;
    runs[k] = (runs[k]! & (d - 1)) + 1; // a new run starts at 1, else grows
    prev = c;
  }
  let result = 0;
  for (let j = 0; j <= k; j++) result += N1_POINTS[runs[j]!]!;
  // Runs alternate light (even index) / dark; the light border extends both ends.
  runs[0]! += size;
  if (prev === 1) runs[++k] = size;
  else runs[k]! += size;
  for (let j = 6; j <= k; j += 2) {
    const n = runs[j - 1]!;
    const h0 = runs[j]!, h6 = runs[j - 6]!;
    // Unary plus turns comparisons into 0/1 so the check compiles without branches.
    const core = +(runs[j - 2] === n) & +(runs[j - 3] === n * 3) & +(runs[j - 4] === n) & +(runs[j - 5] === n);
    result += core * ((+(h0 >= n * 4) & +(h6 >= n)) + (+(h6 >= n * 4) & +(h0 >= n))) * 40;
  }
  return result;
}

const sameHistogram = new Int32Array(256);
const darkHistogram = new Int32Array(256);

/**
 * Penalty scores (N1–N4) of all eight masks at once. `m` holds, in bit `mask` of each byte,
 * the module under that mask, so N2 and N4 are counted for all masks in one pass.
 */
function penaltyAllMasks(m: Uint8Array, size: number): Int32Array {
  const scores = new Int32Array(8);
  for (let msk = 0; msk < 8; msk++) {
    let s = 0;
    for (let i = 0; i < size; i++) s += linePenalty(m, size, i * size, 1, msk) + linePenalty(m, size, i, size, msk);
    scores[msk] = s;
  }
  sameHistogram.fill(0);
  darkHistogram.fill(0);
  for (let y = 0; y < size - 1; y++) {
    const row = y * size;
    for (let idx = row; idx < row + size - 1; idx++) {
      const tl = m[idx]!;
      // Bit set where all four modules of the 2×2 block agree under that mask.
      sameHistogram[~(tl ^ m[idx + 1]!) & ~(tl ^ m[idx + size]!) & ~(tl ^ m[idx + size + 1]!) & 0xff]!++;
    }
  }
  for (let idx = 0; idx < m.length; idx++) darkHistogram[m[idx]!]!++;
  const total = size * size;
  for (let msk = 0; msk < 8; msk++) {
    let same = 0, dark = 0;
    for (let b = 0; b < 256; b++) {
      if ((b >>> msk) & 1) {
        same += sameHistogram[b]!;
        dark += darkHistogram[b]!;
      }
    }
    const k = Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1;
    scores[msk]! += same * 3 + k * 10;
  }
  return scores;
}

/** ISO/IEC 18004 mask penalty (rules N1–N4) of a finished matrix (0/1 per module). */
export function penaltyScore(m: Uint8Array, size: number): number {
  // Replicate the single matrix into all eight bit planes and read one.
  const planes = new Uint8Array(m.length);
  for (let i = 0; i < m.length; i++) planes[i] = m[i]! ? 0xff : 0;
  return penaltyAllMasks(planes, size)[0]!;
}

/**
 * Places interleaved codewords into the version template and applies a mask; when `mask`
 * is undefined, scores all eight and keeps the lowest penalty (first wins ties).
 */
export function buildMatrix(
  version: number, ecc: Ecc, codewords: Uint8Array, mask: number | undefined,
): { modules: Uint8Array; mask: number } {
  const t = templateFor(version);
  const { size, order, base } = t;
  const count = order.length;
  const packed = maskPackedFor(t);
  const limit = Math.min(count, codewords.length * 8);
  const fpos = formatPositions(size);
  // All eight masked matrices at once: bit `mask` of each byte is the module under that mask.
  const planes = new Uint8Array(size * size);
  for (let i = 0; i < planes.length; i++) planes[i] = base[i]! ? 0xff : 0;
  for (let k = 0; k < count; k++) {
    const bit = k < limit ? (codewords[k >>> 3]! >>> (7 - (k & 7))) & 1 : 0;
    planes[order[k]!] = packed[k]! ^ -bit; // remainder bits stay 0 before masking
  }
  for (let msk = 0; msk < 8; msk++) {
    const bits = formatBits(ecc, msk);
    for (let i = 0; i < 15; i++) {
      if ((bits >>> i) & 1) {
        planes[fpos[i]!]! |= 1 << msk;
        planes[fpos[15 + i]!]! |= 1 << msk;
      }
    }
  }
  let chosen = mask ?? 0;
  if (mask === undefined) {
    const scores = penaltyAllMasks(planes, size);
    for (let msk = 1; msk < 8; msk++) if (scores[msk]! < scores[chosen]!) chosen = msk;
  }
  const modules = new Uint8Array(size * size);
  for (let i = 0; i < modules.length; i++) modules[i] = (planes[i]! >>> chosen) & 1;
  return { modules, mask: chosen };
}
