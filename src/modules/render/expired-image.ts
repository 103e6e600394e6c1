// Word images shown in place of a code that must not be scanned any more: the red "EXPIRED" of a
// refused morphing render, and a closed payment's "PAID", "CANCELED" or "EXPIRED". (The page a
// stale screenshot leads to is with the other code pages, in redirects.) The letters are drawn as
// paths (a 5×7 pixel font) so the image looks the same in every browser and in the PNG
// rasteriser, whatever fonts the host has.
import { html } from '../../http/html.ts';

const GLYPHS: Record<string, string[]> = {
  E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####'],
  X: ['#...#', '#...#', '.#.#.', '..#..', '.#.#.', '#...#', '#...#'],
  P: ['####.', '#...#', '#...#', '####.', '#....', '#....', '#....'],
  I: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '#####'],
  R: ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#'],
  D: ['####.', '#...#', '#...#', '#...#', '#...#', '#...#', '####.'],
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  C: ['.####', '#....', '#....', '#....', '#....', '#....', '.####'],
  L: ['#....', '#....', '#....', '#....', '#....', '#....', '#####'],
  N: ['#...#', '##..#', '#.#.#', '#..##', '#...#', '#...#', '#...#'],
  O: ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  S: ['.####', '#....', '#....', '.###.', '....#', '....#', '####.'],
};

/** Edge of the square word image in viewBox units (eight letters fit). */
const SIZE = 100;
// A font pixel is 2 units, smaller for a word that would otherwise touch the edges (CANCELED).
const UNIT = 2;
const MAX_WIDTH = 84;

const round = (n: number) => Math.round(n * 1000) / 1000;

function wordPath(word: string): string {
  const unit = Math.min(UNIT, MAX_WIDTH / (word.length * 6 - 1));
  const width = (word.length * 6 - 1) * unit;
  const left = (SIZE - width) / 2;
  const top = (SIZE - 7 * unit) / 2;
  let d = '';
  [...word].forEach((letter, index) => {
    const glyph = GLYPHS[letter]!;
    glyph.forEach((row, y) => {
      // One rectangle per run of lit pixels in the row.
      for (let x = 0; x < row.length; x++) {
        if (row[x] !== '#') continue;
        let end = x;
        while (row[end + 1] === '#') end++;
        d += `M${round(left + (index * 6 + x) * unit)} ${round(top + y * unit)}h${round((end - x + 1) * unit)}v${round(unit)}h${round(-(end - x + 1) * unit)}z`;
        x = end;
      }
    });
  });
  return d;
}

/** A square of `fill` with `word` (capitals the font has, at most eight) in white. */
export function wordImageSvg(word: string, fill: string): string {
  if (word.length > 8 || ![...word].every((letter) => letter in GLYPHS)) throw new Error(`wordImageSvg cannot draw '${word}'`);
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="${word}"><title>${word}</title><rect width="${SIZE}" height="${SIZE}" rx="6" fill="${fill}"/><path fill="#ffffff" d="${wordPath(word)}"/></svg>
`.value;
}

/** The red "EXPIRED" SVG served instead of a morphing code's QR when its signature fails. */
export const EXPIRED_SVG = wordImageSvg('EXPIRED', '#dc2626');
