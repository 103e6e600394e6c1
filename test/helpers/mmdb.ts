// Writes small MaxMind DB (.mmdb) files for tests, following the published format
// (https://maxmind.github.io/MaxMind-DB/), so the GeoIP reader is checked against the spec's
// layout rather than against itself: IPv6 tree, IPv4 under ::/96, 24- or 28-bit records, maps,
// strings, unsigned ints and a data-section pointer.

const MARKER = Buffer.from('abcdef4d61784d696e642e636f6d', 'hex');

function ctrl(type: number, size: number): Buffer {
  if (size >= 29) throw new Error('test writer handles small values only');
  return type <= 7 ? Buffer.from([(type << 5) | size]) : Buffer.from([size, type - 7]);
}
function str(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  return Buffer.concat([ctrl(2, bytes.length), bytes]);
}
function uint(type: 5 | 6 | 9, n: number, width: number): Buffer {
  const b = Buffer.alloc(width);
  if (width === 8) b.writeBigUInt64BE(BigInt(n));
  else b.writeUIntBE(n, 0, width);
  return Buffer.concat([ctrl(type, width), b]);
}
function map(entries: Array<[string, Buffer]>): Buffer {
  return Buffer.concat([ctrl(7, entries.length), ...entries.flatMap(([k, v]) => [str(k), v])]);
}
function pointer(offset: number): Buffer {
  if (offset >= 2048) throw new Error('test writer: short pointers only');
  return Buffer.from([(1 << 5) | (offset >> 8), offset & 0xff]);
}

/** A network (`203.0.113.0/24`, `2001:db8::/32`) and the country it maps to. */
export type Network = [cidr: string, country: string];

function bitsOf(cidr: string): number[] {
  const [addr, len] = cidr.split('/') as [string, string];
  const bytes: number[] = addr.includes(':')
    ? (() => {
        const [h, t] = addr.split('::') as [string, string | undefined];
        const l = h ? h.split(':') : [];
        const r = t ? t.split(':') : [];
        const groups = t === undefined ? l : [...l, ...Array(8 - l.length - r.length).fill('0'), ...r];
        return groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]);
      })()
    : [...Array(12).fill(0), ...addr.split('.').map(Number)];
  const prefix = Number(len) + (addr.includes(':') ? 0 : 96);
  return Array.from({ length: prefix }, (_, i) => (bytes[i >> 3]! >> (7 - (i & 7))) & 1);
}

/** Builds an .mmdb file mapping the networks to `{country: {iso_code}}` (the second one through a pointer). */
export function buildMmdb(networks: Network[], recordSize: 24 | 28 = 24): Buffer {
  // Data section: one record per network; the second reuses the first's inner map by pointer.
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let size = 0;
  let firstInner = -1;
  networks.forEach(([, country], i) => {
    offsets.push(size);
    const inner = map([
      ['iso_code', str(country)],
      ['geoname_id', uint(6, 1000 + i, 4)],
    ]);
    const record = i === 1 && networks[0]![1] === country ? map([['country', pointer(firstInner)]]) : map([['country', inner]]);
    if (i === 0) firstInner = size + record.length - inner.length;
    parts.push(record);
    size += record.length;
  });
  const data = Buffer.concat(parts);

  type Ref = { node: number } | { data: number } | null;
  const nodes: Array<[Ref, Ref]> = [[null, null]];
  networks.forEach(([cidr], n) => {
    const bits = bitsOf(cidr);
    let node = 0;
    for (let i = 0; i < bits.length - 1; i++) {
      const next = nodes[node]![bits[i]!];
      if (next && 'node' in next) node = next.node;
      else {
        nodes.push([null, null]);
        nodes[node]![bits[i]!] = { node: nodes.length - 1 };
        node = nodes.length - 1;
      }
    }
    nodes[node]![bits.at(-1)!] = { data: offsets[n]! };
  });
  const count = nodes.length;
  const value = (ref: Ref) => (ref === null ? count : 'node' in ref ? ref.node : count + 16 + ref.data);
  const tree = Buffer.alloc((recordSize / 4) * count);
  nodes.forEach(([l, r], i) => {
    const [a, b] = [value(l), value(r)];
    if (recordSize === 24) {
      tree.writeUIntBE(a, i * 6, 3);
      tree.writeUIntBE(b, i * 6 + 3, 3);
    } else {
      tree.writeUIntBE(a & 0xffffff, i * 7, 3);
      tree[i * 7 + 3] = ((a >> 24) << 4) | (b >> 24);
      tree.writeUIntBE(b & 0xffffff, i * 7 + 4, 3);
    }
  });
  const metadata = map([
    ['node_count', uint(6, count, 4)],
    ['record_size', uint(5, recordSize, 2)],
    ['ip_version', uint(5, 6, 2)],
    ['database_type', str('Tessera-Test-Country')],
    ['binary_format_major_version', uint(5, 2, 2)],
    ['binary_format_minor_version', uint(5, 0, 1)],
    ['build_epoch', uint(9, 1_770_000_000, 8)],
  ]);
  return Buffer.concat([tree, Buffer.alloc(16), data, MARKER, metadata]);
}
