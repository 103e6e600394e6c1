// Country lookup in an offline MaxMind DB file (GeoLite2-Country, GeoIP2-City, DB-IP lite, …),
// when the operator sets TESSERA_GEOIP_DB. A small reader of the documented MMDB format
// (https://maxmind.github.io/MaxMind-DB/): binary search tree over IP bits, then a data section.
// Used at flush time only, when the trusted country header gave nothing.
import fs from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';

const METADATA_MARKER = Buffer.from('abcdef4d61784d696e642e636f6d', 'hex'); // \xAB\xCD\xEF "MaxMind.com"

type Value = string | number | boolean | bigint | Buffer | Value[] | { [key: string]: Value } | null;

/** Decodes MMDB data-section values. */
class Decoder {
  private readonly buf: Buffer;
  private readonly base: number;
  constructor(buf: Buffer, base: number) {
    this.buf = buf;
    this.base = base;
  }

  /** Decodes the value at `offset` (absolute); returns it and the offset after it. */
  decode(offset: number): [Value, number] {
    const ctrl = this.buf[offset++]!;
    let type = ctrl >> 5;
    if (type === 1) {
      const ss = (ctrl >> 3) & 3;
      const v = ctrl & 7;
      let pointer: number;
      if (ss === 0) pointer = (v << 8) | this.buf[offset]!;
      else if (ss === 1) pointer = ((v << 16) | this.buf.readUInt16BE(offset)) + 2048;
      else if (ss === 2) pointer = ((v << 24) | this.buf.readUIntBE(offset, 3)) + 526_336;
      else pointer = this.buf.readUInt32BE(offset);
      const [value] = this.decode(this.base + pointer);
      return [value, offset + ss + 1];
    }
    if (type === 0) type = 7 + this.buf[offset++]!;
    let size = ctrl & 0x1f;
    if (size === 29) size = 29 + this.buf[offset++]!;
    else if (size === 30) {
      size = 285 + this.buf.readUInt16BE(offset);
      offset += 2;
    } else if (size === 31) {
      size = 65_821 + this.buf.readUIntBE(offset, 3);
      offset += 3;
    }
    switch (type) {
      case 2:
        return [this.buf.toString('utf8', offset, offset + size), offset + size];
      case 3:
        return [this.buf.readDoubleBE(offset), offset + 8];
      case 4:
        return [this.buf.subarray(offset, offset + size), offset + size];
      case 5:
      case 6:
        return [size === 0 ? 0 : this.buf.readUIntBE(offset, size), offset + size];
      case 8:
        return [size === 0 ? 0 : this.buf.readIntBE(offset, size), offset + size];
      case 9:
      case 10: {
        let n = 0n;
        for (let i = 0; i < size; i++) n = (n << 8n) | BigInt(this.buf[offset + i]!);
        return [n, offset + size];
      }
      case 7: {
        const map: Record<string, Value> = {};
        for (let i = 0; i < size; i++) {
          const [key, afterKey] = this.decode(offset);
          const [value, afterValue] = this.decode(afterKey);
          map[String(key)] = value;
          offset = afterValue;
        }
        return [map, offset];
      }
      case 11: {
        const list: Value[] = [];
        for (let i = 0; i < size; i++) {
          const [value, after] = this.decode(offset);
          list.push(value);
          offset = after;
        }
        return [list, offset];
      }
      case 14:
        return [size !== 0, offset];
      case 15:
        return [this.buf.readFloatBE(offset), offset + 4];
      default:
        throw new Error(`unsupported MMDB data type ${type}`);
    }
  }
}

function ipBits(ip: string): { bits: Uint8Array; v4: boolean } | null {
  if (isIPv4(ip)) return { bits: Uint8Array.from(ip.split('.').map(Number)), v4: true };
  if (!isIPv6(ip)) return null;
  let text = ip.split('%')[0]!;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8) return null;
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const n = parseInt(group, 16);
    bytes[i * 2] = n >> 8;
    bytes[i * 2 + 1] = n & 0xff;
  });
  return { bits: bytes, v4: false };
}

/** An opened MMDB file answering country lookups. */
export class GeoIpCountries {
  private readonly buf: Buffer;
  private readonly nodeCount: number;
  private readonly recordSize: number;
  private readonly ipVersion: number;
  private readonly treeSize: number;
  private readonly decoder: Decoder;
  private ipv4Start = -1;

  /** Parses the file's metadata; throws when it is not an MMDB file. */
  constructor(buf: Buffer) {
    const at = buf.lastIndexOf(METADATA_MARKER);
    if (at < 0) throw new Error('not a MaxMind DB file (metadata marker missing)');
    const [meta] = new Decoder(buf, at + METADATA_MARKER.length).decode(at + METADATA_MARKER.length) as [Record<string, Value>, number];
    this.buf = buf;
    this.nodeCount = Number(meta.node_count);
    this.recordSize = Number(meta.record_size);
    this.ipVersion = Number(meta.ip_version);
    if (![24, 28, 32].includes(this.recordSize) || !(this.nodeCount > 0)) throw new Error('unsupported MaxMind DB layout');
    this.treeSize = (this.recordSize / 4) * this.nodeCount;
    this.decoder = new Decoder(buf, this.treeSize + 16);
  }

  /** Opens a database file. */
  static open(path: string): GeoIpCountries {
    return new GeoIpCountries(fs.readFileSync(path));
  }

  private record(node: number, bit: number): number {
    const bytes = this.recordSize / 4;
    const at = node * bytes;
    if (this.recordSize === 24) return this.buf.readUIntBE(at + bit * 3, 3);
    if (this.recordSize === 32) return this.buf.readUInt32BE(at + bit * 4);
    const middle = this.buf[at + 3]!;
    return bit === 0 ? ((middle & 0xf0) << 20) | this.buf.readUIntBE(at, 3) : ((middle & 0x0f) << 24) | this.buf.readUIntBE(at + 4, 3);
  }

  private walk(node: number, bits: Uint8Array, count: number): number {
    for (let i = 0; i < count && node < this.nodeCount; i++) node = this.record(node, (bits[i >> 3]! >> (7 - (i & 7))) & 1);
    return node;
  }

  /** ISO 3166-1 alpha-2 country of an IP (the registered country when no other is known), or null. */
  country(ip: string | null): string | null {
    if (!ip) return null;
    const parsed = ipBits(ip);
    if (!parsed) return null;
    let node: number;
    if (parsed.v4 && this.ipVersion === 6) {
      // IPv4 lives under ::/96 in an IPv6 tree.
      if (this.ipv4Start < 0) this.ipv4Start = this.walk(0, new Uint8Array(12), 96);
      node = this.walk(this.ipv4Start, parsed.bits, 32);
    } else if (!parsed.v4 && this.ipVersion === 4) return null;
    else node = this.walk(0, parsed.bits, parsed.bits.length * 8);
    if (node <= this.nodeCount) return null;
    const [data] = this.decoder.decode(this.treeSize + (node - this.nodeCount));
    const record = data as Record<string, Record<string, Value> | undefined> | null;
    const code = record?.country?.iso_code ?? record?.registered_country?.iso_code;
    return typeof code === 'string' && /^[A-Z]{2}$/.test(code) ? code : null;
  }
}
