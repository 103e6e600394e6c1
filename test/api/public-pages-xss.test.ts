// Hostile strings pushed through every public page: account name and logo text, item content,
// every hosted page and form text, a visitor's typed values, Accept-Language and the paths
// themselves. Every page must carry them as text only: no element, no attribute, no script.
import { afterEach, expect, it } from 'vitest';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

const P = `"><img src=x onerror=alert(1)><script>alert(2)</script>'\`<svg onload=alert(3)>`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

/** Fails unless `body` holds no markup of the payload; returns how often the payload appears escaped. */
function inert(body: string, where: string): number {
  // The only script a page may load is Tessera's own page script.
  const scripts = body.match(/<script[^>]*>/g) ?? [];
  for (const tag of scripts) expect(tag, where).toMatch(/^<script src="\/static\/page\.[0-9a-f]{12}\.js" nonce="[^"]+" defer>$/);
  expect(body, where).not.toMatch(/<img src=x/i);
  expect(body, where).not.toMatch(/<svg onload/i);
  expect(body, where).not.toContain('<script>alert');
  // Escaped attribute values hold no quote, so blanking them leaves only real markup: no handler in it.
  expect(body.replace(/="[^"]*"/g, '=""'), where).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
  return body.split('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;&#39;&#96;&lt;svg onload=alert(3)&gt;').length - 1;
}

describeDialects('public pages keep hostile strings inert', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('on every page: items, hosted pages, forms, thank-you, code and ticket errors', async () => {
    t = await createTestApp(dialect);
    const app = t.app;
    const me = await signUp(app, { name: P });
    const key = authHeaders(me.apiKey);
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/account/branding', headers: key, payload: { logo_alt: P } })).statusCode).toBe(200);
    const visits: Array<{ name: string; response: () => Promise<{ statusCode: number; body: string }>; status: number; shown: boolean }> = [];
    const get =
      (url: string, headers: Record<string, string> = {}) =>
      () =>
        app.inject({ method: 'GET', url, headers: { accept: 'text/html', 'accept-language': P, ...headers } });
    const post = (url: string, payload: string) => () => app.inject({ method: 'POST', url, headers: { ...FORM, 'accept-language': P }, payload });

    // Items: the content, and the owner's name in the header (no logo yet: the name shows).
    const item = async (body: Record<string, unknown>) => new URL((await app.inject({ method: 'POST', url: '/api/v0/items', headers: key, payload: body })).json().publicUrl).pathname;
    const available = await item({ content: P, ttlHours: 1, viewLimit: 3 });
    const secret = await item({ content: P, ttlHours: 1, password: 'pw' });
    const once = await item({ content: P, ttlHours: 1, viewLimit: 1 });
    const used = await item({ content: P, ttlHours: 1, viewLimit: 1 });
    await app.inject({ method: 'POST', url: `${used}/reveal`, headers: FORM, payload: '' });
    const expiring = await item({ content: P, ttlHours: 0.01 });
    const locked = await item({ content: P, ttlHours: 1, password: 'pw' });
    for (let i = 0; i < 10; i++) await app.inject({ method: 'POST', url: `${locked}/reveal`, headers: FORM, payload: `password=${encodeURIComponent(P)}` });
    visits.push(
      { name: 'item available', response: get(available), status: 200, shown: true },
      { name: 'item wrong password', response: post(`${secret}/reveal`, `password=${encodeURIComponent(P)}`), status: 401, shown: true },
      { name: 'item revealed', response: post(`${available}/reveal`, ''), status: 200, shown: true },
      { name: 'item last view', response: post(`${once}/reveal`, ''), status: 200, shown: true },
      { name: 'item used up', response: get(used), status: 410, shown: true },
      { name: 'item locked', response: post(`${locked}/reveal`, 'password=pw'), status: 429, shown: true },
      { name: 'item unknown', response: get(`/i/${encodeURIComponent(P)}`), status: 404, shown: false },
    );

    // Hosted pages: every owner text, and what a visitor typed coming back.
    const page = {
      title: P,
      language: 'en',
      blocks: [
        { type: 'heading', text: P },
        { type: 'paragraph', text: P },
        { type: 'image', url: 'https://example.com/a.png', alt: P },
        { type: 'link', text: P, url: 'https://example.com/?q="><script>' },
        { type: 'button', text: P, url: 'https://example.com/' },
      ],
      theme: { logo_url: 'https://example.com/logo.png', logo_alt: P, hero_image_url: 'https://example.com/hero.png', hero_image_alt: P },
      form: {
        fields: [
          { name: 'a', label: P, help_text: P, placeholder: P, required: true },
          { name: 'b', label: P, type: 'select', options: [P, 'ok'] },
          { name: 'c', label: P, type: 'textarea' },
        ],
        submit_label: P.slice(0, 60),
        success_message: P,
        next_url: 'https://example.com/next',
        next_label: P.slice(0, 60),
      },
      published: true,
    };
    const campaign = (await app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: key, payload: { name: 'x', slug: 'x', destination: 'https://example.com/', hosted_page: page } })).json();
    const slug = me.slug;
    visits.push(
      { name: 'hosted page', response: get(`/p/${slug}/x`), status: 200, shown: true },
      { name: 'hosted page with errors', response: post(`/api/v1/forms/submit/${campaign.short_code}`, new URLSearchParams({ b: P, c: `</textarea>${P}` }).toString()), status: 400, shown: true },
      { name: 'thank-you page', response: get(`/p/${slug}/x/thanks`), status: 200, shown: true },
      { name: 'hosted page unknown', response: get(`/p/${encodeURIComponent(P.slice(0, 60))}/${encodeURIComponent(P.slice(0, 60))}`), status: 404, shown: false },
      { name: 'form failure', response: post(`/api/v1/forms/submit/${encodeURIComponent(P.slice(0, 60))}`, 'a=1'), status: 404, shown: false },
    );

    // Codes: the owner's name in the archived page's sentence and in the ticket page's header.
    const archived = (await app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: key, payload: { name: P, destination: 'https://example.com/' } })).json();
    await app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${archived.id}`, headers: key });
    const ticket = (await app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: key, payload: { name: P, destination: 'https://example.com/t', qr_type: 'morphing' } })).json();
    visits.push(
      { name: 'code archived', response: get(`/${archived.short_code}`), status: 410, shown: true },
      { name: 'ticket expired', response: get(`/${ticket.short_code}`), status: 403, shown: true },
      { name: 'code unknown', response: get(`/${encodeURIComponent(P)}`), status: 404, shown: false },
    );

    t.clock.advance(60_000);
    visits.push({ name: 'item expired', response: get(expiring), status: 410, shown: true });

    for (const visit of visits) {
      const response = await visit.response();
      expect(response.statusCode, visit.name).toBe(visit.status);
      // The payload is there, escaped, where the page shows it (not silently dropped), and never
      // reflected from the request (path, Accept-Language) where it is not.
      const copies = inert(response.body, visit.name);
      if (visit.shown) expect(copies, visit.name).toBeGreaterThan(0);
      else expect(copies, visit.name).toBe(0);
      expect(response.body, visit.name).toContain('<html lang="en">');
    }
  });
});
