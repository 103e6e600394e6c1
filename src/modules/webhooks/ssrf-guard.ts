// Keeps webhook deliveries from reaching the instance's own network (SSRF): a destination must be
// http(s) (https in production), carry no credentials, and every address its host resolves to
// must be public. The check runs at registration and again right before each delivery, and the
// sender then connects to the address vetted here, so a DNS answer that changes in between
// (rebinding) cannot redirect the request. TESSERA_WEBHOOK_ALLOWED_HOSTS can permit named hosts
// or CIDRs (tests, internal receivers).
import { promises as dns } from 'node:dns';
import net from 'node:net';
import { checkHttpUrl } from '../../http/url.ts';

/** A destination refused by policy; `reason` is a sentence for the API caller or the attempt log. */
export class DestinationRefusedError extends Error {
  readonly reason: string;
  /** True when the address itself is refused (private, loopback…): an allow-list entry would let it through. */
  readonly forbiddenAddress: boolean;
  constructor(reason: string, forbiddenAddress = false) {
    super(reason);
    this.reason = reason;
    this.forbiddenAddress = forbiddenAddress;
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

/** A network no webhook may reach, and why. */
export interface ForbiddenNetwork {
  network: string;
  prefix: number;
  type: 'ipv4' | 'ipv6';
  what: string;
}

/**
 * Every network refused as a destination (IANA's special-purpose registries). IPv4 written inside
 * IPv6 (mapped ::ffff:0:0/96, compatible ::/96, translated ::ffff:0:0:0/96, NAT64 64:ff9b::/96) is unwrapped first and checked
 * as IPv4; the transition prefixes that hide an IPv4 address elsewhere (6to4, Teredo) and the
 * local-use NAT64 prefix are refused whole: no public receiver needs them.
 */
export const FORBIDDEN_NETWORKS: readonly ForbiddenNetwork[] = [
  { network: '0.0.0.0', prefix: 8, type: 'ipv4', what: '"this" network' },
  { network: '10.0.0.0', prefix: 8, type: 'ipv4', what: 'private (RFC 1918)' },
  { network: '100.64.0.0', prefix: 10, type: 'ipv4', what: 'carrier-grade NAT' },
  { network: '127.0.0.0', prefix: 8, type: 'ipv4', what: 'loopback' },
  { network: '169.254.0.0', prefix: 16, type: 'ipv4', what: 'link-local (incl. 169.254.169.254 cloud metadata)' },
  { network: '172.16.0.0', prefix: 12, type: 'ipv4', what: 'private (RFC 1918)' },
  { network: '192.0.0.0', prefix: 24, type: 'ipv4', what: 'IETF protocol assignments' },
  { network: '192.0.2.0', prefix: 24, type: 'ipv4', what: 'documentation' },
  { network: '192.88.99.0', prefix: 24, type: 'ipv4', what: '6to4 relay anycast' },
  { network: '192.168.0.0', prefix: 16, type: 'ipv4', what: 'private (RFC 1918)' },
  { network: '198.18.0.0', prefix: 15, type: 'ipv4', what: 'benchmarking' },
  { network: '198.51.100.0', prefix: 24, type: 'ipv4', what: 'documentation' },
  { network: '203.0.113.0', prefix: 24, type: 'ipv4', what: 'documentation' },
  { network: '224.0.0.0', prefix: 4, type: 'ipv4', what: 'multicast' },
  { network: '240.0.0.0', prefix: 4, type: 'ipv4', what: 'reserved (incl. 255.255.255.255 broadcast)' },
  { network: '::', prefix: 128, type: 'ipv6', what: 'unspecified' },
  { network: '::1', prefix: 128, type: 'ipv6', what: 'loopback' },
  { network: '64:ff9b:1::', prefix: 48, type: 'ipv6', what: 'local-use IPv4/IPv6 translation (RFC 8215)' },
  { network: '100::', prefix: 64, type: 'ipv6', what: 'discard-only' },
  { network: '2001::', prefix: 23, type: 'ipv6', what: 'IETF protocol assignments (incl. Teredo 2001::/32, benchmarking, ORCHID)' },
  { network: '2001:db8::', prefix: 32, type: 'ipv6', what: 'documentation' },
  { network: '2002::', prefix: 16, type: 'ipv6', what: '6to4 (embeds an IPv4 address)' },
  { network: '3fff::', prefix: 20, type: 'ipv6', what: 'documentation (RFC 9637)' },
  { network: '5f00::', prefix: 16, type: 'ipv6', what: 'segment routing SIDs (RFC 9602)' },
  { network: 'fc00::', prefix: 7, type: 'ipv6', what: 'unique local (incl. fd00:ec2::254 cloud metadata)' },
  { network: 'fe80::', prefix: 10, type: 'ipv6', what: 'link-local' },
  { network: 'fec0::', prefix: 10, type: 'ipv6', what: 'site-local (deprecated)' },
  { network: 'ff00::', prefix: 8, type: 'ipv6', what: 'multicast' },
];

const FORBIDDEN = new net.BlockList();
for (const { network, prefix, type } of FORBIDDEN_NETWORKS) FORBIDDEN.addSubnet(network, prefix, type);

/** The eight 16-bit groups of an IPv6 address (accepts an embedded dotted quad). */
function ipv6Groups(ip: string): number[] {
  let text = ip.split('%')[0]!.toLowerCase();
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -quad[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16));
}

/**
 * The IPv4 address hidden in an IPv4-mapped (::ffff:0:0/96), -compatible (::/96), -translated
 * (::ffff:0:0:0/96, SIIT, RFC 2765) or NAT64 (64:ff9b::/96) IPv6 address. A translator on the
 * path delivers the translated form to its IPv4 address, loopback and metadata included.
 */
function embeddedIPv4(ip: string): string | null {
  const g = ipv6Groups(ip);
  const zeros4 = g.slice(0, 4).every((x) => x === 0);
  const mapped = zeros4 && g[4] === 0 && (g[5] === 0xffff || g[5] === 0);
  const translated = zeros4 && g[4] === 0xffff && g[5] === 0;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (!mapped && !translated && !nat64) return null;
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
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1');
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

/**
 * Checks the URL itself (scheme, credentials, shape); returns it parsed. `asTyped`: the URL as a
 * person gave it (registering an endpoint), where a space is a typo to name, not something the
 * parser should quietly turn into %20; stored URLs are already normalised.
 */
export function checkUrlShape(raw: string, production: boolean, asTyped = false): URL {
  const check = checkHttpUrl(raw, { httpsOnly: production, plainText: asTyped });
  if (check.ok) return check.url;
  switch (check.problem.code) {
    case 'unsafe_characters':
      throw new DestinationRefusedError('must not contain spaces or invisible characters: check that the whole address was copied (a space inside a path is written %20)');
    case 'scheme':
      // Name what was read as the scheme: 'localhost:1/x' reads as scheme 'localhost', and the
      // bare rule did not show why a URL that looks right was refused.
      throw new DestinationRefusedError(`must start with https:// (or http:// outside production); '${check.problem.scheme}:' is not a web address`);
    case 'https_required':
      throw new DestinationRefusedError('must use https:// in production');
    case 'credentials':
      throw new DestinationRefusedError('must not contain credentials; authenticate the request with the webhook signature');
    case 'no_host':
      throw new DestinationRefusedError('must name a host');
    case 'port_zero':
      throw new DestinationRefusedError('port 0 cannot be reached; leave the port out or name the one your endpoint listens on');
    default:
      throw new DestinationRefusedError('is not an absolute URL such as https://example.com/webhooks');
  }
}

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  const found = await dns.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

/**
 * Checks a destination and resolves it: every address must be public (or allow-listed), else
 * DestinationRefusedError. Returns the vetted addresses the sender must connect to.
 */
export async function vetDestination(raw: string, policy: DestinationPolicy, asTyped = false): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  const url = checkUrlShape(raw, policy.production, asTyped);
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
        true,
      );
    }
  }
  return { url, addresses };
}
