// QR engine benchmark: `npm run bench:qr`. Everything is measured in this process against a
// baseline measured in the same run (qrcode), so the ratios hold on any machine. Wall-clock
// and process CPU time are both shown: on a shared machine CPU time is the steadier one.

import QRCode from 'qrcode';
import { encodeQr, renderSvg } from '../src/qr/index.ts';
import { renderPng } from '../src/modules/render/index.ts';

const ROUNDS = 9;
const N = 1000;
/** The brief's reference: qrcode at ~167 ms per 1,000 such URLs on the lead's machine. */
const REFERENCE_QRCODE_MS = 167;

/** 1,000 distinct 33-character short-link URLs (seeded, so runs compare). */
function payloads(seed: number): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = seed >>> 0;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const seen = new Set<string>();
  while (seen.size < N) {
    let id = '';
    for (let i = 0; i < 7; i++) id += alphabet[Math.floor(next() * alphabet.length)];
    seen.add(`https://tessera.example/r/${id}`);
  }
  return [...seen];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Timing {
  wall: number;
  cpu: number;
}

/** One run of fn: wall-clock and process CPU milliseconds. */
function once(fn: () => void): Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

const med = (ts: Timing[]): Timing => ({ wall: median(ts.map((t) => t.wall)), cpu: median(ts.map((t) => t.cpu)) });
const ms = (x: number): string => `${x.toFixed(1).padStart(7)} ms`;

const urls = payloads(2024);
console.log(`QR engine bench — Node ${process.version}, ${N} distinct ${urls[0]!.length}-char URLs, medians of ${ROUNDS} rounds after warm-up\n`);

const design = { shapes: 'liquid', eyes: 'circle', eye_pupils: 'circle', color: '#7e22ce' };
const runBaseline = (): void => {
  for (const u of urls) QRCode.create(u, { errorCorrectionLevel: 'M' });
};
const runEncoder = (): void => {
  for (const u of urls) encodeQr(u, { ecc: 'M' });
};
let bytes = 0;
const runLiquid = (): void => {
  bytes = 0;
  for (const u of urls) bytes += renderSvg(u, design).svg.length;
};
const runSquare = (): void => {
  for (const u of urls) renderSvg(u, {});
};

// Warm-up (JIT, per-version tables), then rounds interleaved so machine noise hits all alike.
for (let w = 0; w < 2; w++) {
  runBaseline();
  runEncoder();
  runLiquid();
  runSquare();
}
const rounds = { base: [] as Timing[], enc: [] as Timing[], liquid: [] as Timing[], square: [] as Timing[] };
for (let r = 0; r < ROUNDS; r++) {
  rounds.base.push(once(runBaseline));
  rounds.enc.push(once(runEncoder));
  rounds.liquid.push(once(runLiquid));
  rounds.square.push(once(runSquare));
}
const base = med(rounds.base),
  enc = med(rounds.enc),
  liquid = med(rounds.liquid),
  square = med(rounds.square);
// Scale to the reference machine by the baseline measured here (CPU time: least disturbed by other load).
const scale = REFERENCE_QRCODE_MS / base.cpu;

console.log('Encoder, ECC M, per 1,000 codes           wall        cpu');
console.log(`  qrcode (baseline)                   ${ms(base.wall)} ${ms(base.cpu)}   ${(base.cpu).toFixed(0)} µs/code`);
console.log(`  tessera                             ${ms(enc.wall)} ${ms(enc.cpu)}   ${(enc.cpu).toFixed(0)} µs/code`);
console.log(`  ratio: ${(base.wall / enc.wall).toFixed(2)}× (wall), ${(base.cpu / enc.cpu).toFixed(2)}× (cpu) faster than qrcode — goal ≥ 4×\n`);

const v3 = renderSvg(urls[0]!, design);
console.log('Styled SVG end to end (parse + lint + encode + render), per 1,000');
console.log(`  liquid + circle                     ${ms(liquid.wall)} ${ms(liquid.cpu)}   ≈ ${(liquid.cpu * scale).toFixed(0)} ms on the reference machine (goal ≤ 80 ms)`);
console.log(`  square (default design)             ${ms(square.wall)} ${ms(square.cpu)}`);
console.log(`  average ${Math.round(bytes / N)} bytes; liquid version-${v3.version} SVG ${v3.svg.length} bytes (goal < 8 KB)\n`);

const svgs = urls.slice(0, 100).map((u) => renderSvg(u, design).svg);
for (const s of svgs.slice(0, 10)) await renderPng(s, 512);
const pngWall: number[] = [];
const pngCpu: number[] = [];
for (let r = 0; r < 3; r++) {
  for (const s of svgs) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    await renderPng(s, 512);
    pngWall.push(performance.now() - t);
    const c = process.cpuUsage(c0);
    pngCpu.push((c.user + c.system) / 1000);
  }
}
const png = await renderPng(svgs[0]!, 512);
console.log('PNG 512 px (sharp/librsvg, liquid + circle), per image');
console.log(
  `  median ${median(pngWall).toFixed(2)} ms wall, ${median(pngCpu).toFixed(2)} ms cpu   ≈ ${(median(pngCpu) * scale).toFixed(2)} ms on the reference machine (goal ≤ 4 ms), ${png.length} bytes`,
);
