// The font, script and icon of public pages come from Tessera itself, under content-hashed names that
// are cached for a year; anything else under /static/ is not found.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createItemViaApi } from '../helpers/items.ts';

describeDialects('public page assets', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('serves the page script and every font the stylesheet names, immutable, and 404 for anything else', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
    const page = (await t.app.inject({ method: 'GET', url: new URL(String(item.publicUrl)).pathname })).body;
    const script = /<script src="(\/static\/page\.[0-9a-f]{12}\.js)"/.exec(page)![1]!;
    const fonts = [...page.matchAll(/url\((\/static\/inter-[a-z-]+-wght-normal\.[0-9a-f]{12}\.woff2)\)/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThanOrEqual(7);
    expect(page).toContain(`<link rel="preload" href="${fonts.find((f) => f.includes('inter-latin-wght'))}" as="font" type="font/woff2" crossorigin>`);
    const js = await t.app.inject({ method: 'GET', url: script });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.body).toContain('data-copy');
    for (const font of fonts) {
      const res = await t.app.inject({ method: 'GET', url: font });
      expect(res.statusCode, font).toBe(200);
      expect(res.headers['content-type']).toBe('font/woff2');
      expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('wOF2');
    }
    // The icon: linked by every page (no browser then asks for /favicon.ico and gets a 404), an SVG the page CSP allows.
    const icon = /<link rel="icon" type="image\/svg\+xml" href="(\/static\/icon\.[0-9a-f]{12}\.svg)">/.exec(page)![1]!;
    const svg = await t.app.inject({ method: 'GET', url: icon });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(svg.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const notFound = (await t.app.inject({ method: 'GET', url: '/Zz9Zz9Zz', headers: { accept: 'text/html' } })).body;
    expect(notFound).toContain(`<link rel="icon" type="image/svg+xml" href="${icon}">`);
    for (const url of ['/static/page.js', '/static/icon.svg', '/static/..%2Fpackage.json', '/static/inter-latin-wght-normal.woff2']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });
});
