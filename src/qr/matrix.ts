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
  /** Per mask: the mask bit for each entry of `order`, built lazily. */
  maskBits: (Uint8Array | undefined)[];
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
  return { size, base, isFunction, order: order.slice(0, n), maskBits: [] };
}

/** The cached per-version template. */
export function templateFor(version: number): Template {
  return (templates[version] ??= buildTemplate(version));
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

function maskBitsFor(t: Template, mask: number): Uint8Array {
  let bits = t.maskBits[mask];
  if (!bits) {
    bits = new Uint8Array(t.order.length);
    for (let k = 0; k < t.order.length; k++) {
      const idx = t.order[k]!;
      bits[k] = maskCondition(mask, idx % t.size, Math.floor(idx / t.size)) ? 1 : 0;
    }
    t.maskBits[mask] = bits;
  }
  return bits;
}

/** Writes the 15 format bits (level and mask, BCH-protected) into both copies. */
function drawFormat(m: Uint8Array, size: number, ecc: Ecc, mask: number): void {
  const data = (ECC_FORMAT_BITS[ecc] << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  const bits = ((data << 10) | rem) ^ 0x5412;
  const bit = (i: number): number => (bits >>> i) & 1;
  for (let i = 0; i <= 5; i++) m[i * size + 8] = bit(i);
  m[7 * size + 8] = bit(6);
  m[8 * size + 8] = bit(7);
  m[8 * size + 7] = bit(8);
  for (let i = 9; i < 15; i++) m[8 * size + 14 - i] = bit(i);
  for (let i = 0; i < 8; i++) m[8 * size + size - 1 - i] = bit(i);
  for (let i = 8; i < 15; i++) m[(size - 15 + i) * size + 8] = bit(i);
}

const history = new Int32Array(7);

// Finder-like pattern detection over run lengths, exactly as Nayuki scores it (N3 = 40):
// a 1:1:3:1:1 dark/light run with ≥ 4 light modules on one side; the border counts as light.
function pushRun(run: number, size: number): void {
  if (history[0] === 0) run += size;
  history.copyWithin(1, 0, 6);
  history[0] = run;
}

function countFinderLike(): number {
  const n = history[1]!;
  if (n <= 0 || history[2] !== n || history[3] !== n * 3 || history[4] !== n || history[5] !== n) return 0;
  return (history[0]! >= n * 4 && history[6]! >= n ? 1 : 0) + (history[6]! >= n * 4 && history[0]! >= n ? 1 : 0);
}

/** Penalty of one row (stride 1) or column (stride size): rules N1 and N3. */
function linePenalty(m: Uint8Array, size: number, start: number, stride: number): number {
  let result = 0;
  history.fill(0);
  let runColor = 0;
  let run = 0;
  for (let k = 0, idx = start; k < size; k++, idx += stride) {
    const c = m[idx]!;
    if (c === runColor) {
      run++;
      if (run === 5) result += 3;
      else if (run > 5) result++;
    } else {
      pushRun(run, size);
      if (runColor === 0) result += countFinderLike() * 40;
      runColor = c;
      run = 1;
    }
  }
  if (runColor === 1) {
    pushRun(run, size);
    run = 0;
  }
  pushRun(run + size, size);
  return result + countFinderLike() * 40;
}

/** ISO/IEC 18004 mask penalty (rules N1–N4), scored as Nayuki and most encoders do. */
export function penaltyScore(m: Uint8Array, size: number): number {
  let result = 0;
  for (let i = 0; i < size; i++) {
    result += linePenalty(m, size, i * size, 1);
    result += linePenalty(m, size, i, size);
  }
  let dark = 0;
  for (let y = 0; y < size - 1; y++) {
    let idx = y * size;
    for (let x = 0; x < size - 1; x++, idx++) {
      const c = m[idx]!;
      if (c === m[idx + 1] && c === m[idx + size] && c === m[idx + size + 1]) result += 3;
    }
  }
  for (let i = 0; i < m.length; i++) dark += m[i]!;
  const total = size * size;
  const k = Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1;
  return result + k * 10;
}

/**
 * Places interleaved codewords into the version template and applies a mask; when `mask`
 * is undefined, tries all eight and keeps the lowest penalty (first wins ties).
 */
export function buildMatrix(
  version: number, ecc: Ecc, codewords: Uint8Array, mask: number | undefined,
): { modules: Uint8Array; mask: number } {
  const t = templateFor(version);
  const { size, order } = t;
  const count = order.length;
  // Unmasked data bits along the placement order; remainder bits stay 0.
  const bits = new Uint8Array(count);
  const limit = Math.min(count, codewords.length * 8);
  for (let i = 0; i < limit; i++) bits[i] = (codewords[i >>> 3]! >>> (7 - (i & 7))) & 1;
  const render = (msk: number, into: Uint8Array): void => {
    into.set(t.base);
    const mb = maskBitsFor(t, msk);
    for (let k = 0; k < count; k++) into[order[k]!] = bits[k]! ^ mb[k]!;
    drawFormat(into, size, ecc, msk);
  };
  const modules = new Uint8Array(size * size);
  if (mask !== undefined) {
    render(mask, modules);
    return { modules, mask };
  }
  let best = 0;
  let bestScore = Infinity;
  const scratch = new Uint8Array(size * size);
  for (let msk = 0; msk < 8; msk++) {
    render(msk, scratch);
    const score = penaltyScore(scratch, size);
    if (score < bestScore) {
      bestScore = score;
      best = msk;
      modules.set(scratch);
    }
  }
  return { modules, mask: best };
}
