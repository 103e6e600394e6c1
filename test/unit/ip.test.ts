import { describe, expect, it } from 'vitest';
import { anonymiseIp } from '../../src/modules/scans/ip.ts';

describe('anonymiseIp', () => {
  it('keeps the IPv4 /24', () => {
    expect(anonymiseIp('203.0.113.77')).toBe('203.0.113.0');
    expect(anonymiseIp('::ffff:203.0.113.77')).toBe('203.0.113.0');
  });
  it('keeps the IPv6 /48', () => {
    expect(anonymiseIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::');
    expect(anonymiseIp('2001:db8::1')).toBe('2001:db8:0::');
    expect(anonymiseIp('fe80::1%eth0')).toBe('fe80:0:0::');
  });
  it('stores nothing when configured so, or for garbage', () => {
    expect(anonymiseIp('203.0.113.77', 'none')).toBeNull();
    expect(anonymiseIp('not-an-ip')).toBeNull();
    expect(anonymiseIp(null)).toBeNull();
  });
});
