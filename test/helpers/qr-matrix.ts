// The design matrix and the decode gate shared by the degradation suite (test/qr) and the full
// measurement (`npm run qr:matrix`): every shape × eye × pupil pair and every preset, read by
// zxing-wasm AND jsQR — a design counts as decoded only when each reads the exact text.

import { EYES, EYE_PUPILS, PRESET_NAMES, SHAPES } from '../../src/qr/index.ts';
import type { Ecc } from '../../src/qr/index.ts';
import type { Pixels } from './decode-qr.ts';
import { jsqrDecode, zxingDecode } from './decode-qr.ts';
import { blur, cameraChain, jpeg, noise, overGrey, rasterAt, rotate, squeeze } from './degrade.ts';
import type { Rgb } from './degrade.ts';

/** One design of the matrix, by name. */
export interface MatrixDesign {
  name: string;
  design: Record<string, unknown>;
}

/** 200 shape × eye × pupil pairs (dark slate, as a designer would pick) and the presets. */
export function matrixDesigns(): MatrixDesign[] {
  const out: MatrixDesign[] = [];
  for (const shapes of SHAPES)
    for (const eyes of EYES)
      for (const eye_pupils of EYE_PUPILS) {
        out.push({ name: `${shapes}/${eyes}/${eye_pupils}`, design: { shapes, eyes, eye_pupils, color: '#1e293b' } });
      }
  for (const preset of PRESET_NAMES) out.push({ name: `preset:${preset}`, design: { preset } });
  return out;
}

export const LEVELS: Ecc[] = ['L', 'M', 'Q', 'H'];

/** Three payloads: a short link (versions 2–3), a tracked URL (4–7) and a long one (9–13). */
export const PAYLOADS = [
  'https://tessera.example/r/8fK2xQ9',
  'https://tessera.example/campaigns/spring-2026/landing?utm_source=print&utm_medium=poster&id=42',
  'https://tessera.example/menu/la-table-de-geneve/carte-du-jour?lang=fr&table=12&utm_source=qr&utm_medium=table-tent&utm_campaign=winter-2026&ref=8fK2xQ9mZ4aB7cD1eF3gH5iJ6kL8mN0pQ',
] as const;

/** Both readings of one image against the expected text. */
export interface Reading {
  zxing: boolean;
  jsqr: boolean;
  /** jsQR returned a different text (a misread, never acceptable). */
  misread: boolean;
}

export async function readBoth(img: Pixels, text: string): Promise<Reading> {
  const z = await zxingDecode(img);
  const j = jsqrDecode(img);
  return { zxing: z[0] === text, jsqr: j === text, misread: (j !== null && j !== text) || (z[0] !== undefined && z[0] !== text) };
}

/** Tally of readings under one label. */
export class Tally {
  n = 0;
  zxing = 0;
  jsqr = 0;
  misread = 0;
  readonly zxingFailed: string[] = [];
  readonly jsqrFailed: string[] = [];
  add(r: Reading, name: string): void {
    this.n++;
    if (r.zxing) this.zxing++;
    else this.zxingFailed.push(name);
    if (r.jsqr) this.jsqr++;
    else this.jsqrFailed.push(name);
    if (r.misread) this.misread++;
  }
  get zxingRate(): number {
    return this.n ? this.zxing / this.n : 1;
  }
  get jsqrRate(): number {
    return this.n ? this.jsqr / this.n : 1;
  }
  toString(): string {
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    return `zxing ${this.zxing}/${this.n} (${pct(this.zxingRate)}), jsQR ${this.jsqr}/${this.n} (${pct(this.jsqrRate)})${this.misread ? `, ${this.misread} MISREAD` : ''}`;
  }
}

/** The fixed degradations of the suite, each from the SVG and a seed to a decodable raster. */
export const DEGRADATIONS: { name: string; apply: (svg: string, seed: number) => Promise<Rgb> }[] = [
  { name: 'clean 8 px/module', apply: (svg) => rasterAt(svg, 8) },
  { name: 'blur σ1', apply: async (svg) => blur(await rasterAt(svg, 8), 1) },
  { name: 'blur σ2', apply: async (svg) => blur(await rasterAt(svg, 8), 2) },
  { name: 'JPEG q30', apply: async (svg) => jpeg(await rasterAt(svg, 8), 30) },
  { name: 'rotation 15°', apply: async (svg) => rotate(await rasterAt(svg, 8), 15) },
  { name: 'rotation 45°', apply: async (svg) => rotate(await rasterAt(svg, 8), 45) },
  { name: '70 % width squeeze', apply: async (svg) => squeeze(await rasterAt(svg, 8), 0.7) },
  { name: '60 % opacity over grey', apply: async (svg) => overGrey(await rasterAt(svg, 8), 0.6) },
  { name: '3 px/module', apply: (svg) => rasterAt(svg, 3) },
  { name: '2 px/module', apply: (svg) => rasterAt(svg, 2) },
  { name: 'noise σ30', apply: async (svg, seed) => noise(await rasterAt(svg, 8), 30, seed) },
  { name: 'camera chain', apply: (svg, seed) => cameraChain(svg, seed) },
];
