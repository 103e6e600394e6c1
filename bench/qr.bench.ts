// QR engine benchmark: `npm run bench:qr`. Everything is measured in this process against a
// baseline measured in the same run, so the ratios hold on any machine.

import QRCode from 'qrcode';
import { encodeQr, renderSvg } from '../src/qr/index.ts';
import { renderPng } from '../src/modules/render/png.ts';

const ROUNDS = 9;
const N = 1000;

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

function timeRounds(fn: () => void): number {
  fn(); // warm-up: JIT and per-version tables
  fn();
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

const urls = payloads(2024);
console.log(`QR engine bench — Node ${process.version}, ${N} distinct ${urls[0]!.length}-char URLs, median of ${ROUNDS} rounds after warm-up\n`);

// Interleave baseline and ours per round so machine noise hits both alike.
const base: number[] = [];
const ours: number[] = [];
for (const u of urls.slice(0, 200)) { QRCode.create(u, { errorCorrectionLevel: 'M' }); encodeQr(u, { ecc: 'M' }); }
for (let r = 0; r < ROUNDS; r++) {
  let t = performance.now();
  for (const u of urls) QRCode.create(u, { errorCorrectionLevel: 'M' });
  base.push(performance.now() - t);
  t = performance.now();
  for (const u of urls) encodeQr(u, { ecc: 'M' });
  ours.push(performance.now() - t);
}
const baseMs = median(base), oursMs = median(ours);
console.log('Encoder (ECC M, matrix only)');
console.log(`  qrcode   ${(baseMs * 1000 / N).toFixed(1).padStart(7)} µs/code  ${baseMs.toFixed(1).padStart(7)} ms per 1,000`);
console.log(`  tessera  ${(oursMs * 1000 / N).toFixed(1).padStart(7)} µs/code  ${oursMs.toFixed(1).padStart(7)} ms per 1,000`);
console.log(`  ratio    ${(baseMs / oursMs).toFixed(2)}× faster than qrcode (goal ≥ 4×)\n`);

const design = { shapes: 'liquid', eyes: 'circle', eye_pupils: 'circle', color: '#7e22ce' };
let bytes = 0;
const svgMs = timeRounds(() => {
  bytes = 0;
  for (const u of urls) bytes += renderSvg(u, design).svg.length;
});
const squareMs = timeRounds(() => {
  for (const u of urls) renderSvg(u, {});
});
const v3 = renderSvg(urls[0]!, design);
console.log('Styled SVG end to end (parse design + lint + encode + render)');
console.log(`  liquid + circle   ${svgMs.toFixed(1).padStart(6)} ms per 1,000 (goal ≤ 80 ms)  ${(svgMs * 1000 / N).toFixed(1)} µs/code, avg ${Math.round(bytes / N)} bytes`);
console.log(`  square (default)  ${squareMs.toFixed(1).padStart(6)} ms per 1,000`);
console.log(`  liquid v${v3.version} SVG size  ${v3.svg.length} bytes (goal < 8 KB)\n`);

const svgs = urls.slice(0, 100).map((u) => renderSvg(u, design).svg);
for (const s of svgs.slice(0, 10)) await renderPng(s, 512);
const pngTimes: number[] = [];
for (let r = 0; r < 3; r++) {
  for (const s of svgs) {
    const t = performance.now();
    await renderPng(s, 512);
    pngTimes.push(performance.now() - t);
  }
}
const png = await renderPng(svgs[0]!, 512);
console.log('PNG 512 px (sharp/librsvg, liquid + circle)');
console.log(`  median ${median(pngTimes).toFixed(2)} ms (goal ≤ 4 ms), p90 ${[...pngTimes].sort((a, b) => a - b)[Math.floor(pngTimes.length * 0.9)]!.toFixed(2)} ms, ${png.length} bytes`);
