// The API description (about 480 KB of JSON) is sent compressed to clients that accept it, at both
// of its addresses, and decompresses to exactly what an uncompressed request gets. The choice of
// encoding follows Accept-Encoding, q=0 included.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chooseEncoding } from '../../src/http/compressed-document.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('the OpenAPI document, compressed', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('sends brotli or gzip as asked, the same document either way, and plain JSON to a client that asks for neither', async () => {
    for (const url of ['/openapi.json', '/docs/json']) {
      const plain = await t.app.inject({ method: 'GET', url });
      expect(plain.statusCode, url).toBe(200);
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(plain.headers.vary, url).toContain('accept-encoding');
      const document = plain.json();
      expect(Object.keys(document.paths).length).toBeGreaterThan(40);

      const br = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers['content-encoding'], url).toBe('br');
      expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(document);
      // Less than a tenth of the bytes.
      expect(br.rawPayload.length * 10).toBeLessThan(plain.rawPayload.length);

      const gzip = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding'], url).toBe('gzip');
      expect(JSON.parse(gunzipSync(gzip.rawPayload).toString('utf8'))).toEqual(document);
      // Asked again: the same bytes (compressed once).
      const again = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
      expect(again.rawPayload.equals(gzip.rawPayload)).toBe(true);
    }
  });
});

it('chooses br before gzip, and honours q=0 and *', () => {
  expect(chooseEncoding(undefined)).toBeNull();
  expect(chooseEncoding('')).toBeNull();
  expect(chooseEncoding('identity')).toBeNull();
  expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
  expect(chooseEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
  expect(chooseEncoding('BR;q=0.5')).toBe('br');
  expect(chooseEncoding('*')).toBe('br');
  expect(chooseEncoding('*;q=0, gzip')).toBe('gzip');
  expect(chooseEncoding('gzip;q=0, br;q=0')).toBeNull();
});
