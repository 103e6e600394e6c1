// What a refused morphing code shows: the red "EXPIRED" image in place of the QR, and the page a
// stale screenshot leads to. The image's letters are drawn as paths (a 5×7 pixel font) so it
// looks the same in every browser and in the PNG rasteriser, whatever fonts the host has.

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
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="EXPIRED">` +
  '<title>EXPIRED</title>' +
  `<rect width="${SIZE}" height="${SIZE}" rx="6" fill="#dc2626"/>` +
  `<path fill="#ffffff" d="${wordPath('EXPIRED')}"/>` +
  '</svg>\n';

/** The page a stale or token-less scan of a morphing code shows (a screenshot, or a printed copy). */
export const STALE_TICKET_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>This code has expired</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#fef2f2;color:#1f2933}
main{max-width:28rem;padding:2rem;text-align:center}h1{font-size:1.4rem;margin:0 0 .5rem;color:#b91c1c}p{margin:0;line-height:1.5;color:#52606d}</style>
</head><body><main><h1>This code has expired</h1><p>This QR code changes every few seconds and the one you scanned is no longer valid — it was probably a screenshot or a printout. Open the live ticket on the holder's screen and scan it again.</p></main></body></html>
`;
