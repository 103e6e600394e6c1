import { describe, expect, it } from 'vitest';
import { DestinationRefusedError, isForbiddenAddress, parseAllowList, type Resolver, vetDestination } from '../../src/modules/webhooks/ssrf-guard.ts';

const none = parseAllowList([]);
const fakeDns = (table: Record<string, string[]>): Resolver => async (host) => {
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
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.254',
    '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:7f00:1',
    '::ffff:a9fe:a9fe', '64:ff9b::a9fe:a9fe', '::127.0.0.1', 'ff02::1', 'not-an-ip',
  ])('refuses %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:93.184.216.34'])('accepts public %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false);
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
