// Proof by decoding: every design variant is rasterised with sharp and read back by zxing-wasm
// and jsQR to exactly the input text.

import { describe, it, expect, beforeAll } from 'vitest';
import { EYES, EYE_PUPILS, PRESET_NAMES, SHAPES, dataCodewords, maxLogoSize, renderSvg } from '../../src/qr/index.ts';
import type { Ecc } from '../../src/qr/index.ts';
import { decodeSvg } from '../helpers/decode-qr.ts';
import { makeLogos } from '../helpers/logos.ts';

const URL = 'https://tessera.example/r/8fK2xQ9mZ4';
const LEVELS: Ecc[] = ['L', 'M', 'Q', 'H'];

interface Case {
  name: string;
  text: string;
  design: unknown;
  options?: { version?: number; minVersion?: number };
  px?: number;
}

interface Outcome {
  name: string;
  zxing: string | null;
  jsqr: string | null;
  text: string;
}

/** Decodes cases a few at a time: sharp runs on the libuv pool, zxing on the main thread. */
async function decodeAll(cases: Case[], concurrency = 4): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (let i = 0; i < cases.length; i += concurrency) {
    const batch = cases.slice(i, i + concurrency).map(async (c) => {
      const { svg } = renderSvg(c.text, c.design, c.options);
      const r = await decodeSvg(svg, c.px ?? 300);
      return { name: c.name, text: c.text, ...r };
    });
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

/** zxing must read every case exactly; jsQR must never misread and (by default) read every case too. */
function expectDecoded(outcomes: Outcome[], label: string, minJsqrShare = 1): void {
  const failed = outcomes.filter((o) => o.zxing !== o.text).map((o) => `${o.name}: zxing read ${JSON.stringify(o.zxing)}`);
  expect(failed).toEqual([]);
  const misread = outcomes.filter((o) => o.jsqr !== null && o.jsqr !== o.text).map((o) => o.name);
  expect(misread).toEqual([]);
  const jsqrOk = outcomes.filter((o) => o.jsqr === o.text).length;
  console.log(`${label}: zxing ${outcomes.length}/${outcomes.length}, jsQR ${jsqrOk}/${outcomes.length}`);
  expect(jsqrOk / outcomes.length).toBeGreaterThanOrEqual(minJsqrShare);
}

/** Text that fills most of the given version at the level, so the encoder picks exactly that version. */
function textForVersion(version: number, ecc: Ecc): string {
  const bytes = dataCodewords(version, ecc) - 3 - (version >= 10 ? 1 : 0);
  const base = 'https://tessera.example/a-long-campaign/path?utm_source=print&n=';
  let s = '';
  while (s.length < bytes) s += base;
  return s.slice(0, bytes);
}

describe('decoded by zxing-wasm', () => {
  let logos: { png: string; jpeg: string; svg: string };
  beforeAll(async () => {
    logos = await makeLogos();
  });

  it('every shape × eye × pupil combination (200)', async () => {
    const cases: Case[] = [];
    for (const shapes of SHAPES)
      for (const eyes of EYES)
        for (const eye_pupils of EYE_PUPILS) {
          cases.push({ name: `${shapes}/${eyes}/${eye_pupils}`, text: URL, design: { shapes, eyes, eye_pupils, color: '#1e293b' }, px: 240 });
        }
    // Both decoders must read all: pupils are sized to their frames (finder-geometry.test.ts).
    expectDecoded(await decodeAll(cases), 'combinations', 1);
  }, 60_000);

  it('every preset', async () => {
    const cases = PRESET_NAMES.map((preset) => ({ name: preset, text: URL, design: { preset } }));
    expectDecoded(await decodeAll(cases), 'presets');
  }, 30_000);

  it('linear and radial gradients, on modules and eyes', async () => {
    const stops = [
      { offset: 0, color: '#1d4ed8' },
      { offset: 0.5, color: '#7e22ce' },
      { offset: 1, color: '#9d174d' },
    ];
    const cases: Case[] = [];
    for (const rotation of [0, 45, 90, 135, 180, 270]) {
      cases.push({ name: `linear ${rotation}`, text: URL, design: { shapes: 'liquid', eyes: 'circle', gradient: { type: 'linear', rotation, stops } } });
    }
    cases.push({ name: 'radial', text: URL, design: { shapes: 'dots', eyes: 'rounded', gradient: { type: 'radial', stops } } });
    cases.push({ name: 'radial, plain eyes', text: URL, design: { shapes: 'rounded', gradient: { type: 'radial', stops, apply_to_eyes: false }, color: '#111111' } });
    cases.push({ name: 'gradient + eye_color', text: URL, design: { shapes: 'classy', eye_color: '#b91c1c', gradient: { stops } } });
    expectDecoded(await decodeAll(cases), 'gradients');
  }, 30_000);

  it('logos (PNG, JPEG, SVG) at the maximum allowed size for versions 2–40', async () => {
    const cases: Case[] = [];
    for (const version of [2, 5, 7, 10, 25, 40]) {
      const size = maxLogoSize(version, 'H');
      expect(size).toBeGreaterThan(0);
      for (const [kind, src] of Object.entries(logos)) {
        cases.push({
          name: `v${version} ${kind} logo ${size}`,
          text: textForVersion(version, 'H'),
          design: { shapes: version % 2 ? 'liquid' : 'square', eyes: 'rounded', logo: { src, size } },
          options: { version },
          px: Math.max(300, (version * 4 + 25) * 5),
        });
      }
    }
    expectDecoded(await decodeAll(cases), 'logos');
  }, 60_000);

  it('all ECC levels at versions 1, 2, 7, 10, 25, 40', async () => {
    const cases: Case[] = [];
    for (const version of [1, 2, 7, 10, 25, 40])
      for (const ecc of LEVELS) {
        cases.push({
          name: `v${version}-${ecc}`,
          text: textForVersion(version, ecc),
          design: { ecc, shapes: version === 40 ? 'square' : 'liquid', eyes: 'circle', eye_pupils: 'circle' },
          options: { version },
          px: Math.max(240, (version * 4 + 25) * 4),
        });
      }
    expectDecoded(await decodeAll(cases), 'versions × levels', 1);
  }, 60_000);

  it('UTF-8 text: accents, CJK and emoji round-trip exactly', async () => {
    const texts = [
      'Crème brûlée à Genève — 3,50 €',
      '東京タワー 営業時間 9:00–23:00',
      '👋🌍 emoji ok 🚀✨',
      'Zażółć gęślą jaźń',
      'ΑΒΓ абв 中文 ひらがな 한국어 🇫🇷',
      '12345 MIXED segments with ünïcödé 67890',
    ];
    const cases: Case[] = [];
    texts.forEach((text, i) => {
      for (const ecc of LEVELS) cases.push({ name: `utf8 #${i} ${ecc}`, text, design: { ecc, shapes: i % 2 ? 'dots' : 'liquid' } });
    });
    expectDecoded(await decodeAll(cases), 'utf-8', 1);
  }, 30_000);

  it('frames, inverted colours, transparent background and translucent colours', async () => {
    const cases: Case[] = [
      { name: 'frame', text: URL, design: { frame: { text: 'SCAN ME' } } },
      { name: 'frame custom', text: URL, design: { shapes: 'liquid', color: '#0f766e', frame: { text: 'Menu & <Wine>', color: '#0f766e' } } },
      { name: 'border', text: URL, design: { eyes: 'circle', eye_pupils: 'circle', frame: { text: '' } } },
      { name: 'border, transparent', text: URL, design: { background: 'transparent', frame: '' } },
      { name: 'inverted', text: URL, design: { color: '#ffffff', background: '#111827' } },
      { name: 'transparent', text: URL, design: { background: 'transparent', shapes: 'rounded' } },
      { name: 'translucent', text: URL, design: { color: '#000000cc' } },
      { name: 'margin 2', text: URL, design: { margin: 2, shapes: 'extra-rounded' } },
      { name: 'empty design', text: URL, design: {} },
      { name: 'seed bulk example', text: URL, design: { shapes: 'liquid', eyes: 'circle', color: '#d946ef' } },
      { name: 'numeric', text: '0123456789012345678901234567890123456789', design: {} },
      { name: 'alphanumeric', text: 'HTTPS://TESSERA.EXAMPLE/R/ABC-123', design: {} },
    ];
    expectDecoded(await decodeAll(cases), 'misc');
  }, 30_000);
});
