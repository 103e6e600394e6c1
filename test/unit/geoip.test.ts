import { describe, expect, it } from 'vitest';
import { GeoIpCountries } from '../../src/modules/scans/geoip.ts';
import { buildMmdb } from '../helpers/mmdb.ts';

const NETWORKS: Array<[string, string]> = [
  ['203.0.113.0/24', 'DE'],
  ['198.51.100.0/25', 'DE'], // stored through a data-section pointer to the first record's map
  ['192.0.2.128/25', 'FR'],
  ['2001:db8:aa::/48', 'JP'],
];

describe.each([24, 28] as const)('GeoIP country lookup (%i-bit records)', (recordSize) => {
  const geo = new GeoIpCountries(buildMmdb(NETWORKS, recordSize));

  it('finds IPv4 addresses (under ::/96 of an IPv6 tree) and IPv6 addresses', () => {
    expect(geo.country('203.0.113.7')).toBe('DE');
    expect(geo.country('198.51.100.1')).toBe('DE');
    expect(geo.country('192.0.2.200')).toBe('FR');
    expect(geo.country('2001:db8:aa:1::5')).toBe('JP');
  });

  it('answers null outside every network and for non-addresses', () => {
    expect(geo.country('198.51.100.200')).toBeNull();
    expect(geo.country('192.0.2.1')).toBeNull();
    expect(geo.country('2001:db8:ab::1')).toBeNull();
    expect(geo.country('not an ip')).toBeNull();
    expect(geo.country(null)).toBeNull();
  });
});

it('refuses a file that is not a MaxMind DB', () => {
  expect(() => new GeoIpCountries(Buffer.from('hello'))).toThrow(/not a MaxMind DB/);
});
