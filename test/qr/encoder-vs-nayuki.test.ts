import { describe, it, expect } from 'vitest';
import nayukiModule from 'nayuki-qr-code-generator';
import { encodeQr, utf8 } from '../../src/qr/encoder.ts';
import { dataCodewords } from '../../src/qr/capacity.ts';
import type { Ecc } from '../../src/qr/capacity.ts';
import { totalBits } from '../../src/qr/segments.ts';
import type { Segment } from '../../src/qr/segments.ts';
import { mulberry32, randInt } from '../helpers/prng.ts';

// The package ships ES syntax without "type": "module": Node and Vitest load it as ESM (default =
// the namespace), while TypeScript reads its .d.ts as CommonJS (namespace under .default).
type Qrcodegen = typeof nayukiModule.default;
const qrcodegen = ((nayukiModule as unknown as { default?: Qrcodegen }).default ?? nayukiModule) as Qrcodegen;
const { QrCode, QrSegment } = qrcodegen;
const NAYUKI_ECC = { L: QrCode.Ecc.LOW, M: QrCode.Ecc.MEDIUM, Q: QrCode.Ecc.QUARTILE, H: QrCode.Ecc.HIGH } as const;
const LEVELS: Ecc[] = ['L', 'M', 'Q', 'H'];
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const UNICODE = ['é', 'ß', 'ø', 'ł', 'Ж', 'λ', '中', '文', '字', 'ü', '😀', '🚀', 'ñ', 'ç', '€'];
const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&()*+,;=%';
type Kind = 'numeric' | 'alphanumeric' | 'ascii' | 'utf8' | 'mixed';
const KINDS: Kind[] = ['numeric', 'alphanumeric', 'ascii', 'utf8', 'mixed'];

function randomText(rand: () => number, kind: Kind, length: number): string {
  const pick = (s: string | string[]): string => s[Math.floor(rand() * s.length)]!;
  let out = '';
  if (kind === 'mixed') {
    // Runs of different character classes exercise segment switching.
    while (out.length < length) {
      const run = randInt(rand, 1, 24);
      const cls = randInt(rand, 0, 3);
      for (let i = 0; i < run; i++) out += cls === 0 ? pick('0123456789') : cls === 1 ? pick(ALNUM) : cls === 2 ? pick(ASCII) : pick(UNICODE);
    }
    return Array.from(out).slice(0, length).join(''); // by code point: never split an emoji
  }
  for (let i = 0; i < length; i++) {
    out += kind === 'numeric' ? pick('0123456789') : kind === 'alphanumeric' ? pick(ALNUM) : kind === 'ascii' ? pick(ASCII) : rand() < 0.5 ? pick(UNICODE) : pick(ASCII);
  }
  return out;
}

/** Rough characters-per-version budget so most random payloads fit the chosen version. */
function maxChars(kind: Kind, version: number, ecc: Ecc): number {
  const bits = dataCodewords(version, ecc) * 8 - 40;
  const perChar = kind === 'numeric' ? 10 / 3 : kind === 'alphanumeric' ? 5.5 : kind === 'ascii' ? 8 : 24;
  return Math.max(1, Math.floor(bits / perChar));
}

function toNayukiSegments(bytes: Uint8Array, segments: Segment[]): InstanceType<typeof QrSegment>[] {
  const ascii = (s: Segment): string => String.fromCharCode(...bytes.subarray(s.start, s.end));
  return segments.map((s) => {
    switch (s.mode) {
      case 'eci':
        return QrSegment.makeEci(s.eci!);
      case 'numeric':
        return QrSegment.makeNumeric(ascii(s));
      case 'alphanumeric':
        return QrSegment.makeAlphanumeric(ascii(s));
      case 'byte':
        return QrSegment.makeBytes(Array.from(bytes.subarray(s.start, s.end)));
    }
  });
}

function sameMatrix(ours: Uint8Array, theirs: InstanceType<typeof QrCode>): boolean {
  const n = theirs.size;
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (ours[y * n + x] !== (theirs.getModule(x, y) ? 1 : 0)) return false;
  return true;
}

describe('encoder matches nayuki-qr-code-generator', () => {
  it('2,400 seeded random payloads, version and mask forced: identical matrices', { timeout: 60_000 }, () => {
    const rand = mulberry32(0x7e55e7a);
    const failures: string[] = [];
    const seen = { versions: new Set<number>(), levels: new Set<string>(), kinds: new Set<string>() };
    for (let n = 0; n < 2400; n++) {
      // Cycle through every version × level so all 160 combinations appear, then random kinds/masks.
      const version = (n % 40) + 1;
      const ecc = LEVELS[Math.floor(n / 40) % 4]!;
      const kind = KINDS[randInt(rand, 0, KINDS.length - 1)]!;
      const mask = randInt(rand, 0, 7);
      let text = randomText(rand, kind, randInt(rand, 1, maxChars(kind, version, ecc)));
      let bytes = utf8(text);
      let ours;
      for (;;) {
        try {
          ours = encodeQr(text, { ecc, version, mask });
          break;
        } catch {
          const chars = Array.from(text);
          text = chars.slice(0, Math.max(1, Math.floor(chars.length * 0.8))).join('');
          bytes = utf8(text);
        }
      }
      const theirs = QrCode.encodeSegments(toNayukiSegments(bytes, ours.segments), NAYUKI_ECC[ecc], version, version, mask, false);
      seen.versions.add(version);
      seen.levels.add(ecc);
      seen.kinds.add(kind);
      if (theirs.version !== version || !sameMatrix(ours.modules, theirs)) failures.push(`#${n} v${version} ${ecc} mask ${mask} ${kind} ${JSON.stringify(text.slice(0, 40))}`);
    }
    expect(failures).toEqual([]);
    expect(seen.versions.size).toBe(40);
    expect(seen.levels.size).toBe(4);
    expect(seen.kinds.size).toBe(KINDS.length);
  });

  it('automatic version and mask choice agrees with nayuki on 400 payloads', { timeout: 30_000 }, () => {
    const rand = mulberry32(42);
    for (let n = 0; n < 400; n++) {
      const ecc = LEVELS[n % 4]!;
      const kind = KINDS[n % KINDS.length]!;
      const text = randomText(rand, kind, randInt(rand, 1, n % 10 === 0 ? 600 : 80));
      const bytes = utf8(text);
      const ours = encodeQr(text, { ecc });
      const theirs = QrCode.encodeSegments(toNayukiSegments(bytes, ours.segments), NAYUKI_ECC[ecc], 1, 40, -1, false);
      expect({ v: ours.version, m: ours.mask }).toEqual({ v: theirs.version, m: theirs.mask });
      expect(sameMatrix(ours.modules, theirs)).toBe(true);
    }
  });

  it('optimal segmentation never costs more bits than single-mode segmentation', () => {
    const rand = mulberry32(7);
    for (let n = 0; n < 500; n++) {
      const text = randomText(rand, 'mixed', randInt(rand, 1, 200));
      const bytes = utf8(text);
      const ours = encodeQr(text, { ecc: 'L', eci: false });
      const single = QrSegment.makeSegments(text);
      expect(totalBits(ours.segments, ours.version)).toBeLessThanOrEqual(QrSegment.getTotalBits(single, ours.version));
      expect(bytes.length).toBeGreaterThan(0);
    }
  });
});
