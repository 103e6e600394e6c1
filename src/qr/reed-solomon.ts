// Reed–Solomon over GF(2^8) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D).
// Log/antilog tables turn every multiply into two lookups and an add.

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  // Doubling the table lets log sums up to 508 skip the modulo.
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;
}

/** Multiplies two field elements. */
export function gfMul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!;
}

const divisorCache: (Uint8Array | undefined)[] = [];

/** Generator polynomial of the given degree, as logs of its coefficients (leading 1 dropped), highest power first. */
function divisorLogs(degree: number): Uint8Array {
  const cached = divisorCache[degree];
  if (cached) return cached;
  // Product of (x - α^i) for i in [0, degree), coefficients highest power first.
  const coef = new Uint8Array(degree);
  coef[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      coef[j] = gfMul(coef[j]!, root);
      if (j + 1 < degree) coef[j]! ^= coef[j + 1]!;
    }
    root = gfMul(root, 0x02);
  }
  // Every coefficient of a QR generator polynomial is non-zero, so logs are always defined.
  const logs = new Uint8Array(degree);
  for (let i = 0; i < degree; i++) logs[i] = LOG[coef[i]!]!;
  divisorCache[degree] = logs;
  return logs;
}

/**
 * Writes the `degree` ECC codewords for data[start, end) into out[outStart, outStart + degree).
 * `out` must not overlap the data range.
 */
export function rsRemainder(data: Uint8Array, start: number, end: number, degree: number, out: Uint8Array, outStart: number): void {
  const div = divisorLogs(degree);
  const last = outStart + degree - 1;
  out.fill(0, outStart, outStart + degree);
  for (let i = start; i < end; i++) {
    const factor = data[i]! ^ out[outStart]!;
    // Shift the remainder register left by one codeword while adding factor × divisor.
    if (factor === 0) {
      for (let j = outStart; j < last; j++) out[j] = out[j + 1]!;
      out[last] = 0;
    } else {
      const lf = LOG[factor]!;
      for (let j = 0, k = outStart; k < last; j++, k++) out[k] = out[k + 1]! ^ EXP[div[j]! + lf]!;
      out[last] = EXP[div[degree - 1]! + lf]!;
    }
  }
}
