// The campaign form adds https:// to a bare host name (what people type), and what it produces is
// an address the API accepts; anything else reaches the API as typed, to be refused with a reason.
import { describe, expect, it } from 'vitest';
import { checkDestination } from '../../src/modules/campaigns/destination.ts';
import { readableUrl, withScheme } from '../../web/src/lib/url.ts';

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

  it('prefixes a bare host whose path has a space, so the API names the space, not the scheme', () => {
    expect(withScheme('acme.test/spring sale?utm_source=poster')).toBe('https://acme.test/spring sale?utm_source=poster');
    const check = checkDestination(withScheme('acme.test/spring sale'));
    expect(check.ok).toBe(false);
    expect(JSON.stringify(check)).toMatch(/%20/);
  });

  it.each([
    'https://example.com/a',
    'http://example.com',
    'mailto:ada@example.com',
    'javascript:alert(1)',
    'localhost:3000/x',
    'menu',
    '/relative/path',
    'example .com/a',
    'see example.com',
    '',
    '1.5',
  ])('leaves %j as typed', (typed) => {
    expect(withScheme(typed)).toBe(typed.trim());
  });
});

// Destinations come back from the API percent-encoded; the dashboard shows them readable, except
// what would hide or fake part of the address, and what it shows parses back to what is stored.
describe('readableUrl', () => {
  const stored = (typed: string) => {
    const check = checkDestination(typed);
    if (!check.ok) throw new Error(check.reason);
    return check.url;
  };

  it.each([
    ['https://example.org/新しいメニュー', 'https://example.org/新しいメニュー'],
    ['https://example.org/قائمة?طاولة=١٢#قسم', 'https://example.org/قائمة?طاولة=١٢#قسم'],
    ['https://example.de/straße/café?q=crème', 'https://example.de/straße/café?q=crème'],
    ['https://example.com/🍜', 'https://example.com/🍜'],
  ])('shows %j readable, and it is stored the same again', (typed, shown) => {
    const url = stored(typed);
    expect(url).toContain('%');
    expect(readableUrl(url)).toBe(shown);
    expect(stored(readableUrl(url))).toBe(url);
  });

  it('leaves an address with nothing encoded as it is', () => {
    expect(readableUrl('https://example.com/menu?a=1&b=2#top')).toBe('https://example.com/menu?a=1&b=2#top');
  });

  it('keeps a space, a literal percent sign and reserved characters encoded', () => {
    expect(readableUrl('https://example.com/a%20b')).toBe('https://example.com/a%20b');
    expect(readableUrl('https://example.com/%E6%96%B0%20%E6%96%B0')).toBe('https://example.com/新%20新');
    expect(readableUrl('https://example.com/100%25?q=%2541')).toBe('https://example.com/100%25?q=%2541');
    expect(readableUrl('https://example.com/a%2Fb?x=%26y%3D1%23z')).toBe('https://example.com/a%2Fb?x=%26y%3D1%23z');
  });

  it.each([
    ['a right-to-left override', '%E2%80%AE'],
    ['a left-to-right isolate', '%E2%81%A6'],
    ['a pop directional isolate', '%E2%81%A9'],
    ['a right-to-left mark', '%E2%80%8F'],
    ['an Arabic letter mark', '%D8%9C'],
    ['a zero-width space', '%E2%80%8B'],
    ['a zero-width joiner', '%E2%80%8D'],
    ['a byte order mark', '%EF%BB%BF'],
    ['a soft hyphen', '%C2%AD'],
    ['a no-break space', '%C2%A0'],
    ['an ideographic space', '%E3%80%80'],
    ['a line separator', '%E2%80%A8'],
    ['a C1 control', '%C2%85'],
    ['a Hangul filler', '%E3%85%A4'],
    ['a Braille blank', '%E2%A0%80'],
    ['a division slash', '%E2%88%95'],
    ['a fraction slash', '%E2%81%84'],
    ['a fullwidth solidus', '%EF%BC%8F'],
    ['a fullwidth question mark', '%EF%BC%9F'],
    ['a combining long solidus overlay', '%CC%B8'],
    ['a combining short stroke overlay', '%CC%B5'],
    ['a box-drawing diagonal', '%E2%95%B1'],
  ])('keeps %s encoded between readable text', (_, encoded) => {
    const url = stored(`https://example.com/新${encoded}メニュー?q=新${encoded}#新${encoded}`);
    expect(readableUrl(url)).toBe(`https://example.com/新${encoded}メニュー?q=新${encoded}#新${encoded}`);
    expect(stored(readableUrl(url))).toBe(url);
  });

  it('shows "evil.com" spelt backwards by an override as the escape, not as reordered text', () => {
    const url = stored('https://example.com/%E2%80%AEmoc.live');
    expect(readableUrl(url)).toBe('https://example.com/%E2%80%AEmoc.live');
    expect(readableUrl(url)).not.toContain('\u202e');
  });

  it.each([
    ['a lone continuation byte', 'https://example.com/%80a'],
    ['a truncated sequence', 'https://example.com/%E6%96'],
    ['a truncated sequence at a boundary', 'https://example.com/%E6%96/x'],
    ['an overlong slash', 'https://example.com/%C0%AF'],
    ['an overlong 3-byte form', 'https://example.com/%E0%80%AF'],
    ['an encoded surrogate', 'https://example.com/%ED%A0%80'],
    ['beyond U+10FFFF', 'https://example.com/%F4%90%80%80'],
    ['a bare percent sign', 'https://example.com/50%'],
    ['a percent sign not followed by hex', 'https://example.com/%zz'],
  ])('leaves %s as it is, without throwing', (_, url) => {
    expect(readableUrl(url)).toBe(url);
  });

  it('decodes what is valid next to what is not', () => {
    expect(readableUrl('https://example.com/%80%E6%96%B0%E6')).toBe('https://example.com/%80新%E6');
  });

  it('leaves the host as it is: a look-alike domain stays in punycode', () => {
    const url = stored('https://аpple.com/%E6%96%B0');
    expect(url.startsWith('https://xn--')).toBe(true);
    expect(readableUrl(url)).toBe(`${url.slice(0, url.indexOf('/', 8))}/新`);
    expect(readableUrl('https://xn--80ak6aa92e.com/')).toBe('https://xn--80ak6aa92e.com/');
  });

  it('leaves anything that is not an absolute URL unchanged', () => {
    expect(readableUrl('')).toBe('');
    expect(readableUrl('%E6%96%B0')).toBe('%E6%96%B0');
    expect(readableUrl('mailto:a@example.com?subject=%E6%96%B0')).toBe('mailto:a@example.com?subject=%E6%96%B0');
  });
});
