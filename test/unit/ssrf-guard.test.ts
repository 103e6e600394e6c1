import { describe, expect, it } from 'vitest';
import { DestinationRefusedError, FORBIDDEN_NETWORKS, isForbiddenAddress, parseAllowList, type Resolver, vetDestination } from '../../src/modules/webhooks/ssrf-guard.ts';

/** An address as a number (IPv4: 32 bits, IPv6: 128). */
function toBigInt(ip: string, type: 'ipv4' | 'ipv6'): bigint {
  if (type === 'ipv4') return ip.split('.').reduce((n, octet) => (n << 8n) | BigInt(octet), 0n);
  const [head, tail] = ip.includes('::') ? (ip.split('::') as [string, string]) : [ip, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function fromBigInt(n: bigint, type: 'ipv4' | 'ipv6'): string {
  if (type === 'ipv4') return [24n, 16n, 8n, 0n].map((shift) => String((n >> shift) & 255n)).join('.');
  return Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
}

/** The first and last address of a network. */
function bounds(network: string, prefix: number, type: 'ipv4' | 'ipv6'): [string, string] {
  const bits = type === 'ipv4' ? 32 : 128;
  const size = 1n << BigInt(bits - prefix);
  const first = (toBigInt(network, type) / size) * size;
  return [fromBigInt(first, type), fromBigInt(first + size - 1n, type)];
}

const none = parseAllowList([]);
const fakeDns =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const found = table[host];
    if (!found) throw new Error('ENOTFOUND');
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

async function refusal(url: string, options: { production?: boolean; allow?: string[]; dns?: Record<string, string[]> } = {}): Promise<string | null> {
  try {
    await vetDestination(url, { production: options.production ?? false, allowList: parseAllowList(options.allow ?? []), resolve: fakeDns(options.dns ?? { 'hooks.example.com': ['93.184.216.34'] }) });
    return null;
  } catch (error) {
    if (error instanceof DestinationRefusedError) return error.reason;
    throw error;
  }
}

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a9fe:a9fe',
    '::127.0.0.1',
    // IPv4-translated (SIIT): the outside audit's http://[::ffff:0:7f00:1]/ was accepted.
    '::ffff:0:7f00:1',
    '::ffff:0:127.0.0.1',
    '::ffff:0:a9fe:a9fe',
    'ff02::1',
    'not-an-ip',
  ])('refuses %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:93.184.216.34', '::ffff:0:5db8:d822'])('accepts public %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false);
  });

  it.each(FORBIDDEN_NETWORKS.map((n) => [`${n.network}/${n.prefix}`, n] as const))('refuses the whole of %s, first to last address, also written inside IPv6', (_name, n) => {
    const [first, last] = bounds(n.network, n.prefix, n.type);
    expect(isForbiddenAddress(first), first).toBe(true);
    expect(isForbiddenAddress(last), last).toBe(true);
    if (n.type === 'ipv4') {
      for (const ip of [first, last]) {
        const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
        const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        for (const wrapped of [`::ffff:${ip}`, `::ffff:${hex}`, `::ffff:0:${ip}`, `::ffff:0:${hex}`, `64:ff9b::${ip}`, `64:ff9b::${hex}`]) expect(isForbiddenAddress(wrapped), wrapped).toBe(true);
      }
    }
  });

  it.each([
    // Just outside the IPv4 networks.
    '9.255.255.255',
    '11.0.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '126.255.255.255',
    '128.0.0.0',
    '169.253.255.255',
    '169.255.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.0.1.0',
    '192.0.3.0',
    '192.88.98.255',
    '192.88.100.0',
    '192.167.255.255',
    '192.169.0.0',
    '198.17.255.255',
    '198.20.0.0',
    '198.51.99.255',
    '198.51.101.0',
    '203.0.112.255',
    '203.0.114.0',
    '223.255.255.255',
    // Just outside the IPv6 networks, and NAT64 of a public address.
    '2001:200::1',
    '2001:db7:ffff::1',
    '2001:db9::1',
    '2003::1',
    '3ffe:ffff::1',
    '3fff:1000::1',
    '5eff:ffff::1',
    '5f01::1',
    'fbff:ffff::1',
    '64:ff9b:2::1',
    '64:ff9b::5db8:d822',
    '64:ff9b::93.184.216.34',
  ])('accepts %s, just outside every refused network', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false);
  });

  it.each([
    ['6to4 of 127.0.0.1', '2002:7f00:1::'],
    ['6to4 of 10.0.0.1', '2002:a00:1::1'],
    ['6to4 of a public address (6to4 is refused whole)', '2002:5db8:d822::1'],
    ['Teredo (server 65.54.227.120, client 192.0.2.45 obfuscated)', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    ['Teredo of loopback', '2001:0:7f00:1::ffff:80ff:fffe'],
    ['NAT64 of 127.0.0.1', '64:ff9b::7f00:1'],
    ['NAT64 of 10.0.0.1', '64:ff9b::10.0.0.1'],
    ['NAT64 of cloud metadata', '64:ff9b::a9fe:a9fe'],
    ['local-use NAT64', '64:ff9b:1::a00:1'],
  ])('refuses %s (%s)', (_what, ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });
});

describe('vetDestination', () => {
  it('accepts a public https URL and returns the addresses to connect to', async () => {
    const result = await vetDestination('https://hooks.example.com/in', { production: true, allowList: none, resolve: fakeDns({ 'hooks.example.com': ['93.184.216.34'] }) });
    expect(result.addresses).toEqual([{ address: '93.184.216.34', family: 4 }]);
  });

  it('refuses loopback, metadata and IPv6 loopback literals', async () => {
    expect(await refusal('http://127.0.0.1:8080/hook')).toMatch(/127\.0\.0\.1.*private, loopback/);
    expect(await refusal('http://169.254.169.254/latest/meta-data/')).toMatch(/169\.254\.169\.254/);
    expect(await refusal('http://[::1]:9000/')).toMatch(/::1/);
    expect(await refusal('http://[::ffff:127.0.0.1]/')).toMatch(/private, loopback/);
    expect(await refusal('http://2130706433/')).toMatch(/127\.0\.0\.1/); // decimal form of 127.0.0.1
    expect(await refusal('http://[2002:7f00:1::]/')).toMatch(/2002:7f00:1::/); // 6to4 of 127.0.0.1
    expect(await refusal('http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/')).toMatch(/private, loopback/); // Teredo
    expect(await refusal('http://[64:ff9b::7f00:1]/')).toMatch(/private, loopback/); // NAT64 of 127.0.0.1
    expect(await refusal('https://sneaky.example.com/', { dns: { 'sneaky.example.com': ['2002:a9fe:a9fe::1'] } })).toMatch(/resolves to 2002:a9fe:a9fe::1/);
  });

  it('refuses a hostname that resolves to a private address (any of its addresses)', async () => {
    expect(await refusal('https://internal.example.com/', { dns: { 'internal.example.com': ['93.184.216.34', '10.0.0.5'] } })).toMatch(/internal\.example\.com resolves to 10\.0\.0\.5/);
  });

  it('resolves real DNS: localhost is loopback and refused', async () => {
    await expect(vetDestination('http://localhost:1/', { production: false, allowList: none })).rejects.toThrow(DestinationRefusedError);
  });

  it('requires https in production, refuses other schemes and credentials', async () => {
    expect(await refusal('http://hooks.example.com/', { production: true })).toMatch(/https/);
    expect(await refusal('ftp://hooks.example.com/')).toMatch(/https/);
    expect(await refusal('https://user:pw@hooks.example.com/')).toMatch(/credentials/);
    expect(await refusal('not a url')).toMatch(/absolute URL/);
    expect(await refusal('https://nowhere.example.com/')).toMatch(/does not resolve/);
  });

  it('permits allow-listed addresses, CIDRs and host names', async () => {
    expect(await refusal('http://127.0.0.1:8080/', { allow: ['127.0.0.1'] })).toBeNull();
    expect(await refusal('http://10.2.3.4/', { allow: ['10.0.0.0/8'] })).toBeNull();
    expect(await refusal('http://10.2.3.4/', { allow: ['10.9.0.0/16'] })).toMatch(/10\.2\.3\.4/);
    expect(await refusal('http://[::1]:8080/', { allow: ['::1'] })).toBeNull();
    expect(await refusal('http://receiver.internal/', { allow: ['receiver.internal'], dns: { 'receiver.internal': ['192.168.5.5'] } })).toBeNull();
    // The allow-list permits exactly what it names, nothing more.
    expect(await refusal('http://169.254.169.254/', { allow: ['127.0.0.1'] })).toMatch(/169\.254/);
  });

  it('rejects a malformed CIDR in the allow-list', () => {
    expect(() => parseAllowList(['10.0.0.0/40'])).toThrow(/CIDR/);
  });
});
