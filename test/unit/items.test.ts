import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { html } from '../../src/http/html.ts';
import { scrubUrl } from '../../src/http/logging.ts';
import { itemState } from '../../src/modules/items/item-lifecycle.ts';
import { contentHmac, decryptContent, encryptContent, looksLikeMagic, newMagic } from '../../src/modules/items/item-secrets.ts';
import { headerText } from '../../src/modules/items/items.routes.ts';

const KEY = Buffer.alloc(32, 7);
const H = 3_600_000;

describe('item secrets', () => {
  it('magics are 22 base62 characters, distinct, and about 131 bits', () => {
    const magics = new Set(Array.from({ length: 2000 }, newMagic));
    expect(magics.size).toBe(2000);
    for (const m of magics) expect(looksLikeMagic(m)).toBe(true);
    expect(22 * Math.log2(62)).toBeGreaterThan(128);
    // Every base62 character shows up: the alphabet is not accidentally narrowed.
    expect(new Set([...magics].join('')).size).toBe(62);
  });

  it('content round-trips and is bound to its magic', () => {
    const magic = newMagic();
    const blob = encryptContent(KEY, magic, 'héllo');
    expect(decryptContent(KEY, magic, blob)).toBe('héllo');
    expect(() => decryptContent(KEY, newMagic(), blob)).toThrow();
    expect(encryptContent(KEY, magic, 'héllo')).not.toBe(blob); // fresh IV every time
  });

  it('the receipt is HMAC-SHA256 keyed by the magic, as documented', () => {
    expect(contentHmac('key', 'The quick brown fox jumps over the lazy dog')).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    expect(contentHmac('m', 'ü')).toBe(createHmac('sha256', 'm').update('ü', 'utf8').digest('hex'));
  });
});

describe('item lifecycle', () => {
  const base = { createdAt: 0, expiresAt: 10 * H, archivedAt: null };
  it.each([
    [{ viewCount: 0, viewLimit: null }, 0, 'ACTIVE'],
    [{ viewCount: 0, viewLimit: 5 }, 0, 'ACTIVE'],
    [{ viewCount: 3, viewLimit: 5 }, 0, 'ACTIVE'],
    [{ viewCount: 4, viewLimit: 5 }, 0, 'BOUND'],
    [{ viewCount: 0, viewLimit: 1 }, 0, 'BOUND'],
    [{ viewCount: 0, viewLimit: null }, 9 * H - 1, 'ACTIVE'],
    [{ viewCount: 0, viewLimit: null }, 9 * H, 'BOUND'],
    [{ viewCount: 5, viewLimit: 5 }, 0, 'FINALIZED'],
    [{ viewCount: 0, viewLimit: null }, 10 * H, 'FINALIZED'],
  ] as const)('%o at %d → %s', (counts, now, state) => {
    expect(itemState({ ...base, ...counts }, now)).toBe(state);
  });
  it('archived wins over everything', () => {
    expect(itemState({ ...base, viewCount: 0, viewLimit: null, archivedAt: 1 }, 0)).toBe('ARCHIVAL');
  });
});

describe('item HTTP helpers', () => {
  it('escapes every HTML-significant character', () => {
    expect(html`${`<a href="x" onclick='y'>&</a>`}`.value).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
  it('reads UTF-8 header bytes back as text, leaving plain latin1 alone', () => {
    expect(headerText(Buffer.from('pässwörd', 'utf8').toString('latin1'))).toBe('pässwörd');
    expect(headerText('plain')).toBe('plain');
    expect(headerText('\u00e9')).toBe('\u00e9'); // a lone latin1 byte is not valid UTF-8
    expect(headerText(undefined)).toBeUndefined();
  });
  it('masks magics in logged URLs', () => {
    expect(scrubUrl('/i/57hbdjxysahAAAAAAAAAAA/reveal')).toBe('/i/[REDACTED]/reveal');
    expect(scrubUrl('/api/v0/items/57hbdjxysahAAAAAAAAAAA?x=1')).toBe('/api/v0/items/[REDACTED]?x=1');
    expect(scrubUrl('/api/v0/items')).toBe('/api/v0/items');
    // The seeds' short form of the item link; a short code (7–16 characters) stays readable.
    expect(scrubUrl('/57hbdjxysahAAAAAAAAAAA')).toBe('/[REDACTED]');
    expect(scrubUrl('/57hbdjxysahAAAAAAAAAAA?utm=x')).toBe('/[REDACTED]?utm=x');
    expect(scrubUrl('/57hbdjxysahAAAAAAAAAAA/')).toBe('/[REDACTED]/');
    expect(scrubUrl('//57hbdjxysahAAAAAAAAAAA')).toBe('//[REDACTED]');
    expect(scrubUrl('/AFLMY42')).toBe('/AFLMY42');
  });
});
