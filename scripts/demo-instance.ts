// A Tessera on a throwaway SQLite database, listening on a free loopback port, seeded with an
// account and the kind of data a real one has (campaigns with designs, templates, API keys (a door link's too), webhook
// endpoints, payment requests, an event's tickets half checked in at two doors, and a month of
// scans through the real redirect for the first campaign).
// Used by `npm run screenshots`; the e2e tests start their own, unseeded instances.
import { randomBytes } from 'node:crypto';
import { promises as dnsPromises } from 'node:dns';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { liveUrl } from '../src/modules/morph/morph.service.ts';
import { mulberry32 } from '../test/helpers/prng.ts';

/** A running, seeded instance. */
export interface DemoInstance {
  base: string;
  email: string;
  password: string;
  campaignIds: string[];
  /** The spring fair's tickets: one bulk request of morphing codes. */
  eventBatchId: string;
  /** What a door scanner reads from the fair's ticket `index` (0-based) right now. */
  ticketUrl(index: number): string;
  close(): Promise<void>;
}

const LOGO = `data:image/svg+xml;base64,${Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#0f766e"/><path d="M20 22h24v6H35v18h-6V28h-9z" fill="#fff"/></svg>',
).toString('base64')}`;

const CAMPAIGNS = [
  { name: 'Spring menu poster', destination: 'https://bistro-lumen.example/menu/spring', design_config: { preset: 'rounded', color: '#0f766e', logo: { src: LOGO, size: 0.2 } } },
  {
    name: 'Trade fair booth B12',
    slug: 'fair-2026',
    destination: 'https://northwind.example/fair-2026?utm_source=qr',
    design_config: { preset: 'liquid' },
    hosted_page: {
      title: 'Meet Northwind at booth B12',
      published: true,
      blocks: [
        { type: 'paragraph', text: 'Leave your details and we send you the fair catalogue, with this year’s prices.' },
        { type: 'button', text: 'See the programme', url: 'https://northwind.example/fair-2026/programme' },
      ],
      theme: { background_color: '#f8fafc', text_color: '#0f172a', accent_color: '#0f766e' },
      form: {
        fields: [
          { name: 'name', label: 'Your name', type: 'text', required: true },
          { name: 'email', label: 'Email', type: 'email', required: true, help_text: 'The catalogue goes here; nothing else.' },
          { name: 'interest', label: 'Most interested in', type: 'select', options: ['Outdoor furniture', 'Lighting', 'Textiles'] },
        ],
        submit_label: 'Send me the catalogue',
        success_message: 'Thank you! The catalogue is on its way.',
      },
    },
  },
  { name: 'Product packaging, EU', destination: 'https://northwind.example/eu/care-instructions', design_config: { preset: 'classy' } },
  { name: 'Table tents · terrace', destination: 'https://bistro-lumen.example/order', design_config: { preset: 'scan-me', frame: { text: 'ORDER HERE', color: '#0f172a', text_color: '#ffffff' } } },
  { name: 'Museum audio guide, room 4', destination: 'https://museum.example/guide/room-4', design_config: { preset: 'ocean' } },
  { name: 'Wi-Fi for guests', destination: 'https://bistro-lumen.example/wifi', qr_type: 'static', design_config: { preset: 'dots' } },
  { name: 'Summer sale flyer', destination: 'https://northwind.example/sale', design_config: { preset: 'sunset' } },
  { name: 'Recruiting stand', destination: 'https://northwind.example/careers', design_config: { preset: 'gem' } },
];

const DAY = 86_400_000;
// Phones mostly, as QR scans are; a few desktops (a code on a screen) and one crawler, left out.
const AGENTS = [
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 46],
  ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36', 30],
  ['Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36', 12],
  ['Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 5],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67', 5],
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 2],
] as const;
const COUNTRIES = [
  ['CH', 55],
  ['DE', 20],
  ['FR', 12],
  ['IT', 8],
  ['AT', 5],
] as const;

function pick<T>(rand: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  let r = rand() * weighted.reduce((n, [, w]) => n + w, 0);
  for (const [value, weight] of weighted) if ((r -= weight) < 0) return value;
  return weighted[0]![0];
}

/** A month of scans of `code` through the redirect, more at weekends, each at its own time on `clock`. */
async function seedScans(app: FastifyInstance, code: string, clock: { at: number | null }): Promise<void> {
  const rand = mulberry32(2026);
  const today = Date.now();
  for (let day = 29; day >= 0; day--) {
    const date = new Date(today - day * DAY);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const count = Math.round((weekend ? 70 : 35) * (0.6 + 0.8 * rand()) * (1 + (29 - day) / 40));
    for (let i = 0; i < count; i++) {
      clock.at = Math.min(today, Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 9 + Math.floor(rand() * 13), Math.floor(rand() * 60)));
      const visitor = Math.floor(rand() * 600);
      await app.inject({
        method: 'GET',
        url: `/${code}`,
        remoteAddress: `198.51.${100 + (visitor >> 8)}.${visitor & 255}`,
        headers: { 'user-agent': pick(rand, AGENTS), 'cf-ipcountry': pick(rand, COUNTRIES) },
      });
    }
  }
  clock.at = null;
  await app.ctx.scans.flush();
}

/** What the ticket shop asked to be paid through the API: a payee profile and a few payment requests, one paid by hand, one cancelled. */
async function seedPayments(app: FastifyInstance, key: string): Promise<void> {
  const bearer = { authorization: `Bearer ${key}` };
  const call = async (method: 'POST' | 'PUT', url: string, payload?: object) => {
    const response = await app.inject({ method, url, headers: bearer, payload });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json().data as { id: string };
  };
  await call('PUT', '/api/v1/merchant/payment-profile', {
    sepa: { name: 'Northwind Events GmbH', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
    swiss_qr: { name: 'Northwind Events AG', iban: 'CH44 3199 9123 0008 8901 2', address: { street: 'Rue du Lac', building_number: '1268', postcode: '2501', town: 'Biel', country: 'CH' } },
  });
  const paid = await call('POST', '/api/v1/payments/init', { amount: 4800, currency: 'EUR', scheme: 'sepa', reference: 'T-20418', description: 'Two tickets, spring fair' });
  await call('POST', `/api/v1/payments/${paid.id}/mark-paid`, { note: 'Paid in cash at the box office' });
  const canceled = await call('POST', '/api/v1/payments/init', { amount: 2400, currency: 'EUR', scheme: 'sepa', reference: 'T-20422', description: 'One ticket, spring fair' });
  await call('POST', `/api/v1/payments/${canceled.id}/cancel`);
  await call('POST', '/api/v1/payments/init', { amount: 12950, currency: 'CHF', scheme: 'swiss_qr', reference: '20431', description: 'Booth rental, trade fair' });
  await call('POST', '/api/v1/payments/init', { amount: 7200, currency: 'EUR', scheme: 'sepa', reference: 'T-20436', description: 'Three tickets, spring fair' });
}

const GUESTS = ['Amara Okafor', 'Lukas Brandt', 'Sofía Herrera', 'Yuki Tanaka', 'Priya Raman', 'Jonas Weber', 'Chloé Martin', 'Mateo Rossi', 'Hannah Novak', 'Omar Haddad'];

/** The ticket shop's spring fair: 120 tickets in one bulk request, about half checked in at two doors, a few turned away. */
async function seedEvent(app: FastifyInstance, key: string): Promise<{ batchId: string; ticketUrl: (index: number) => string }> {
  const bearer = { authorization: `Bearer ${key}` };
  const names = Array.from({ length: 120 }, (_, i) => `${GUESTS[i % GUESTS.length]} · ${String(i + 1).padStart(3, '0')}`);
  const urls = names.map((_, i) => `https://tickets.northwind.example/spring-fair/${1001 + i}`);
  const bulk = await app.inject({ method: 'POST', url: '/api/v1/qrs/bulk', headers: bearer, payload: { urls, names, batch_name: 'Spring fair', qr_type: 'morphing', design_config: {} } });
  if (bulk.statusCode !== 201) throw new Error(`bulk: ${bulk.statusCode} ${bulk.body}`);
  const { batch_id: batchId, data: tickets } = bulk.json() as { batch_id: string; data: Array<{ id: string; short_code: string }> };
  const ticketUrl = (index: number) => liveUrl(app.ctx, { id: tickets[index]!.id, accountId: '', shortCode: tickets[index]!.short_code }, 1, Date.now());
  const scan = async (index: number, gate: string, type: 'entry' | 'exit' = 'entry') => {
    const payload = ticketUrl(index);
    const response = await app.inject({ method: 'POST', url: '/api/v1/checkins', headers: bearer, payload: { payload, type, scanner_id: gate, batch_id: batchId } });
    if (response.statusCode !== 200) throw new Error(`check-in: ${response.statusCode} ${response.body}`);
  };
  for (let i = 0; i < 64; i++) await scan(i, i % 3 === 0 ? 'South door' : 'North door');
  for (let i = 0; i < 3; i++) await scan(i, 'North door', 'exit');
  for (let i = 10; i < 13; i++) await scan(i, 'South door');
  return { batchId, ticketUrl };
}

async function json(app: FastifyInstance, method: 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown): Promise<any> {
  const response = await app.inject({ method, url, headers, payload: payload as object });
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}

/**
 * The demo's webhook receivers live under .example, which resolves nowhere (and this machine may
 * have no DNS at all): in this throwaway process they resolve to a documentation address, which
 * the instance allows. Nothing is ever delivered (no worker runs).
 */
function resolveDemoHosts(): void {
  const lookup = dnsPromises.lookup.bind(dnsPromises);
  (dnsPromises as { lookup: unknown }).lookup = (hostname: string, options?: unknown) =>
    hostname.endsWith('.example') ? Promise.resolve([{ address: '203.0.113.10', family: 4 }]) : (lookup as (h: string, o?: unknown) => Promise<unknown>)(hostname, options);
}

/** Starts and seeds an instance. */
export async function startDemoInstance(): Promise<DemoInstance> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-demo-'));
  const database = connectDatabase({ dialect: 'sqlite', url: path.join(dir, 'tessera.db') });
  await migrateToLatest(database.db);
  const probe = (await import('node:net')).createServer();
  const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
  await new Promise((resolve) => probe.close(resolve));
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    TESSERA_MASTER_KEY: randomBytes(32).toString('hex'),
    TESSERA_PUBLIC_URL: base,
    LOG_LEVEL: 'silent',
    TESSERA_DATA_DIR: dir,
    TESSERA_COUNTRY_HEADER: 'cf-ipcountry',
    TESSERA_WEBHOOK_ALLOWED_HOSTS: '203.0.113.10',
  });
  resolveDemoHosts();
  // The wall clock, except while the month of scans is recorded at its own times.
  const seeding = { at: null as number | null };
  const app = await buildApp(config, { database, startWorker: false, clock: { now: () => seeding.at ?? Date.now() } });
  await app.listen({ port, host: '127.0.0.1' });

  const email = 'maria@northwind.example';
  const password = 'correct horse battery staple';
  const signup = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email, password, name: 'Maria Keller', account_name: 'Northwind Events', slug: 'northwind' } });
  if (signup.statusCode !== 201) throw new Error(`signup: ${signup.body}`);
  const cookie = String(signup.headers['set-cookie']).split(';')[0]!;
  const session = { cookie, 'x-csrf-token': signup.json().csrf_token as string, origin: base };
  const campaignIds: string[] = [];
  for (const campaign of CAMPAIGNS) campaignIds.push((await json(app, 'POST', '/api/v1/campaigns', session, campaign)).id);
  await json(app, 'DELETE', `/api/v1/campaigns/${campaignIds.at(-1)}`, session);
  const first = (await app.inject({ method: 'GET', url: `/api/v1/campaigns/${campaignIds[0]}`, headers: session })).json() as { short_code: string };
  await seedScans(app, first.short_code, seeding);
  await json(app, 'POST', '/api/v1/templates', session, { name: 'Bistro Lumen', design_config: CAMPAIGNS[0]!.design_config });
  await json(app, 'POST', '/api/v1/templates', session, { name: 'Northwind corporate', design_config: { preset: 'classy', eye_color: '#7c2d12' } });
  await json(app, 'POST', '/api/v1/templates', session, {
    name: 'Events, bold',
    design_config: { preset: 'scan-me', color: '#7c3aed', frame: { text: 'SCAN FOR TICKETS', color: '#7c3aed', text_color: '#ffffff' } },
  });
  await json(app, 'POST', '/api/v1/merchant/webhooks/secret', session);
  await json(app, 'POST', '/api/v1/merchant/webhooks/endpoints', session, {
    url: 'https://orders.northwind.example/hooks/tessera',
    description: 'Order system',
    event_types: ['form.submitted', 'payment.succeeded'],
  });
  await json(app, 'POST', '/api/v1/merchant/webhooks/endpoints', session, { url: 'https://crm.northwind.example/tessera', description: 'CRM' });
  const shop = (await json(app, 'POST', '/api/v1/merchant/api-keys', session, { env: 'prd', name: 'Ticket shop' })).data.full_key as string;
  await seedPayments(app, shop);
  const event = await seedEvent(app, shop);
  await json(app, 'POST', '/api/v1/merchant/api-keys', session, { env: 'tst', name: 'Staging', expires_at: new Date(Date.now() + 30 * 86_400_000).toISOString() });
  // What a door link makes: a check-in key kept to the fair, for three days.
  await json(app, 'POST', '/api/v1/merchant/api-keys', session, {
    env: 'prd',
    scope: 'checkin',
    batch_id: event.batchId,
    name: 'Door: Spring fair',
    expires_at: new Date(Date.now() + 3 * 86_400_000).toISOString(),
  });
  return {
    base,
    email,
    password,
    campaignIds,
    eventBatchId: event.batchId,
    ticketUrl: event.ticketUrl,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
