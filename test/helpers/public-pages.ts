// Every public page Tessera serves, seeded on a listening test app, as a list of visits a browser
// makes to reach each one (some need a form post first). Shared by the browser tests and by
// `npm run screenshots:pages`, so both see exactly the same pages.
import http from 'node:http';
import type net from 'node:net';
import type { Page } from 'playwright-core';
import { authHeaders } from './accounts.ts';
import type { TestApp } from './app.ts';
import { samplePage } from './pages.ts';

/** One page and how a browser gets there. */
export interface PublicPageCase {
  /** File-name friendly, e.g. `item-available`. */
  name: string;
  /** What the page is, for the docs. */
  title: string;
  /** The status the page is served with. */
  status: number;
  /** Accept-Language the visit sends (English when absent); its first tag is also the browser's locale. */
  language?: string;
  /** Loads the page; returns the main document's status. */
  visit(page: Page): Promise<number>;
  /** The page carries a copy button. */
  copies?: boolean;
  /** The page shows a time. */
  time?: boolean;
}

/** A page route that fails as every route does while the database cannot be reached: the 503 page. */
export const UNAVAILABLE_PATH = '/test/database-unreachable';

/**
 * Registers UNAVAILABLE_PATH on `t` (before it listens). Stopping the test's database would take
 * every other page down with it; the error thrown is the one a refused PostgreSQL connection
 * gives, so the page comes from the real error handler, outage log included.
 */
export function routeUnavailablePage(t: TestApp): void {
  t.app.get(UNAVAILABLE_PATH, { schema: { hide: true, 'x-html-errors': true } }, async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  });
}

/** Shared content of the revealed item (copied by the copy button test). */
export const SHARED_TEXT = 'Wi-Fi: Lumen-Guests\nPassword: violet-harbour-42\n\nThe door code for the back entrance is 4711#.';

// Pictures for the logo and hero image, served from a second origin as an image CDN would.
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 188 40" width="188" height="40"><rect width="188" height="40" rx="10" fill="#ffffff"/><rect x="4" y="4" width="32" height="32" rx="9" fill="#0f766e"/><circle cx="20" cy="20" r="7" fill="#fef3c7"/><text x="46" y="28" font-family="Georgia,serif" font-size="22" font-weight="700" fill="#134e4a">Lumen Events</text></svg>`;
const HERO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 500" width="1200" height="500"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#134e4a"/><stop offset="1" stop-color="#0f766e"/></linearGradient></defs><rect width="1200" height="500" fill="url(#g)"/><circle cx="980" cy="110" r="70" fill="#fde68a"/><path d="M0 390 L220 260 L400 360 L610 210 L840 350 L1010 250 L1200 340 L1200 500 L0 500Z" fill="#115e59"/><path d="M0 440 L260 330 L470 420 L720 300 L960 420 L1200 360 L1200 500 L0 500Z" fill="#0d4f4a"/></svg>`;

/** Starts the little image host; returns its base URL and a closer. */
export async function startImageHost(): Promise<{ base: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const body = request.url === '/logo.svg' ? LOGO_SVG : request.url === '/hero.svg' ? HERO_SVG : null;
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function postForm(page: Page, url: string, fields: Record<string, string>): Promise<number> {
  // A form of our own on a blank page, as a person's browser would post it.
  await page.goto('about:blank');
  // waitForNavigation resolves with the new document once it has loaded (a response alone may arrive first).
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.evaluate(
      ({ url, fields }) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = url;
        for (const [name, value] of Object.entries(fields)) {
          const input = document.createElement('input');
          input.name = name;
          input.value = value;
          form.append(input);
        }
        document.body.append(form);
        form.submit();
      },
      { url, fields },
    ),
  ]);
  return response?.status() ?? 0;
}

async function goto(page: Page, url: string): Promise<number> {
  const response = await page.goto(url);
  return response?.status() ?? 0;
}

async function clickAndWait(page: Page, selector: string): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(selector).click()]);
  return response?.status() ?? 0;
}

/** Seeds an account with branding, items, hosted pages and codes on `t` (listening at `base`); returns every page. */
export async function seedPublicPages(t: TestApp, base: string, images: string): Promise<PublicPageCase[]> {
  const app = t.app;
  if (!app.hasRoute({ method: 'GET', url: UNAVAILABLE_PATH })) throw new Error('call routeUnavailablePage(t) before the app listens: the 503 page is one of the cases');
  // Signed up as in a browser on this origin, then an API key for the rest.
  const signup = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'owner@lumen.example', password: 'correct horse battery', slug: 'lumen', name: 'Lumen Events' } });
  if (signup.statusCode !== 201) throw new Error(`signup: ${signup.statusCode} ${signup.body}`);
  const cookie = String(signup.headers['set-cookie']).split(';')[0]!;
  const key = await app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: { cookie, 'x-csrf-token': signup.json().csrf_token, origin: base }, payload: { env: 'prd' } });
  if (key.statusCode !== 201) throw new Error(`api key: ${key.statusCode} ${key.body}`);
  const headers = authHeaders(key.json().data.full_key);
  const json = async (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, auth = headers) => {
    const response = await app.inject({ method, url, headers: auth, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  await json('PATCH', '/api/v1/account/branding', { name: 'Lumen Events' });

  // Items are created with the account's key, so their pages wear its branding.
  const item = async (body: Record<string, unknown>) => (await json('POST', '/api/v0/items', body)) as { magic: string; publicUrl: string };
  const path = (publicUrl: string) => new URL(publicUrl).pathname;
  const available = await item({ content: SHARED_TEXT, ttlHours: 48, viewLimit: 3 });
  const protectedOnce = await item({ content: SHARED_TEXT, ttlHours: 2, viewLimit: 1, password: 'harbour' });
  const usedUp = await item({ content: SHARED_TEXT, ttlHours: 2, viewLimit: 1 });
  await app.inject({ method: 'GET', url: `/api/v0/items/${usedUp.magic}` });
  const expired = await item({ content: SHARED_TEXT, ttlHours: 0.01 });
  const locked = await item({ content: SHARED_TEXT, ttlHours: 2, password: 'harbour' });
  for (let i = 0; i < 10; i++) await app.inject({ method: 'GET', url: `/api/v0/items/${locked.magic}`, headers: { 'x-qr-password': `guess-${i}` } });

  // Hosted pages: one in Tessera's palette with a hero and a form, one in the owner's own colours.
  const fair = samplePage({
    title: 'Spring Fair 2026',
    blocks: [
      { type: 'paragraph', text: 'Three days of food, music and makers by the harbour. Entry is free; tell us you are coming and we will save you a seat at the opening concert.' },
      { type: 'heading', text: 'When and where', level: 2 },
      { type: 'paragraph', text: 'Friday 24 April to Sunday 26 April, 10:00–19:00\nHarbour Hall, Quay Street 4' },
      { type: 'button', text: 'See the programme', url: 'https://example.com/programme' },
    ],
    theme: { hero_image_url: `${images}/hero.svg`, hero_image_alt: 'Hills above the harbour at dusk' },
    form: {
      fields: [
        { name: 'name', label: 'Your name', type: 'text', required: true, max_length: 80 },
        { name: 'email', label: 'Email', type: 'email', required: true, help_text: 'We send your seat number here, nothing else.' },
        { name: 'guests', label: 'Guests', type: 'number', min: 0, max: 5 },
        { name: 'day', label: 'Day', type: 'select', options: ['Friday', 'Saturday', 'Sunday'] },
        { name: 'consent', label: 'I agree to be contacted about the fair', type: 'checkbox', required: true },
      ],
      submit_label: 'Save my seat',
      success_message: 'Thank you! Your seat is saved and a confirmation is on its way to your inbox.',
      next_url: 'https://example.com/programme',
      next_label: 'See the programme',
    },
  });
  await json('POST', '/api/v1/campaigns', { name: 'Fair', slug: 'fair', destination: 'https://example.com/', hosted_page: fair });
  const night = samplePage({
    title: 'Night Market',
    language: 'es',
    blocks: [{ type: 'paragraph', text: 'Cada viernes de junio, de 19:00 a 23:00, en la Plaza Mayor. Apúntate para recibir el plano de puestos.' }],
    theme: { background_color: '#1e1b4b', text_color: '#eef2ff', accent_color: '#facc15', logo_url: `${images}/logo.svg`, logo_alt: 'Lumen Events' },
    form: { fields: [{ name: 'email', label: 'Correo electrónico', type: 'email', required: true }], submit_label: 'Apuntarme' },
  });
  await json('POST', '/api/v1/campaigns', { name: 'Night', slug: 'night', destination: 'https://example.com/', hosted_page: night });

  // Codes: archived, and a morphing ticket scanned from a screenshot (no live token).
  const archived = await json('POST', '/api/v1/campaigns', { name: 'Winter', destination: 'https://example.com/winter' });
  await json('DELETE', `/api/v1/campaigns/${archived.id}`);
  const ticket = await json('POST', '/api/v1/campaigns', { name: 'Ticket 1', destination: 'https://example.com/ticket/1', qr_type: 'morphing' });
  // Codes outside their campaign's schedule: one opens in two days, one ended an hour ago.
  const soon = await json('POST', '/api/v1/campaigns', { name: 'Summer', destination: 'https://example.com/summer', active_from: new Date(t.clock.now() + 2 * 86_400_000).toISOString() });
  const over = await json('POST', '/api/v1/campaigns', { name: 'Spring', destination: 'https://example.com/spring', active_until: new Date(t.clock.now() - 3_600_000).toISOString() });

  // Moves past the short item's expiry; every other item lives for hours.
  t.clock.advance(60_000);

  const cases: PublicPageCase[] = [
    { name: 'item-available', title: 'Item: ready to open (3 views left)', status: 200, time: true, visit: (p) => goto(p, `${base}${path(available.publicUrl)}`) },
    { name: 'item-password', title: 'Item: one-time, behind a password', status: 200, time: true, visit: (p) => goto(p, `${base}${path(protectedOnce.publicUrl)}`) },
    {
      name: 'item-password-wrong',
      title: 'Item: wrong password',
      status: 401,
      time: true,
      // Visits that spend something work on an item of their own, so every visit sees the same page.
      visit: async (p) => {
        await goto(p, `${base}${path((await item({ content: SHARED_TEXT, ttlHours: 2, password: 'harbour' })).publicUrl)}`);
        await p.locator('#password').fill('not it');
        return clickAndWait(p, 'button[type=submit]');
      },
    },
    {
      name: 'item-revealed',
      title: 'Item: revealed, with copy buttons and the receipt',
      status: 200,
      copies: true,
      time: true,
      visit: async (p) => {
        await goto(p, `${base}${path((await item({ content: SHARED_TEXT, ttlHours: 26, viewLimit: 3 })).publicUrl)}`);
        return clickAndWait(p, 'button[type=submit]');
      },
    },
    {
      name: 'item-revealed-last',
      title: 'Item: the last view revealed',
      status: 200,
      copies: true,
      visit: async (p) => {
        await goto(p, `${base}${path((await item({ content: SHARED_TEXT, ttlHours: 2, viewLimit: 1 })).publicUrl)}`);
        return clickAndWait(p, 'button[type=submit]');
      },
    },
    { name: 'item-used-up', title: 'Item: used up', status: 410, visit: (p) => goto(p, `${base}${path(usedUp.publicUrl)}`) },
    { name: 'item-expired', title: 'Item: expired', status: 410, time: true, visit: (p) => goto(p, `${base}${path(expired.publicUrl)}`) },
    { name: 'item-locked', title: 'Item: too many wrong passwords', status: 429, time: true, visit: (p) => postForm(p, `${base}${path(locked.publicUrl)}/reveal`, { password: 'harbour' }) },
    { name: 'item-not-found', title: 'Item: unknown or deleted link', status: 404, visit: (p) => goto(p, `${base}/i/AAAAAAAAAAAAAAAAAAAAAA`) },
    {
      name: 'item-available-de',
      title: 'Item page in German (Accept-Language: de)',
      status: 200,
      language: 'de-DE,de;q=0.9,en;q=0.5',
      time: true,
      visit: (p) => goto(p, `${base}${path(available.publicUrl)}`),
    },
    { name: 'hosted-page', title: 'Hosted page with hero image and form', status: 200, visit: (p) => goto(p, `${base}/p/lumen/fair`) },
    {
      name: 'hosted-page-errors',
      title: 'Hosted page: the form sent back with errors',
      status: 400,
      visit: async (p) => {
        await goto(p, `${base}/p/lumen/fair`);
        await p.evaluate(() => document.querySelector('form')!.setAttribute('novalidate', ''));
        await p.locator('#f-email').fill('ada@');
        await p.locator('#f-guests').fill('9');
        return clickAndWait(p, 'form button[type=submit]');
      },
    },
    { name: 'hosted-thanks', title: 'Thank-you page with a next step', status: 200, visit: (p) => goto(p, `${base}/p/lumen/fair/thanks`) },
    { name: 'hosted-page-themed', title: "Hosted page in the owner's colours and language (es)", status: 200, visit: (p) => goto(p, `${base}/p/lumen/night`) },
    { name: 'hosted-not-found', title: 'Hosted page: unknown or unpublished', status: 404, visit: (p) => goto(p, `${base}/p/lumen/nothing-here`) },
    { name: 'form-failed', title: 'Form post that could not be accepted', status: 404, visit: (p) => postForm(p, `${base}/api/v1/forms/submit/Zz9Zz9Zz`, { email: 'ada@example.com' }) },
    { name: 'code-unknown', title: 'Unknown code', status: 404, visit: (p) => goto(p, `${base}/Zz9Zz9Zz`) },
    { name: 'address-unknown', title: 'An address with nothing behind it (a truncated link)', status: 404, visit: (p) => goto(p, `${base}/p/${'x'.repeat(120)}`) },
    { name: 'code-archived', title: "Archived campaign's code", status: 410, visit: (p) => goto(p, `${base}/${archived.short_code}`) },
    {
      name: 'code-archived-fr',
      title: "Archived campaign's code in French (Accept-Language: fr)",
      status: 410,
      language: 'fr-CH, fr;q=0.9, en;q=0.8',
      visit: (p) => goto(p, `${base}/${archived.short_code}`),
    },
    { name: 'code-not-yet-active', title: 'Code of a campaign that has not started', status: 403, time: true, visit: (p) => goto(p, `${base}/${soon.short_code}`) },
    { name: 'code-ended', title: 'Code of a campaign that has ended', status: 410, time: true, language: 'es-ES,es;q=0.9', visit: (p) => goto(p, `${base}/${over.short_code}`) },
    { name: 'ticket-expired', title: 'Ticket scanned from a screenshot', status: 403, visit: (p) => goto(p, `${base}/${ticket.short_code}`) },
    { name: 'database-unreachable', title: 'Any page while the database cannot be reached (German)', status: 503, language: 'de-DE,de;q=0.9', visit: (p) => goto(p, `${base}${UNAVAILABLE_PATH}`) },
  ];
  return cases;
}
