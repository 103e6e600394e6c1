// Visitor IPs are personal data: stored only as a network prefix (IPv4 /24, IPv6 /48), or not at all.
import { isIPv4, isIPv6 } from 'node:net';
import type { IpStorage } from '../../config.ts';

function expandIpv6(ip: string): number[] | undefined {
  let text = ip;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -v4[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const parts = [...left, ...Array(Math.max(fill, 0)).fill('0'), ...right].map((h) => parseInt(h, 16));
  return parts.length === 8 && parts.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? parts : undefined;
}

/** The stored form of a visitor IP: IPv4 with the last octet zeroed, IPv6 cut to its /48, or null. */
export function anonymiseIp(ip: string | null | undefined, storage: IpStorage = 'anonymized'): string | null {
  if (!ip || storage === 'none') return null;
  if (isIPv4(ip)) return ip.replace(/\.\d+$/, '.0');
  if (!isIPv6(ip)) return null;
  const parts = expandIpv6(ip);
  if (!parts) return null;
  // IPv4-mapped addresses are IPv4 visitors seen through a dual-stack socket.
  if (parts.slice(0, 5).every((p) => p === 0) && parts[5] === 0xffff) {
    return `${parts[6]! >> 8}.${parts[6]! & 0xff}.${parts[7]! >> 8}.0`;
  }
  return `${parts
    .slice(0, 3)
    .map((p) => p.toString(16))
    .join(':')}::`;
}
