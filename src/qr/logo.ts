// Logo geometry and its cost in Reed–Solomon terms. The cleared square is mapped onto the
// codewords it touches and those onto their interleaved blocks, so the budget check is the
// real worst case (every touched codeword wrong) rather than an area rule of thumb.

import { dataCodewords, eccPerBlock, numBlocks, rawDataModules, symbolSize } from './capacity.ts';
import type { Ecc } from './capacity.ts';
import { DESIGN_LIMITS } from './design.ts';
import { alignmentPositions, placementIndex } from './matrix.ts';

/** Modules cleared behind a logo: columns/rows [start, end). */
export interface LogoArea {
  start: number;
  end: number;
  /** Where the image itself goes, in modules from the symbol's top-left corner. */
  imageOffset: number;
  imageSize: number;
}

/** Light margin (in modules) kept between the logo image and the nearest module. */
const LOGO_PADDING = 0.5;

/** Share of each block's correction capacity the logo may use; the rest is kept for real-world damage. */
export const LOGO_BUDGET_SHARE = 0.7;

/**
 * Modules cleared on each side of the centre alignment pattern's middle module once a logo hides
 * it (versions 7–13, 21–27 and 35–40 have one there): 9 × 9. ZBar, not finding the pattern, slides
 * its 5 × 5 template up to 1.75 modules around the predicted spot and takes any place within 6
 * mismatches of it. A logo in a hole the size of the pattern itself (logo.size 0.05–0.08 at
 * version 7) is a dark core in a light ring, with data modules where the outer ring goes: it
 * matched a module or so off, and that bent sampling around the centre beyond ECC H (ZBar read
 * none of these codes). With the template's whole reach inside the hole only the logo and blank
 * are in view, and ZBar falls back to the predicted position, as it does behind larger logos.
 * docs/qr-design-robustness.md, "Small logos and ZBar".
 */
const HIDDEN_ALIGNMENT_CLEARANCE = 4;

/** Whether `version` has an alignment pattern on its centre module, which a centred logo hides (versions 7–13, 21–27, 35–40). */
export function centreAlignmentHidden(version: number): boolean {
  const size = symbolSize(version);
  return alignmentPositions(version).includes((size - 1) / 2);
}

/**
 * The smallest version from `version` to `maxVersion` with no alignment pattern on its centre
 * module, or `version` when there is none. A dark logo over the centre alignment pattern of a
 * code at ECC M (the Swiss QR Code's cross) left ZBar without it: it read none of them at any
 * size (docs/qr-design-robustness.md, "The Swiss cross and ZBar").
 */
export function versionClearOfCentreAlignment(version: number, maxVersion: number): number {
  for (let v = version; v <= maxVersion; v++) if (!centreAlignmentHidden(v)) return v;
  return version;
}

/** The centred square a logo of `fraction` × width occupies and clears. */
export function logoArea(size: number, fraction: number): LogoArea {
  const imageSize = fraction * size;
  const centre = size / 2;
  let start = Math.max(0, Math.floor(centre - imageSize / 2 - LOGO_PADDING));
  let end = Math.min(size, Math.ceil(centre + imageSize / 2 + LOGO_PADDING));
  const mid = (size - 1) / 2;
  if (alignmentPositions((size - 17) / 4).includes(mid) && start <= mid && mid < end) {
    start = Math.min(start, mid - HIDDEN_ALIGNMENT_CLEARANCE);
    end = Math.max(end, mid + HIDDEN_ALIGNMENT_CLEARANCE + 1);
  }
  return {
    start,
    end,
    imageOffset: centre - imageSize / 2,
    imageSize,
  };
}

// Codewords the spec reserves for misdecode protection in the smallest symbols (Table 9, "p").
function misdecodeProtection(version: number, ecc: Ecc): number {
  if (version === 1) return ecc === 'L' ? 3 : ecc === 'M' ? 2 : 1;
  if (version === 2 && ecc === 'L') return 2;
  if (version === 3 && ecc === 'L') return 1;
  return 0;
}

/** How much of the per-block error-correction capacity a cleared logo area consumes (worst block). */
export function logoDamage(version: number, ecc: Ecc, area: LogoArea): { damagedCodewords: number; worstShare: number } {
  const size = symbolSize(version);
  const place = placementIndex(version);
  const blocks = numBlocks(version, ecc);
  const eccLen = eccPerBlock(version, ecc);
  const rawCodewords = rawDataModules(version) >>> 3;
  const dataTotal = dataCodewords(version, ecc);
  const shortBlocks = blocks - (rawCodewords % blocks);
  const shortDataLen = Math.floor(rawCodewords / blocks) - eccLen;
  const touched = new Uint8Array(rawCodewords);
  for (let y = area.start; y < area.end; y++) {
    for (let x = area.start; x < area.end; x++) {
      const k = place[y * size + x]!;
      if (k >= 0 && k >>> 3 < rawCodewords) touched[k >>> 3] = 1; // remainder bits carry nothing
    }
  }
  const perBlock = new Int32Array(blocks);
  let damaged = 0;
  for (let c = 0; c < rawCodewords; c++) {
    if (!touched[c]) continue;
    damaged++;
    // Invert the interleaving of encoder.addEccAndInterleave.
    const block = c >= dataTotal ? (c - dataTotal) % blocks : c < shortDataLen * blocks ? c % blocks : shortBlocks + (c - shortDataLen * blocks);
    perBlock[block]!++;
  }
  const correctable = Math.floor((eccLen - misdecodeProtection(version, ecc)) / 2);
  let worst = 0;
  for (let b = 0; b < blocks; b++) worst = Math.max(worst, perBlock[b]! / correctable);
  return { damagedCodewords: damaged, worstShare: worst };
}

/** Largest logo size (fraction of width, 0.01 steps) within the budget, or 0 if none fits. */
export function maxLogoSize(version: number, ecc: Ecc): number {
  const size = symbolSize(version);
  for (let pct = Math.round(DESIGN_LIMITS.logoSize.max * 100); pct >= DESIGN_LIMITS.logoSize.min * 100; pct--) {
    if (logoDamage(version, ecc, logoArea(size, pct / 100)).worstShare <= LOGO_BUDGET_SHARE) return pct / 100;
  }
  return 0;
}
