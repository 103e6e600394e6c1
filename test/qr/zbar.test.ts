// ZBar (zbarimg / libzbar: Linux desktop scanners, many Python and PHP apps, older iOS SDKs)
// finds codes otherwise than zxing and jsQR (docs/qr-design-robustness.md, "Circle frames and
// ZBar" and "The extra-rounded outline and ZBar"): every eye × pupil pair (the data shapes
// cycling) and every preset is read at seven versions and seven sizes, as PNGs from the server's
// own rasteriser. CI installs Debian's zbar-tools; without it locally the suite is skipped with a
// notice (with CI=true it fails).

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EYES, EYE_PUPILS, PRESET_NAMES, SHAPES, renderSvg } from '../../src/qr/index.ts';
import { symbolSize } from '../../src/qr/capacity.ts';
import { logoArea } from '../../src/qr/logo.ts';
import { renderPng } from '../../src/modules/render/index.ts';

const ZBARIMG = process.env.ZBARIMG_PATH ?? '/usr/bin/zbarimg';
const present = existsSync(ZBARIMG);
if (!present) {
  if (process.env.CI === 'true') throw new Error(`${ZBARIMG} is missing: .ci/run installs Debian's zbar-tools`);
  console.warn(`NOTICE: ${ZBARIMG} not found (apt-get install zbar-tools); the ZBar decode gate is skipped`);
}

// 7: circle frames switch outline there (TIGHT_FROM_VERSION).
const VERSIONS = [1, 2, 3, 5, 6, 7, 9];
/** Sizes at which every code reads. */
const PX_EVERY = [3, 8, 11, 16];
/**
 * 4–5 px a module (a version 1 code 116–145 px wide), where ZBar is least sure of the module size:
 * with the extra-rounded outline at 2.5/1.5 it missed 109 of 11,200 codes of versions 1–7 at
 * 3–7 px (8 since 2.25/1.35; the old outline misses 19 of this sample here). The misses left are
 * listed: any other fails, and one that starts reading is reported to be taken off the list.
 */
const PX_BAND = [4, 4.5, 5];
const KNOWN_MISSES = new Set(['v5 liquid at 4 px', 'v5 ocean at 4 px']);

const designs: [string, unknown][] = [
  ...EYES.flatMap((eyes, e) =>
    EYE_PUPILS.map((eye_pupils, p): [string, unknown] => {
      const shapes = SHAPES[(e * EYE_PUPILS.length + p) % SHAPES.length]!;
      return [`${shapes}/${eyes}/${eye_pupils}`, { shapes, eyes, eye_pupils, color: '#1e293b' }];
    }),
  ),
  ...PRESET_NAMES.map((preset): [string, unknown] => [preset, { preset }]),
];

/** Reads every file in one zbarimg run; each payload ends in its case's number, so the output says which read. */
async function zbarRead(files: string[]): Promise<string[]> {
  const run = promisify(execFile);
  try {
    const { stdout } = await run(ZBARIMG, ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', ...files], { maxBuffer: 16 << 20 });
    return stdout.split('\n').filter(Boolean);
  } catch (error) {
    // Exit status 4: some image held no code. What was read is still on stdout.
    const { code, stdout } = error as { code?: number; stdout?: string };
    if (code !== 4 || stdout === undefined) throw error;
    return stdout.split('\n').filter(Boolean);
  }
}

describe.skipIf(!present)('decoded by ZBar', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-zbar-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const stillMissed = new Set<string>();
  let versionsRead = 0;
  afterAll(() => {
    if (versionsRead < VERSIONS.length) return;
    const reading = [...KNOWN_MISSES].filter((m) => !stillMissed.has(m));
    if (reading.length) console.log(`ZBar now reads ${reading.join(', ')}: take them off KNOWN_MISSES`);
  });

  for (const version of VERSIONS) {
    it(`every eye × pupil pair and preset at version ${version}`, async () => {
      const cases: { name: string; px: number }[] = [];
      const files: string[] = [];
      for (const [name, design] of designs)
        for (const px of [...PX_EVERY, ...PX_BAND]) {
          // Short enough for version 1 at ECC M (14 bytes); the encoder is held to the version asked.
          const r = renderSvg(`T${version}-${cases.length}`, { ...(design as object), ecc: 'M' }, { version });
          expect(r.version).toBe(version);
          const file = join(dir, `${version}-${cases.length}.png`);
          // The SVG's width is in modules (quiet zone and any frame included).
          writeFileSync(file, await renderPng(r.svg, Math.round(r.width * px)));
          files.push(file);
          cases.push({ name, px });
        }
      const read = new Set(await zbarRead(files));
      const missed = cases.filter((_, n) => !read.has(`T${version}-${n}`)).map((c) => `v${version} ${c.name} at ${c.px} px`);
      for (const m of missed) if (KNOWN_MISSES.has(m)) stillMissed.add(m);
      versionsRead++;
      console.log(`ZBar, version ${version}: ${cases.length - missed.length}/${cases.length}${missed.length ? `; missed ${missed.join(', ')}` : ''}`);
      // Every code at 3, 8, 11 and 16 px a module; at 4–5 px all but the listed ones.
      expect(missed.filter((m) => !KNOWN_MISSES.has(m))).toEqual([]);
    }, 60_000);
  }
});

// A small logo hides the centre alignment pattern (versions 7–13). In a hole no larger than the
// pattern, the logo and its light ring matched ZBar's template a module or so off and bent the
// sampling grid: ZBar read none of these codes (zxing and jsQR read them all). The hole now
// covers ZBar's whole search window (src/qr/logo.ts, HIDDEN_ALIGNMENT_CLEARANCE).
const SMALL_LOGO = 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 1 1%22%3E%3Crect width=%221%22 height=%221%22 fill=%22%23e11d48%22/%3E%3C/svg%3E';

it('clears 9 × 9 modules around a centre alignment pattern a small logo hides', () => {
  expect(logoArea(symbolSize(7), 0.05)).toMatchObject({ start: 18, end: 27 });
  expect(logoArea(symbolSize(13), 0.05)).toMatchObject({ start: 30, end: 39 });
  // No alignment pattern at the centre: the hole follows the logo alone.
  expect(logoArea(symbolSize(6), 0.05)).toMatchObject({ start: 18, end: 23 });
  expect(logoArea(symbolSize(14), 0.05)).toMatchObject({ start: 34, end: 39 });
});

describe.skipIf(!present)('small logos, decoded by ZBar', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-zbar-logo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('read at versions 7–13 with logo.size 0.05–0.08', async () => {
    const cases: string[] = [];
    const files: string[] = [];
    for (const version of [7, 8, 9, 10, 11, 12, 13])
      for (const size of [0.05, 0.06, 0.07, 0.08]) {
        const text = 'https://example.com/products/item?id=12345&ref=qr-campaign-2026';
        const r = renderSvg(text, { ecc: 'H', logo: { src: SMALL_LOGO, size } }, { version });
        for (const px of [300, 512, 1024]) {
          const file = join(dir, `${files.length}.png`);
          writeFileSync(file, await renderPng(r.svg, px));
          files.push(file);
          cases.push(`v${version}, logo.size ${size}, ${px} px`);
        }
      }
    // One zbarimg run per file: every file holds the same payload.
    const missed: string[] = [];
    for (let n = 0; n < files.length; n++) if ((await zbarRead([files[n]!]))[0] !== 'https://example.com/products/item?id=12345&ref=qr-campaign-2026') missed.push(cases[n]!);
    expect(missed).toEqual([]);
  }, 60_000);
});
