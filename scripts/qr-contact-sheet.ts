// `npm run qr:contact-sheet`: docs/qr-contact-sheet.png, every data shape, every eye × pupil
// pair and every preset as rendered today (presets also small, where thin shapes turn grey), so a
// change to the design layer can be looked at, not only decoded.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { EYES, EYE_PUPILS, PRESET_NAMES, SHAPES, renderSvg } from '../src/qr/index.ts';

const OUT = fileURLToPath(new URL('../docs/qr-contact-sheet.png', import.meta.url));
const TEXT = 'https://tessera.example/r/8fK2xQ9';
const TILE = 168,
  LABEL = 22,
  GAP = 14,
  COLS = 10;

interface Tile {
  label: string;
  design: Record<string, unknown>;
  size?: number;
}
const sections: { title: string; tiles: Tile[] }[] = [
  { title: 'Data shapes (square eyes)', tiles: SHAPES.map((shapes) => ({ label: shapes, design: { shapes } })) },
  { title: 'Eye frame × pupil (rounded data)', tiles: EYES.flatMap((eyes) => EYE_PUPILS.map((eye_pupils) => ({ label: `${eyes} / ${eye_pupils}`, design: { shapes: 'rounded', eyes, eye_pupils } }))) },
  { title: 'Presets', tiles: PRESET_NAMES.map((preset) => ({ label: preset, design: { preset } })) },
  {
    title: 'Frames (an empty caption is a border)',
    tiles: [
      { label: 'border', design: { frame: '' } },
      { label: 'dots + border', design: { preset: 'dots', frame: '' } },
      { label: 'ocean + border', design: { preset: 'ocean', frame: '' } },
      { label: 'caption', design: { shapes: 'rounded', frame: 'Scan for the menu' } },
    ],
  },
  { title: 'Presets at 3 px per module (a thumbnail)', tiles: PRESET_NAMES.map((preset) => ({ label: preset, design: { preset }, size: 111 })) },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
let y = GAP,
  body = '',
  n = 0;
for (const { title, tiles } of sections) {
  body += `<text x="${GAP}" y="${y + 18}" font-family="sans-serif" font-size="18" font-weight="bold" fill="#111">${esc(title)}</text>`;
  y += 30;
  tiles.forEach((t, i) => {
    const col = i % COLS,
      row = Math.floor(i / COLS);
    const x = GAP + col * (TILE + GAP),
      top = y + row * (TILE + LABEL + GAP);
    const r = renderSvg(TEXT, t.design, { idPrefix: `t${n++}` });
    const side = t.size ?? TILE;
    // Nested <svg>: each code keeps its own viewBox; an image element would need a data URI.
    // A caption frame makes the code taller than wide: fit the height instead.
    const scale = side / Math.max(r.width, r.height);
    const inner = r.svg.replace('<svg ', `<svg x="${x}" y="${top}" width="${r.width * scale}" height="${r.height * scale}" `);
    body += inner + `<text x="${x}" y="${top + side + 16}" font-family="sans-serif" font-size="13" fill="#333">${esc(t.label)}${r.warnings.some((w) => w.code === 'eyes_adjusted') ? ' *' : ''}</text>`;
  });
  y += Math.ceil(tiles.length / COLS) * (TILE + LABEL + GAP) + 6;
}
body += `<text x="${GAP}" y="${y + 10}" font-family="sans-serif" font-size="13" fill="#555">* adjusted to scan: a diamond pupil is drawn in extra-rounded eyes, a circle pupil in square-cornered eyes is drawn rounded (docs/qr-design-robustness.md)</text>`;
y += 24;
const width = GAP + COLS * (TILE + GAP);
const sheet = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}"><rect width="100%" height="100%" fill="#fff"/>${body}</svg>`;
writeFileSync(OUT, await sharp(Buffer.from(sheet)).png({ compressionLevel: 9, palette: true }).toBuffer());
console.log(`wrote ${OUT} (${width}×${y})`);
