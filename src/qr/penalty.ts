// Mask penalty (ISO/IEC 18004 §7.8.3, rules N1–N4, scored exactly as Nayuki's generator does)
// over bit-packed lines: bit x of word c is module 32c + x. Packing lets run boundaries be
// found with count-leading-zeros and 2×2 blocks / dark modules be counted 32 at a time —
// penalty scoring of eight masks is most of the cost of encoding a code.

// N1 points for a run of length L: 3 at five, one more per extra module.
const N1_POINTS = new Int32Array(256);
for (let len = 5; len < 256; len++) N1_POINTS[len] = len - 2;

const runs = new Int32Array(256);

/** Set bits in a 32-bit word. */
function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Rules N1 (runs ≥ 5) and N3 (finder-like 1:1:3:1:1 with four light modules on one side;
 * the light border counts) for the line `k[off..] ^ d[off..]`.
 */
export function linePenalty(k: Int32Array, d: Int32Array, off: number, chunks: number, size: number): number {
  // Run-length encode from the colour changes: bit x of t is set where module x differs from x-1.
  let n = 0;
  let last = 0;
  let carry = 0; // module -1 is the light border
  for (let c = 0; c < chunks; c++) {
    const w = k[off + c]! ^ d[off + c]!;
    let t = w ^ ((w << 1) | carry);
    carry = w >>> 31;
    const valid = size - 32 * c;
    if (valid < 32) t &= (1 << valid) - 1;
    while (t !== 0) {
      const low = t & -t;
      const p = 32 * c + 31 - Math.clz32(low);
      runs[n++] = p - last;
      last = p;
      t ^= low;
    }
  }
  runs[n] = size - last;
  // Runs alternate light (even index, the first may be empty) and dark.
  let result = 0;
  for (let j = 0; j <= n; j++) result += N1_POINTS[runs[j]!]!;
  runs[0]! += size;
  if (n & 1) runs[++n] = size;
  else runs[n]! += size;
  for (let j = 6; j <= n; j += 2) {
    const u = runs[j - 1]!;
    const h0 = runs[j]!,
      h6 = runs[j - 6]!;
    // Unary plus turns comparisons into 0/1 so the check compiles without branches.
    const core = +(runs[j - 2] === u) & +(runs[j - 3] === u * 3) & +(runs[j - 4] === u) & +(runs[j - 5] === u);
    result += core * ((+(h0 >= u * 4) & +(h6 >= u)) + (+(h6 >= u * 4) & +(h0 >= u))) * 40;
  }
  return result;
}

/** Rules N2 (2×2 blocks of one colour) and N4 (dark/light balance) from the row words. */
export function blockAndBalancePenalty(k: Int32Array, d: Int32Array, chunks: number, size: number): number {
  let same = 0;
  let dark = 0;
  for (let y = 0; y < size; y++) {
    const row = y * chunks;
    for (let c = 0; c < chunks; c++) {
      const a = k[row + c]! ^ d[row + c]!;
      dark += popcount(a);
      if (y === size - 1) continue;
      const b = k[row + chunks + c]! ^ d[row + chunks + c]!;
      // Neighbour to the right: shift down one and pull in the next word's first module.
      const an = c + 1 < chunks ? (k[row + c + 1]! ^ d[row + c + 1]!) << 31 : 0;
      const bn = c + 1 < chunks ? (k[row + chunks + c + 1]! ^ d[row + chunks + c + 1]!) << 31 : 0;
      let eq = ~(a ^ ((a >>> 1) | an)) & ~(b ^ ((b >>> 1) | bn)) & ~(a ^ b);
      const valid = size - 1 - 32 * c; // blocks start at x ≤ size - 2
      if (valid < 32) eq &= (1 << valid) - 1;
      same += popcount(eq);
    }
  }
  const total = size * size;
  const k4 = Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1;
  return same * 3 + k4 * 10;
}

/** Total penalty of one mask: rows and columns for N1/N3, rows for N2/N4. */
export function maskPenalty(kRows: Int32Array, kCols: Int32Array, dRows: Int32Array, dCols: Int32Array, chunks: number, size: number): number {
  let s = blockAndBalancePenalty(kRows, dRows, chunks, size);
  for (let i = 0; i < size; i++) {
    s += linePenalty(kRows, dRows, i * chunks, chunks, size) + linePenalty(kCols, dCols, i * chunks, chunks, size);
  }
  return s;
}

/** Packs a 0/1 row-major matrix into row and column words. */
export function packLines(m: Uint8Array, size: number): { rows: Int32Array; cols: Int32Array; chunks: number } {
  const chunks = (size + 31) >>> 5;
  const rows = new Int32Array(size * chunks);
  const cols = new Int32Array(size * chunks);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (m[y * size + x]) {
        rows[y * chunks + (x >>> 5)]! |= 1 << (x & 31);
        cols[x * chunks + (y >>> 5)]! |= 1 << (y & 31);
      }
    }
  }
  return { rows, cols, chunks };
}
