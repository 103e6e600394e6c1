// A resource of another account is a 404, never a 403 and never its data (DESIGN.md, Errors).
// One account makes one of everything; a second account then calls every signed-in operation of
// the OpenAPI document that names a resource in its path, and every filter that takes an id, with
// the first account's ids. A new route with a path parameter fails the coverage check below until
// it is added here, so the rule is checked for routes nobody has written yet.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createPageCampaign } from '../helpers/pages.ts';
import { INIT, initPayment, putProfile, testKey } from '../helpers/payments.ts';

type Operation = { method: string; path: string; security?: Array<Record<string, string[]>> };

/** The first account's resources, by the path parameter or query filter that names them. */
interface Owned {
  apiKeyId: string;
  templateId: string;
  campaignId: string;
  morphingId: string;
  batchId: string;
  endpointId: string;
  deliveryId: string;
  paymentId: string;
}

/** A body each operation would accept from its owner, so a 404 cannot be a validation error in disguise. */
const BODIES: Record<string, unknown> = {
  'PUT /api/v1/merchant/webhooks/endpoints/{id}': { url: 'http://127.0.0.1:9/hook' },
  'PUT /api/v1/campaigns/{id}': { name: 'Taken over', destination: 'https://attacker.example/' },
  'PATCH /api/v1/qrs/batches/{batch_id}': { name: 'Taken over' },
  'PUT /api/v1/qrs/batches/{batch_id}/reentry': { allow_reentry: true },
  'PATCH /api/v1/campaigns/{id}/morph': { allow_reentry: true },
  'POST /api/v1/payments/{id}/mark-paid': { note: 'paid in cash' },
  'POST /api/v1/payments/{id}/simulate': { outcome: 'succeeded' },
};

/** Operations a prd key is refused whatever the id (403 for the caller's mode, not the resource): the stranger's tst key calls them. */
const TEST_MODE_ONLY = new Set(['POST /api/v1/payments/{id}/simulate']);

/** The id each path parameter takes for an operation (the morphing routes need a morphing code). */
function idFor(op: Operation, owned: Owned): Record<string, string> | null {
  if (op.path.startsWith('/api/v1/merchant/api-keys/')) return { id: owned.apiKeyId };
  if (op.path.startsWith('/api/v1/merchant/webhooks/endpoints/')) return { id: owned.endpointId };
  if (op.path.startsWith('/api/v1/merchant/webhooks/deliveries/')) return { id: owned.deliveryId };
  if (op.path.startsWith('/api/v1/templates/')) return { id: owned.templateId };
  if (op.path.startsWith('/api/v1/qrs/batches/')) return { batch_id: owned.batchId };
  if (op.path.startsWith('/api/v1/payments/')) return { id: owned.paymentId };
  if (/^\/api\/v1\/campaigns\/\{id\}\/(secret|morph|live\.svg)/.test(op.path)) return { id: owned.morphingId };
  if (op.path.startsWith('/api/v1/campaigns/') || op.path.startsWith('/api/v1/analytics/campaign/') || op.path.startsWith('/api/v1/forms/campaign/')) return { id: owned.campaignId };
  return null;
}

describeDialects('tenant isolation', (dialect) => {
  let t: TestApp;
  let owner: TestAccount;
  let stranger: TestAccount;
  let strangerTestKey: string;
  let owned: Owned;
  let operations: Operation[];

  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    owner = await signUp(t.app);
    stranger = await signUp(t.app);
    strangerTestKey = await testKey(t.app, stranger);
    const as = authHeaders(owner.apiKey);
    const post = async (url: string, payload: unknown) => {
      const res = await t.app.inject({ method: 'POST', url, headers: as, payload: payload as object });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      return res.json();
    };
    const template = await post('/api/v1/templates', { name: 'Brand', design_config: {} });
    const campaign = await createPageCampaign(t.app, owner);
    const batch = await post('/api/v1/qrs/bulk', { urls: ['https://example.com/ticket'], qr_type: 'morphing' });
    await post('/api/v1/merchant/webhooks/secret', {});
    const endpoint = await post('/api/v1/merchant/webhooks/endpoints', { url: 'http://127.0.0.1:9/hook' });
    const ping = await post(`/api/v1/merchant/webhooks/endpoints/${endpoint.data.id}/test`, {});
    await putProfile(t.app, owner);
    const payment = await initPayment(t.app, owner.apiKey, INIT.sepa);
    expect(payment.statusCode, payment.body).toBe(201);
    owned = {
      apiKeyId: owner.apiKeyId,
      templateId: template.id,
      campaignId: campaign.id,
      morphingId: batch.data[0].id,
      batchId: batch.batch_id,
      endpointId: endpoint.data.id,
      deliveryId: ping.data.delivery_id,
      paymentId: payment.json().data.id,
    };
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { security?: Operation['security'] }>> };
    operations = Object.entries(spec.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, security: op.security })));
  });
  afterEach(async () => t.close());

  const signedIn = (op: Operation) => !!op.security?.length && op.security.every((r) => Object.keys(r).length > 0);

  it("every signed-in route that names a resource in its path answers another account's id with 404", async () => {
    const named = operations.filter((op) => signedIn(op) && op.path.includes('{'));
    expect(named.length).toBeGreaterThan(30);
    const uncovered = named.filter((op) => idFor(op, owned) === null).map((op) => `${op.method} ${op.path}`);
    expect(uncovered, 'add these routes to idFor').toEqual([]);
    for (const op of named) {
      const params = idFor(op, owned)!;
      const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name]!));
      const key = `${op.method} ${op.path}`;
      const payload = op.method === 'GET' || op.method === 'DELETE' ? undefined : ((BODIES[key] ?? {}) as object);
      const headers = authHeaders(TEST_MODE_ONLY.has(key) ? strangerTestKey : stranger.apiKey);
      const res = await t.app.inject({ method: op.method as 'GET', url, headers, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${key}: ${res.body}`).toBe(404);
      expect(res.json().code, key).toBe('not_found');
    }
    // Nothing the stranger sent changed the owner's resources.
    const campaign = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${owned.campaignId}`, headers: authHeaders(owner.apiKey) });
    expect(campaign.json()).toMatchObject({ status: 'active', destination: expect.not.stringContaining('attacker') });
    const payment = await t.app.inject({ method: 'GET', url: `/api/v1/payments/${owned.paymentId}`, headers: authHeaders(owner.apiKey) });
    expect(payment.json().data.status).toBe('pending');
    const keys = await t.app.inject({ method: 'GET', url: '/api/v1/merchant/api-keys', headers: authHeaders(owner.apiKey) });
    expect(keys.json().data.api_keys.map((k: { id: string; status: string }) => [k.id, k.status])).toContainEqual([owned.apiKeyId, 'active']);
  });

  it("filters and references that take an id answer another account's id with 404", async () => {
    const as = authHeaders(stranger.apiKey);
    const requests: Array<{ method: 'GET' | 'POST'; url: string; payload?: object }> = [
      { method: 'GET', url: `/api/v1/campaigns?batch_id=${owned.batchId}` },
      { method: 'GET', url: `/api/v1/checkins?batch_id=${owned.batchId}` },
      { method: 'GET', url: `/api/v1/checkins?campaign_id=${owned.morphingId}` },
      { method: 'GET', url: `/api/v1/checkins/summary?batch_id=${owned.batchId}` },
      { method: 'GET', url: `/api/v1/checkins/summary?campaign_id=${owned.morphingId}` },
      { method: 'GET', url: `/api/v1/checkins/export.csv?batch_id=${owned.batchId}` },
      { method: 'POST', url: '/api/v1/checkins', payload: { payload: 'anything', batch_id: owned.batchId } },
      { method: 'POST', url: '/api/v1/campaigns', payload: { name: 'Borrowed', destination: 'https://example.com/', template_id: owned.templateId } },
      { method: 'POST', url: '/api/v1/qrs/bulk', payload: { urls: ['https://example.com/'], template_id: owned.templateId } },
      { method: 'POST', url: '/api/v1/merchant/api-keys', payload: { env: 'prd', scope: 'checkin', batch_id: owned.batchId } },
      { method: 'POST', url: '/api/v1/merchant/api-keys/secret/regenerate', payload: { kid: owner.apiKey.split('-')[2]! } },
    ];
    for (const r of requests) {
      const res = await t.app.inject({ method: r.method, url: r.url, headers: as, ...(r.payload ? { payload: r.payload } : {}) });
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(404);
    }
  });
});
