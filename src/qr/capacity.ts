// Capacity tables from ISO/IEC 18004:2015 Table 9 (same figures as Nayuki's generator).

/** Error correction level as used on the wire and in design_config. */
export type Ecc = 'L' | 'M' | 'Q' | 'H';

/** Levels in increasing strength; the index is the table row. */
export const ECC_LEVELS: readonly Ecc[] = ['L', 'M', 'Q', 'H'];

/** Two format-information bits per level (note the spec's non-monotonic order). */
export const ECC_FORMAT_BITS: Readonly<Record<Ecc, number>> = { L: 1, M: 0, Q: 3, H: 2 };

/** Share of codewords each level can restore, used by the logo budget. */
export const ECC_RECOVERY: Readonly<Record<Ecc, number>> = { L: 0.07, M: 0.15, Q: 0.25, H: 0.3 };

const ECC_CODEWORDS_PER_BLOCK: readonly (readonly number[])[] = [
  [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
  [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
];

const NUM_ERROR_CORRECTION_BLOCKS: readonly (readonly number[])[] = [
  [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
  [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
  [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
  [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
];

/** Smallest QR version (21×21 modules). */
export const MIN_VERSION = 1;
/** Largest QR version (177×177 modules). */
export const MAX_VERSION = 40;

/** Side length in modules of a symbol of the given version. */
export function symbolSize(version: number): number {
  return version * 4 + 17;
}

/** Modules left for data and ECC after all function patterns (includes remainder bits). */
export function rawDataModules(version: number): number {
  let result = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const numAlign = Math.floor(version / 7) + 2;
    result -= (25 * numAlign - 10) * numAlign - 55;
    if (version >= 7) result -= 36;
  }
  return result;
}

/** ECC codewords in each block. */
export function eccPerBlock(version: number, ecc: Ecc): number {
  return ECC_CODEWORDS_PER_BLOCK[ECC_LEVELS.indexOf(ecc)]![version]!;
}

/** Number of Reed–Solomon blocks. */
export function numBlocks(version: number, ecc: Ecc): number {
  return NUM_ERROR_CORRECTION_BLOCKS[ECC_LEVELS.indexOf(ecc)]![version]!;
}

const dataCodewordCache = new Int32Array(4 * 41);

/** Data codewords (8-bit) a symbol carries at this version and level. */
export function dataCodewords(version: number, ecc: Ecc): number {
  const key = ECC_LEVELS.indexOf(ecc) * 41 + version;
  let n = dataCodewordCache[key]!;
  if (n === 0) {
    n = (rawDataModules(version) >>> 3) - eccPerBlock(version, ecc) * numBlocks(version, ecc);
    dataCodewordCache[key] = n;
  }
  return n;
}
