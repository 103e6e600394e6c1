// Segmentation: splits UTF-8 bytes into numeric / alphanumeric / byte runs so the total
// bit length is minimal (dynamic programming, after Nayuki's "optimal segmentation").
// Working on UTF-8 bytes rather than code points is exact: only ASCII bytes can be numeric
// or alphanumeric, so mode switches always land on character boundaries.

/** Encoding mode of a segment. `eci` carries the ECI designator instead of text. */
export type Mode = 'numeric' | 'alphanumeric' | 'byte' | 'eci';

/** A run of the content in one mode: bytes [start, end) of the UTF-8 payload, or an ECI value. */
export interface Segment {
  mode: Mode;
  start: number;
  end: number;
  /** ECI assignment number; only for mode `eci`. */
  eci?: number;
}

/** 4-bit mode indicators. */
export const MODE_BITS: Readonly<Record<Mode, number>> = { numeric: 0x1, alphanumeric: 0x2, byte: 0x4, eci: 0x7 };

// Mode indices in DP order (byte first, as Nayuki does, so ties prefer byte).
const BYTE = 0;
const ALNUM = 1;
const NUMERIC = 2;
const MODE_BY_INDEX: readonly Mode[] = ['byte', 'alphanumeric', 'numeric'];

// Character-count field widths per mode index and version group (1–9, 10–26, 27–40).
const CC_BITS: readonly (readonly number[])[] = [
  [8, 16, 16],
  [9, 11, 13],
  [10, 12, 14],
];

/** Version group that decides the character-count widths: 0 for 1–9, 1 for 10–26, 2 for 27–40. */
export function versionGroup(version: number): number {
  return version <= 9 ? 0 : version <= 26 ? 1 : 2;
}

/** Width of the character-count field for a mode at a version. */
export function charCountBits(mode: Mode, version: number): number {
  if (mode === 'eci') return 0;
  const index = mode === 'byte' ? BYTE : mode === 'alphanumeric' ? ALNUM : NUMERIC;
  return CC_BITS[index]![versionGroup(version)]!;
}

const ALNUM_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Alphanumeric value of each byte, or 255 when the byte is not in the alphanumeric set. */
export const ALNUM_VALUE = new Uint8Array(256).fill(255);
for (let i = 0; i < ALNUM_CHARSET.length; i++) ALNUM_VALUE[ALNUM_CHARSET.charCodeAt(i)] = i;

/** Bits the payload of a segment takes (without mode indicator and count). */
export function segmentDataBits(mode: Mode, count: number): number {
  switch (mode) {
    case 'numeric':
      return Math.floor(count / 3) * 10 + [0, 4, 7][count % 3]!;
    case 'alphanumeric':
      return (count >> 1) * 11 + (count & 1) * 6;
    case 'byte':
      return count * 8;
    case 'eci':
      return 0;
  }
}

/** Bits of an ECI segment header for this assignment value. */
export function eciBits(value: number): number {
  return 4 + (value < 1 << 7 ? 8 : value < 1 << 14 ? 16 : 24);
}

/** Total bits of the segments at a version, or Infinity if a count overflows its field. */
export function totalBits(segments: readonly Segment[], version: number): number {
  let bits = 0;
  for (const seg of segments) {
    if (seg.mode === 'eci') {
      bits += eciBits(seg.eci ?? 0);
      continue;
    }
    const count = seg.end - seg.start;
    const cc = charCountBits(seg.mode, version);
    if (count >= 1 << cc) return Infinity;
    bits += 4 + cc + segmentDataBits(seg.mode, count);
  }
  return bits;
}

let traceScratch = new Uint8Array(256);

/** Minimal-length segmentation of `bytes` for the version group of `version`. */
export function segmentOptimally(bytes: Uint8Array, version: number): Segment[] {
  const n = bytes.length;
  if (n === 0) return [];
  const g = versionGroup(version);
  // Costs are in sixths of a bit so that numeric (10/3) and alphanumeric (11/2) stay integral.
  const h0 = (4 + CC_BITS[BYTE]![g]!) * 6;
  const h1 = (4 + CC_BITS[ALNUM]![g]!) * 6;
  const h2 = (4 + CC_BITS[NUMERIC]![g]!) * 6;
  const INF = 0x3fffffff;
  if (traceScratch.length < n * 3) traceScratch = new Uint8Array(n * 3 * 2);
  // trace[i*3 + s] = mode of character i on the best path that is in state s after it.
  const trace = traceScratch;
  let p0 = h0,
    p1 = h1,
    p2 = h2;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    const isAlnum = ALNUM_VALUE[b] !== 255;
    const isNum = b >= 0x30 && b <= 0x39;
    // Extend the segment already open in each mode.
    const e0 = p0 + 48;
    const e1 = isAlnum ? p1 + 33 : INF;
    const e2 = isNum ? p2 + 20 : INF;
    // Or end the cheapest segment here (rounded up to whole bits) and open a new one.
    let best = e0,
      bestMode = BYTE;
    if (e1 < best) {
      best = e1;
      bestMode = ALNUM;
    }
    if (e2 < best) {
      best = e2;
      bestMode = NUMERIC;
    }
    const closed = Math.ceil(best / 6) * 6;
    const o = i * 3;
    let c0 = e0,
      c1 = e1,
      c2 = e2;
    trace[o] = BYTE;
    trace[o + 1] = ALNUM;
    trace[o + 2] = NUMERIC;
    if (closed + h0 < c0) {
      c0 = closed + h0;
      trace[o] = bestMode;
    }
    if (closed + h1 < c1) {
      c1 = closed + h1;
      trace[o + 1] = bestMode;
    }
    if (closed + h2 < c2) {
      c2 = closed + h2;
      trace[o + 2] = bestMode;
    }
    p0 = c0;
    p1 = c1;
    p2 = c2;
  }
  let state = BYTE;
  if (p1 < p0) state = ALNUM;
  if (p2 < (state === BYTE ? p0 : p1)) state = NUMERIC;
  // Walk back, emitting runs of equal mode (in reverse, then flip).
  const reversed: Segment[] = [];
  let runEnd = n;
  let runMode = -1;
  for (let i = n - 1; i >= 0; i--) {
    const mode = trace[i * 3 + state]!;
    if (mode !== runMode) {
      if (runMode >= 0) reversed.push({ mode: MODE_BY_INDEX[runMode]!, start: i + 1, end: runEnd });
      runMode = mode;
      runEnd = i + 1;
    }
    state = mode;
  }
  reversed.push({ mode: MODE_BY_INDEX[runMode]!, start: 0, end: runEnd });
  return reversed.reverse();
}
