// Keeps webhook deliveries from reaching the instance's own network (SSRF): a destination must be
// http(s) (https in production), carry no credentials, and every address its host resolves to
// must be public. The check runs at registration and again right before each delivery, and the
// sender then connects to the address vetted here, so a DNS answer that changes in between
// (rebinding) cannot redirect the request. TESSERA_WEBHOOK_ALLOWED_HOSTS can permit named hosts
// or CIDRs (tests, internal receivers).
import { promises as dns } from 'node:dns';
import net from 'node:net';

/** A destination refused by policy; `reason` is a sentence for the API caller or the attempt log. */
export class DestinationRefusedError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
    this.name = 'DestinationRefusedError';
  }
}

/** An address a host resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address (injectable for tests). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** What a destination is checked against. */
export interface DestinationPolicy {
  /** Production requires https. */
  production: boolean;
  allowList: AllowList;
  resolve?: Resolver;
}

/** Hosts and networks permitted even though private or loopback. */
export interface AllowList {
  hosts: ReadonlySet<string>;
  networks: net.BlockList;
}

const FORBIDDEN = new net.BlockList();
// IPv4: "this" network, RFC 1918, CGNAT, loopback, link-local (incl. 169.254.169.254 cloud
// metadata), IETF protocol assignments, documentation, benchmarking, multicast, reserved, broadcast.
for (const [net4, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) FORBIDDEN.addSubnet(net4, prefix, 'ipv4');
// IPv6: unspecified, loopback, discard, documentation, ULA fc00::/7 (incl. fd00:ec2::254
// metadata), link-local, site-local, multicast. Mapped/translated IPv4 is unwrapped first.
for (const [net6, prefix] of [
  ['::', 128], ['::1', 128], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) FORBIDDEN.addSubnet(net6, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (accepts an embedded dotted quad). */
function ipv6Groups(ip: string): number[] {
  let text = ip.split('%')[0]!.toLowerCase();
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -quad[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') as [string, string] : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16));
}

/** The IPv4 address hidden in an IPv4-mapped (::ffff:0:0/96), -compatible (::/96) or NAT64 (64:ff9b::/96) IPv6 address. */
function embeddedIPv4(ip: string): string | null {
  const g = ipv6Groups(ip);
  const zeros5 = g.slice(0, 5).every((x) => x === 0);
  const mapped = zeros5 && (g[5] === 0xffff || g[5] === 0);
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (!mapped && !nat64) return null;
  return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.');
}

/** The address in its plainest form: IPv4 for IPv4-in-IPv6, otherwise unchanged. */
function canonical(ip: string): { address: string; type: 'ipv4' | 'ipv6' } {
  if (net.isIPv4(ip)) return { address: ip, type: 'ipv4' };
  const v4 = embeddedIPv4(ip);
  return v4 ? { address: v4, type: 'ipv4' } : { address: ip.split('%')[0]!, type: 'ipv6' };
}

/** True for private, loopback, link-local, metadata and other non-public addresses. */
export function isForbiddenAddress(ip: string): boolean {
  if (!net.isIP(ip.split('%')[0]!)) return true;
  const { address, type } = canonical(ip);
  return FORBIDDEN.check(address, type);
}

/** Parses TESSERA_WEBHOOK_ALLOWED_HOSTS entries: host names, IP addresses or CIDRs. */
export function parseAllowList(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const networks = new net.BlockList();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
    if (!entry) continue;
    const [ip, prefix] = entry.split('/') as [string, string | undefined];
    const family = net.isIP(ip);
    if (family) {
      const { address, type } = canonical(ip);
      const bits = prefix === undefined ? (type === 'ipv4' ? 32 : 128) : Number(prefix) - (type === 'ipv4' && family === 6 ? 96 : 0);
      if (!Number.isInteger(bits) || bits < 0 || bits > (type === 'ipv4' ? 32 : 128)) throw new Error(`invalid CIDR in TESSERA_WEBHOOK_ALLOWED_HOSTS: ${raw}`);
      networks.addSubnet(address, bits, type);
    } else {
      hosts.add(entry.replace(/\.$/, ''));
    }
  }
  return { hosts, networks };
}

function allowedAddress(allowList: AllowList, ip: string): boolean {
  const { address, type } = canonical(ip);
  return allowList.networks.check(address, type);
}

/** Checks the URL itself (scheme, credentials, shape); returns it parsed. */
export function checkUrlShape(raw: string, production: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DestinationRefusedError('is not an absolute URL such as https://example.com/webhooks');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DestinationRefusedError('must use https:// (or http:// outside production)');
  if (production && url.protocol !== 'https:') throw new DestinationRefusedError('must use https:// in production');
  if (url.username || url.password) throw new DestinationRefusedError('must not contain credentials; authenticate the request with the webhook signature');
  if (!url.hostname) throw new DestinationRefusedError('must name a host');
  return url;
}

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  const found = await dns.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

/**
 * Checks a destination and resolves it: every address must be public (or allow-listed), else
 * DestinationRefusedError. Returns the vetted addresses the sender must connect to.
 */
export async function vetDestination(raw: string, policy: DestinationPolicy): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  const url = checkUrlShape(raw, policy.production);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const literal = net.isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (policy.resolve ?? systemResolve)(host);
    } catch {
      throw new DestinationRefusedError(`host ${host} does not resolve`);
    }
    if (addresses.length === 0) throw new DestinationRefusedError(`host ${host} does not resolve`);
  }
  if (policy.allowList.hosts.has(host.replace(/\.$/, ''))) return { url, addresses };
  for (const { address } of addresses) {
    if (isForbiddenAddress(address) && !allowedAddress(policy.allowList, address)) {
      throw new DestinationRefusedError(
        literal ? `points to ${address}, a private, loopback, link-local or reserved address` : `host ${host} resolves to ${address}, a private, loopback, link-local or reserved address`,
      );
    }
  }
  return { url, addresses };
}
