// QR Code encoder: text → segments → codewords (with Reed–Solomon ECC, interleaved) → matrix.

import { ECC_LEVELS, MAX_VERSION, MIN_VERSION, dataCodewords, eccPerBlock, numBlocks, rawDataModules, symbolSize } from './capacity.ts';
import type { Ecc } from './capacity.ts';
import { QrCapacityError, QrDesignError } from './errors.ts';
import { buildMatrix } from './matrix.ts';
import { rsRemainder } from './reed-solomon.ts';
import { ALNUM_VALUE, MODE_BITS, charCountBits, segmentOptimally, totalBits, versionGroup } from './segments.ts';
import type { Segment } from './segments.ts';

/** Options for {@link encodeQr}. */
export interface EncodeOptions {
  /** Error correction level; default M. */
  ecc?: Ecc;
  /** Smallest version to consider (1–40); default 1. */
  minVersion?: number;
  /** Largest version to consider (1–40); default 40. */
  maxVersion?: number;
  /** Exact version; content that does not fit is an error. */
  version?: number;
  /** Force mask 0–7 instead of choosing by penalty. */
  mask?: number;
  /** Prefix an ECI 26 (UTF-8) designator: 'auto' (default) does so only for non-ASCII content. */
  eci?: boolean | 'auto';
}

/** An encoded symbol. `modules` is row-major, size × size, 1 = dark. */
export interface QrCode {
  version: number;
  size: number;
  ecc: Ecc;
  mask: number;
  modules: Uint8Array;
  segments: Segment[];
}

const UTF8_ECI = 26;
const encoder = new TextEncoder();

/** UTF-8 bytes of a string, with a fast path for ASCII (the common URL case). */
export function utf8(text: string): Uint8Array {
  const n = text.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return encoder.encode(text);
    out[i] = c;
  }
  return out;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

function checkVersion(name: string, v: number): void {
  if (!Number.isInteger(v) || v < MIN_VERSION || v > MAX_VERSION) {
    throw new QrDesignError('design_invalid', `${name} must be an integer 1–40; got ${String(v)}`, [{ field: name, message: 'must be an integer 1–40' }]);
  }
}

/** Encodes text (UTF-8) into the smallest fitting symbol with optimal segmentation. */
export function encodeQr(text: string, options: EncodeOptions = {}): QrCode {
  return encodeBytes(utf8(text), options);
}

/** Encodes raw bytes; non-ASCII bytes are declared UTF-8 via ECI unless `eci` is false. */
export function encodeBytes(bytes: Uint8Array, options: EncodeOptions = {}): QrCode {
  const ecc = options.ecc ?? 'M';
  if (!ECC_LEVELS.includes(ecc)) {
    throw new QrDesignError('design_invalid', `ecc must be one of: L, M, Q, H; got '${String(ecc)}'`, [{ field: 'ecc', message: 'must be one of: L, M, Q, H' }]);
  }
  let minV = options.minVersion ?? MIN_VERSION;
  let maxV = options.maxVersion ?? MAX_VERSION;
  if (options.version !== undefined) minV = maxV = options.version;
  checkVersion(options.version !== undefined ? 'version' : 'minVersion', minV);
  checkVersion('maxVersion', maxV);
  if (options.mask !== undefined && !(Number.isInteger(options.mask) && options.mask >= 0 && options.mask <= 7)) {
    throw new QrDesignError('design_invalid', `mask must be an integer 0–7; got ${String(options.mask)}`, [{ field: 'mask', message: 'must be an integer 0–7' }]);
  }
  const eci = options.eci === true || ((options.eci ?? 'auto') === 'auto' && hasNonAscii(bytes));
  let segments: Segment[] = [];
  let bits = Infinity;
  let group = -1;
  let version = minV;
  for (; version <= maxV; version++) {
    // Count-field widths change only between version groups, so segment once per group.
    const g = versionGroup(version);
    if (g !== group) {
      group = g;
      segments = segmentOptimally(bytes, version);
      if (eci) segments.unshift({ mode: 'eci', start: 0, end: 0, eci: UTF8_ECI });
      bits = totalBits(segments, version);
    }
    if (bits <= dataCodewords(version, ecc) * 8) break;
  }
  if (version > maxV) throw capacityError(bytes, ecc, maxV, eci);
  return encodeSegments(bytes, segments, version, ecc, options.mask);
}

/** Encodes already-chosen segments at an exact version (used by tests to match other encoders). */
export function encodeSegments(bytes: Uint8Array, segments: Segment[], version: number, ecc: Ecc, mask?: number): QrCode {
  const capacity = dataCodewords(version, ecc);
  const bits = totalBits(segments, version);
  if (bits > capacity * 8)
    throw capacityError(
      bytes,
      ecc,
      version,
      segments.some((s) => s.mode === 'eci'),
    );
  const data = new Uint8Array(capacity);
  let pos = writeSegments(data, bytes, segments, version);
  // Terminator (up to four zero bits) and bit padding come free from the zeroed buffer.
  pos = Math.min(pos + 4, capacity * 8);
  let byte = (pos + 7) >>> 3;
  for (let pad = 0xec; byte < capacity; byte++, pad ^= 0xec ^ 0x11) data[byte] = pad;
  const codewords = addEccAndInterleave(data, version, ecc);
  const { modules, mask: chosen } = buildMatrix(version, ecc, codewords, mask);
  return { version, size: symbolSize(version), ecc, mask: chosen, modules, segments };
}

function writeSegments(buf: Uint8Array, bytes: Uint8Array, segments: readonly Segment[], version: number): number {
  let pos = 0;
  const put = (value: number, len: number): void => {
    for (let i = len - 1; i >= 0; i--, pos++) {
      if ((value >>> i) & 1) buf[pos >>> 3]! |= 0x80 >>> (pos & 7);
    }
  };
  for (const seg of segments) {
    put(MODE_BITS[seg.mode], 4);
    if (seg.mode === 'eci') {
      const v = seg.eci ?? 0;
      if (v < 1 << 7) put(v, 8);
      else if (v < 1 << 14) put((0b10 << 14) | v, 16);
      else put((0b110 << 21) | v, 24);
      continue;
    }
    const { start, end } = seg;
    put(end - start, charCountBits(seg.mode, version));
    if (seg.mode === 'byte') {
      for (let i = start; i < end; i++) {
        const b = bytes[i]!;
        const shift = pos & 7;
        const at = pos >>> 3;
        buf[at]! |= b >>> shift;
        if (shift !== 0) buf[at + 1] = (b << (8 - shift)) & 0xff;
        pos += 8;
      }
    } else if (seg.mode === 'alphanumeric') {
      let i = start;
      for (; i + 1 < end; i += 2) put(ALNUM_VALUE[bytes[i]!]! * 45 + ALNUM_VALUE[bytes[i + 1]!]!, 11);
      if (i < end) put(ALNUM_VALUE[bytes[i]!]!, 6);
    } else {
      let i = start;
      for (; i + 2 < end; i += 3) put((bytes[i]! - 48) * 100 + (bytes[i + 1]! - 48) * 10 + (bytes[i + 2]! - 48), 10);
      if (end - i === 2) put((bytes[i]! - 48) * 10 + (bytes[i + 1]! - 48), 7);
      else if (end - i === 1) put(bytes[i]! - 48, 4);
    }
  }
  return pos;
}

/** Splits data into blocks, appends each block's ECC and interleaves column-wise. */
function addEccAndInterleave(data: Uint8Array, version: number, ecc: Ecc): Uint8Array {
  const blocks = numBlocks(version, ecc);
  const eccLen = eccPerBlock(version, ecc);
  const rawCodewords = rawDataModules(version) >>> 3;
  const shortBlocks = blocks - (rawCodewords % blocks);
  const shortDataLen = Math.floor(rawCodewords / blocks) - eccLen;
  const out = new Uint8Array(rawCodewords);
  const eccStart = data.length;
  const eccTmp = new Uint8Array(eccLen);
  let k = 0;
  for (let b = 0; b < blocks; b++) {
    const len = shortDataLen + (b < shortBlocks ? 0 : 1);
    // Data codeword i of block b goes to column i; long blocks' extra codeword comes after all columns.
    for (let i = 0; i < shortDataLen; i++) out[i * blocks + b] = data[k + i]!;
    if (len > shortDataLen) out[shortDataLen * blocks + (b - shortBlocks)] = data[k + shortDataLen]!;
    rsRemainder(data, k, k + len, eccLen, eccTmp, 0);
    for (let i = 0; i < eccLen; i++) out[eccStart + i * blocks + b] = eccTmp[i]!;
    k += len;
  }
  return out;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Largest payload (in the content's own unit) a version holds at a level. */
function capacityIn(unit: 'digits' | 'characters' | 'bytes', version: number, ecc: Ecc, eci: boolean): number {
  const mode = unit === 'digits' ? 'numeric' : unit === 'characters' ? 'alphanumeric' : 'byte';
  const avail = dataCodewords(version, ecc) * 8 - 4 - charCountBits(mode, version) - (eci ? 12 : 0);
  if (unit === 'digits') return Math.floor(avail / 10) * 3 + (avail % 10 >= 7 ? 2 : avail % 10 >= 4 ? 1 : 0);
  if (unit === 'characters') return Math.floor(avail / 11) * 2 + (avail % 11 >= 6 ? 1 : 0);
  return avail >> 3;
}

function capacityError(bytes: Uint8Array, ecc: Ecc, maxVersion: number, eci: boolean): QrCapacityError {
  let unit: 'digits' | 'characters' | 'bytes' = 'digits';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x30 && b <= 0x39) continue;
    if (ALNUM_VALUE[b] !== 255) unit = 'characters';
    else {
      unit = 'bytes';
      break;
    }
  }
  const holds = capacityIn(unit, maxVersion, ecc, eci);
  const fits = ECC_LEVELS.filter((l) => ECC_LEVELS.indexOf(l) < ECC_LEVELS.indexOf(ecc) && capacityIn(unit, maxVersion, l, eci) >= bytes.length);
  const advice =
    fits.length > 0 ? `use ECC ${fits.map((l) => `${l} (${fmt(capacityIn(unit, maxVersion, l, eci))})`).join(' or ')} or a dynamic code` : 'shorten it or use a dynamic code (a short redirect URL)';
  const message = `content is ${fmt(bytes.length)} ${unit}; version ${maxVersion} at ECC ${ecc} holds ${fmt(holds)} ${unit} — ${advice}`;
  return new QrCapacityError(message, [{ field: 'content', message }]);
}
