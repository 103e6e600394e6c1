// The campaign form adds https:// to a bare host name (what people type), and what it produces is
// an address the API accepts; anything else reaches the API as typed, to be refused with a reason.
import { describe, expect, it } from 'vitest';
import { checkDestination } from '../../src/modules/campaigns/destination.ts';
import { withScheme } from '../../web/src/lib/url.ts';

describe('withScheme', () => {
  it.each([
    ['example.com/menu', 'https://example.com/menu'],
    ['  shop.example.co.uk  ', 'https://shop.example.co.uk'],
    ['www.example.com?table=12', 'https://www.example.com?table=12'],
    ['example.com:8443/a#b', 'https://example.com:8443/a#b'],
    ['//cdn.example.org/x', 'https://cdn.example.org/x'],
    ['bücher.example/straße', 'https://bücher.example/straße'],
  ])('prefixes the bare host %j', (typed, expected) => {
    expect(withScheme(typed)).toBe(expected);
    expect(checkDestination(withScheme(typed)).ok).toBe(true);
  });

  it.each(['https://example.com/a', 'http://example.com', 'mailto:ada@example.com', 'javascript:alert(1)', 'localhost:3000/x', 'menu', '/relative/path', 'example.com/a b', '', '1.5'])(
    'leaves %j as typed',
    (typed) => {
      expect(withScheme(typed)).toBe(typed.trim());
    },
  );
});
