// What a refused morphing render shows: the red "EXPIRED" image in place of the QR. (The page a
// stale screenshot leads to is with the other code pages, in redirects.) The image's letters are
// drawn as paths (a 5×7 pixel font) so it looks the same in every browser and in the PNG
// rasteriser, whatever fonts the host has.
import { html } from '../../http/html.ts';

const GLYPHS: Record<string, string[]> = {
  E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####'],
  X: ['#...#', '#...#', '.#.#.', '..#..', '.#.#.', '#...#', '#...#'],
  P: ['####.', '#...#', '#...#', '####.', '#....', '#....', '#....'],
  I: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '#####'],
  R: ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#'],
  D: ['####.', '#...#', '#...#', '#...#', '#...#', '#...#', '####.'],
};

/** Edge of the square EXPIRED image in viewBox units. */
const SIZE = 100;
const UNIT = 2;

function wordPath(word: string): string {
  const width = (word.length * 6 - 1) * UNIT;
  const left = (SIZE - width) / 2;
  const top = (SIZE - 7 * UNIT) / 2;
  let d = '';
  [...word].forEach((letter, index) => {
    const glyph = GLYPHS[letter]!;
    glyph.forEach((row, y) => {
      // One rectangle per run of lit pixels in the row.
      for (let x = 0; x < row.length; x++) {
        if (row[x] !== '#') continue;
        let end = x;
        while (row[end + 1] === '#') end++;
        d += `M${left + (index * 6 + x) * UNIT} ${top + y * UNIT}h${(end - x + 1) * UNIT}v${UNIT}h${-(end - x + 1) * UNIT}z`;
        x = end;
      }
    });
  });
  return d;
}

/** The red "EXPIRED" SVG served instead of a morphing code's QR when its signature fails. */
export const EXPIRED_SVG =
  html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="EXPIRED"><title>EXPIRED</title><rect width="${SIZE}" height="${SIZE}" rx="6" fill="#dc2626"/><path fill="#ffffff" d="${wordPath('EXPIRED')}"/></svg>
`.value;
