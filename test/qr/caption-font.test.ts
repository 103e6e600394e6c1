// Frame captions in PNGs on a host without fonts (the node:24-slim image has none): librsvg used to
// draw every letter as the same empty box. A child process runs the renderer with fontconfig
// pointed at an empty font directory; real glyphs put far more ink into "MMMMMMM" than into
// "IIIIIII", boxes the same into both.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-nofonts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Prints the share of caption-band pixels drawn in the caption's (white) colour, per caption.
const script = `
import sharp from 'sharp';
import { renderSvg } from './src/qr/index.ts';
import { renderPng } from './src/modules/render/index.ts';
const ink = {};
for (const text of ['IIIIIII', 'MMMMMMM']) {
  const { svg, width, height } = renderSvg('https://tessera.example/r/8fK2xQ9', { frame: { text } });
  const size = 600;
  const png = await renderPng(svg, size);
  const scale = size / width;
  const top = Math.ceil((height - 5) * scale), left = Math.ceil(2 * scale);
  const { data, info } = await sharp(png).extract({ left, top, width: size - 2 * left, height: Math.floor(4 * scale) }).flatten({ background: '#000' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  let light = 0;
  for (const v of data) if (v > 128) light++;
  ink[text] = light / (info.width * info.height);
}
console.log(JSON.stringify(ink));
`;

describe('frame captions on a host without fonts', () => {
  it('draws letters, not empty boxes, with the bundled DejaVu Sans Bold', () => {
    fs.mkdirSync(path.join(dir, 'fonts'));
    fs.writeFileSync(path.join(dir, 'fonts.conf'), `<?xml version="1.0"?>\n<fontconfig><dir>${path.join(dir, 'fonts')}</dir><cachedir>${path.join(dir, 'cache')}</cachedir></fontconfig>\n`);
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, FONTCONFIG_FILE: path.join(dir, 'fonts.conf') },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const ink = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<'IIIIIII' | 'MMMMMMM', number>;
    // Bold M holds about four times the ink of bold I; seven identical boxes hold the same.
    expect(ink.MMMMMMM, JSON.stringify(ink)).toBeGreaterThan(0.1);
    expect(ink.IIIIIII / ink.MMMMMMM, JSON.stringify(ink)).toBeLessThan(0.5);
  });
});
