// /metrics: Prometheus text, never public by default (404 without TESSERA_METRICS_TOKEN or
// _PORT, 401 without the bearer token), per-route counts with bounded labels, the front door,
// the scan buffer and its flushes, webhook outcomes and the outbox, the pool, process metrics.
import { afterEach, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { startMetricsServer } from '../../src/http/metrics-routes.ts';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { startReceiver } from '../helpers/webhook-receiver.ts';

const TOKEN = 'metrics-token-0123456789';
const bearer = { authorization: `Bearer ${TOKEN}` };

/** The value of one sample (`name{labels} value`) in an exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[4]);
  }
  return undefined;
}

describeDialects('/metrics', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.close();
  });
  const start = async (env: Record<string, string> = {}) => {
    const t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', ...env } });
    apps.push(t);
    return t;
  };
  const scrape = async (t: TestApp) => {
    const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer });
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  it('does not exist unless configured: 404 with no token and no metrics port', async () => {
    const t = await start();
    const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer });
    expect(response.statusCode).toBe(404);
  });

  it('asks for the bearer token: 401 without it or with a wrong one, Prometheus text with it', async () => {
    const t = await start({ TESSERA_METRICS_TOKEN: TOKEN });
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }, { authorization: `Bearer ${TOKEN} x` }, { 'x-api-key': TOKEN }]) {
      const refused = await t.app.inject({ method: 'GET', url: '/metrics', headers });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body).not.toContain('tessera_');
    }
    // The scheme in any case (RFC 9110 §11.1), as some scrapers and proxies send it.
    for (const scheme of ['bearer', 'BEARER']) {
      expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `${scheme} ${TOKEN}` } })).statusCode, scheme).toBe(200);
    }
    const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers['cache-control']).toBe('no-store');
    // Process metrics and event-loop lag come with every scrape.
    for (const name of ['tessera_process_resident_memory_bytes', 'tessera_nodejs_eventloop_lag_p99_seconds', 'tessera_process_cpu_seconds_total']) {
      expect(sample(response.body, name), name).toBeGreaterThan(0);
    }
    // The metrics route stays out of the OpenAPI document.
    expect(JSON.stringify((await t.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths)).not.toContain('/metrics');
  });

  it('counts and times requests per route pattern, never per concrete path', async () => {
    const t = await start({ TESSERA_METRICS_TOKEN: TOKEN });
    const account = await signUp(t.app);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(account.apiKey), payload: { name: 'c', destination: 'https://example.com/' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    for (let i = 0; i < 3; i++) await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${id}`, headers: authHeaders(account.apiKey) });
    await t.app.inject({ method: 'GET', url: '/api/v1/campaigns/cmp_doesnotexist', headers: authHeaders(account.apiKey) });
    await t.app.inject({ method: 'GET', url: '/no/such/route/at/all' });
    // A scan of a code that does not exist (a misprint) is the redirect route's 404, not unmatched traffic.
    for (const accept of ['application/json', 'text/html']) await t.app.inject({ method: 'GET', url: '/Zq12345', headers: { accept } });
    const text = await scrape(t);
    expect(sample(text, 'tessera_http_requests_total', { method: 'GET', route: '/:code', status_class: '4xx' })).toBe(2);
    expect(sample(text, 'tessera_http_requests_total', { method: 'GET', route: '/api/v1/campaigns/:id', status_class: '2xx' })).toBe(3);
    expect(sample(text, 'tessera_http_requests_total', { method: 'GET', route: '/api/v1/campaigns/:id', status_class: '4xx' })).toBe(1);
    expect(sample(text, 'tessera_http_requests_total', { method: 'POST', route: '/api/v1/campaigns', status_class: '2xx' })).toBe(1);
    expect(sample(text, 'tessera_http_requests_total', { method: 'GET', route: '(unmatched)', status_class: '4xx' })).toBe(1);
    expect(sample(text, 'tessera_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/campaigns/:id' })).toBe(4);
    expect(text).not.toContain(id);
    expect(text).not.toContain('/no/such/route');
  });

  it('reports the front door, the scan buffer and its flushes', async () => {
    // The flush timer runs on real time: at its longest it cannot fire between the scans and the
    // scrape on a loaded machine, so the buffer holds exactly what the test sent.
    const t = await start({ TESSERA_METRICS_TOKEN: TOKEN, TESSERA_SCAN_FLUSH_MS: '60000' });
    const account = await signUp(t.app);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(account.apiKey), payload: { name: 'c', destination: 'https://example.com/' } });
    const code = created.json().short_code as string;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    for (let i = 0; i < 4; i++) expect((await fetch(`${base}/${code}`, { redirect: 'manual' })).status).toBe(302);
    let text = await scrape(t);
    // The first scan loads the code through Fastify; the next three are the front door's, which
    // are counted and timed under the route they stand in for all the same.
    expect(sample(text, 'tessera_front_door_answers_total')).toBe(3);
    expect(sample(text, 'tessera_http_requests_total', { method: 'GET', route: '/:code', status_class: '3xx' })).toBe(4);
    expect(sample(text, 'tessera_http_request_duration_seconds_count', { method: 'GET', route: '/:code' })).toBe(4);
    expect(sample(text, 'tessera_http_request_duration_seconds_bucket', { method: 'GET', route: '/:code', le: '+Inf' })).toBe(4);
    expect(sample(text, 'tessera_scan_buffer_events')).toBe(4);
    expect(sample(text, 'tessera_scans_dropped_total')).toBe(0);
    await t.app.ctx.scans.flush();
    text = await scrape(t);
    expect(sample(text, 'tessera_scan_buffer_events')).toBe(0);
    expect(sample(text, 'tessera_scan_flush_batch_size_sum')).toBe(4);
    expect(sample(text, 'tessera_scan_flush_duration_seconds_count', { outcome: 'ok' })).toBe(1);
  });

  it('reports webhook delivery outcomes by status class and the outbox backlog', async () => {
    const t = await start({ TESSERA_METRICS_TOKEN: TOKEN });
    const receiver = await startReceiver();
    try {
      const account = await signUp(t.app);
      const call = (url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: authHeaders(account.apiKey), ...(payload ? { payload } : {}) });
      await call('/api/v1/merchant/webhooks/secret');
      const endpoint = (await call('/api/v1/merchant/webhooks/endpoints', { url: `${receiver.url}/hook` })).json().data;
      receiver.script = [{ status: 503, body: 'busy' }];
      expect((await call(`/api/v1/merchant/webhooks/endpoints/${endpoint.id}/test`)).statusCode).toBe(202);
      t.clock.advance(90_000);
      let text = await scrape(t);
      expect(sample(text, 'tessera_webhook_outbox_pending')).toBe(1);
      expect(sample(text, 'tessera_webhook_outbox_oldest_age_seconds')).toBe(90);
      await runDeliveryWorker(t.app.ctx, { random: () => 0.5 });
      t.clock.advance(60_000);
      await runDeliveryWorker(t.app.ctx, { random: () => 0.5 });
      text = await scrape(t);
      expect(sample(text, 'tessera_webhook_deliveries_total', { status_class: '5xx' })).toBe(1);
      expect(sample(text, 'tessera_webhook_deliveries_total', { status_class: '2xx' })).toBe(1);
      expect(sample(text, 'tessera_webhook_outbox_pending')).toBe(0);
      expect(sample(text, 'tessera_webhook_outbox_oldest_age_seconds')).toBe(0);
      if (dialect === 'postgres') expect(sample(text, 'tessera_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
      else expect(sample(text, 'tessera_db_pool_connections', { state: 'total' })).toBeUndefined();
    } finally {
      await receiver.close();
    }
  });

  it('serves /metrics without a token on its own port, and nothing else there', async () => {
    const t = await start({ TESSERA_METRICS_PORT: '9464' });
    // The main port does not serve it: the metrics port is the only way in.
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer })).statusCode).toBe(404);
    const server = await startMetricsServer(t.app.metrics, '127.0.0.1', 0);
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const response = await fetch(`${base}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('tessera_process_resident_memory_bytes');
      expect((await fetch(`${base}/`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      server.close();
    }
  });
});

it('refuses a short metrics token, naming the variable', () => {
  expect(() => loadConfig({ TESSERA_METRICS_TOKEN: 'short' })).toThrow(ConfigError);
  expect(() => loadConfig({ TESSERA_METRICS_TOKEN: 'short' })).toThrow(/TESSERA_METRICS_TOKEN/);
  expect(() => loadConfig({ TESSERA_METRICS_PORT: '70000' })).toThrow(/TESSERA_METRICS_PORT/);
  expect(loadConfig({}).metricsToken).toBeNull();
  expect(loadConfig({}).metricsPort).toBeNull();
});
