import { describe, expect, it } from 'vitest';
import { checkDestination, MAX_DESTINATION_LENGTH } from '../../src/modules/campaigns/destination.ts';

describe('checkDestination', () => {
  it('accepts http(s) URLs and normalises them', () => {
    expect(checkDestination('https://Example.COM:443/a/../b?q=1#top')).toEqual({ ok: true, url: 'https://example.com/b?q=1#top' });
    expect(checkDestination('  http://example.com  ')).toEqual({ ok: true, url: 'http://example.com/' });
    expect(checkDestination('https://bücher.example/straße')).toEqual({ ok: true, url: 'https://xn--bcher-kva.example/stra%C3%9Fe' });
  });

  it.each([
    ['javascript:alert(1)', /javascript/],
    ['data:text/html,<script>alert(1)</script>', /data/],
    ['file:///etc/passwd', /file/],
    ['ftp://example.com/x', /ftp/],
    ['/relative/path', /absolute/],
    ['example.com', /absolute/],
    ['', /empty/],
    ['https://user:pw@example.com/', /credentials/],
    ['https://example.com/a b', /spaces/],
    ['https://example.com/\r\nSet-Cookie: x=1', /invisible characters/],
  ])('rejects %s', (input, reason) => {
    const check = checkDestination(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it('rejects non-strings and over-long URLs', () => {
    expect(checkDestination(42).ok).toBe(false);
    expect(checkDestination(`https://example.com/${'a'.repeat(MAX_DESTINATION_LENGTH)}`).ok).toBe(false);
  });
});
