// Module matrix: function patterns, codeword placement, masks and mask choice. Everything
// that depends only on the version (patterns, the zigzag placement order, each mask's
// pattern as packed words) is computed once and cached, so encoding a code is a handful of
// typed-array passes. Matrices are row-major, 1 = dark.

import { ECC_FORMAT_BITS, symbolSize } from './capacity.ts';
import { maskPenalty, packLines } from './penalty.ts';
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
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ] as const) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx,
          y = cy + dy;
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
      const a = size - 11 + (i % 3),
        b = Math.floor(i / 3);
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
  return { size, base, isFunction, order: order.slice(0, n) };
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
    case 0:
      return (x + y) % 2 === 0;
    case 1:
      return y % 2 === 0;
    case 2:
      return x % 3 === 0;
    case 3:
      return (x + y) % 3 === 0;
    case 4:
      return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0;
    case 5:
      return ((x * y) % 2) + ((x * y) % 3) === 0;
    case 6:
      return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
    case 7:
      return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
    default:
      throw new RangeError(`mask must be 0–7; got ${mask}`);
  }
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

/** A mask's modules for all-zero data, packed as row and column words. */
interface MaskWords {
  rows: Int32Array;
  cols: Int32Array;
}

const patternCache: (MaskWords | undefined)[] = [];
const maskWordCache: (MaskWords | undefined)[] = [];

// With these, the masked matrix for any data is (mask words) XOR (data words): function
// patterns, format bits and the mask pattern sit in the mask words, data bits never share a
// position with function patterns. Built lazily per version and mask, then per level.
function maskWordsFor(version: number, ecc: Ecc, mask: number): MaskWords {
  const key = (version * 4 + ECC_FORMAT_BITS[ecc]) * 8 + mask;
  let entry = maskWordCache[key];
  if (!entry) {
    const t = templateFor(version);
    const { size, order } = t;
    const pkey = version * 8 + mask;
    let pattern = patternCache[pkey];
    if (!pattern) {
      const m = t.base.slice();
      for (let k = 0; k < order.length; k++) {
        const idx = order[k]!;
        m[idx] = maskCondition(mask, idx % size, Math.floor(idx / size)) ? 1 : 0;
      }
      pattern = packLines(m, size);
      patternCache[pkey] = pattern;
    }
    const chunks = (size + 31) >>> 5;
    const rows = pattern.rows.slice();
    const cols = pattern.cols.slice();
    // Format modules are light in the template, so setting the dark ones suffices.
    const fpos = formatPositions(size);
    const bits = formatBits(ecc, mask);
    for (let i = 0; i < 30; i++) {
      if (((bits >>> (i % 15)) & 1) === 0) continue;
      const x = fpos[i]! % size,
        y = Math.floor(fpos[i]! / size);
      rows[y * chunks + (x >>> 5)]! |= 1 << (x & 31);
      cols[x * chunks + (y >>> 5)]! |= 1 << (y & 31);
    }
    entry = { rows, cols };
    maskWordCache[key] = entry;
  }
  return entry;
}

/** Per version: for each placement position, its row/column word index and bit. */
interface PlacementWords {
  rowWord: Int32Array;
  rowBit: Int32Array;
  colWord: Int32Array;
  colBit: Int32Array;
}

const placementWordCache: (PlacementWords | undefined)[] = [];

function placementWordsFor(version: number): PlacementWords {
  let p = placementWordCache[version];
  if (!p) {
    const { size, order } = templateFor(version);
    const chunks = (size + 31) >>> 5;
    const n = order.length;
    p = { rowWord: new Int32Array(n), rowBit: new Int32Array(n), colWord: new Int32Array(n), colBit: new Int32Array(n) };
    for (let k = 0; k < n; k++) {
      const x = order[k]! % size,
        y = Math.floor(order[k]! / size);
      p.rowWord[k] = y * chunks + (x >>> 5);
      p.rowBit[k] = 1 << (x & 31);
      p.colWord[k] = x * chunks + (y >>> 5);
      p.colBit[k] = 1 << (y & 31);
    }
    placementWordCache[version] = p;
  }
  return p;
}

/**
 * Places interleaved codewords into the version template and applies a mask; when `mask`
 * is undefined, scores all eight and keeps the lowest penalty (first wins ties).
 */
export function buildMatrix(version: number, ecc: Ecc, codewords: Uint8Array, mask: number | undefined): { modules: Uint8Array; mask: number } {
  const size = symbolSize(version);
  const pw = placementWordsFor(version);
  const chunks = (size + 31) >>> 5;
  // Unmasked data bits, packed by row and by column; remainder bits stay 0.
  const dRows = new Int32Array(size * chunks);
  const dCols = new Int32Array(size * chunks);
  const limit = Math.min(pw.rowWord.length, codewords.length * 8);
  for (let k = 0; k < limit; k++) {
    const on = -((codewords[k >>> 3]! >>> (7 - (k & 7))) & 1); // 0 or all ones: no branch on random data
    dRows[pw.rowWord[k]!]! |= pw.rowBit[k]! & on;
    dCols[pw.colWord[k]!]! |= pw.colBit[k]! & on;
  }
  let chosen = mask ?? 0;
  if (mask === undefined) {
    let best = Infinity;
    for (let msk = 0; msk < 8; msk++) {
      const mw = maskWordsFor(version, ecc, msk);
      const score = maskPenalty(mw.rows, mw.cols, dRows, dCols, chunks, size);
      if (score < best) {
        best = score;
        chosen = msk;
      }
    }
  }
  const kRows = maskWordsFor(version, ecc, chosen).rows;
  const modules = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const w = y * chunks + (x >>> 5);
      modules[y * size + x] = ((kRows[w]! ^ dRows[w]!) >>> (x & 31)) & 1;
    }
  }
  return { modules, mask: chosen };
}
