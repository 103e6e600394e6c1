// @tessera/client against a real app over every resource: each call is typed by the generated
// schema (no casts), and every answer is checked against the OpenAPI document by createTestApp.
import { afterEach, expect, it } from 'vitest';
import { collect, createTesseraClient, paginate, TesseraApiError, unwrap } from '../../clients/typescript/src/index.ts';
import { signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { injectFetch } from '../helpers/inject-fetch.ts';

describeDialects('@tessera/client over every resource', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('templates, campaigns with a hosted page, morphing secrets, check-ins, items, webhooks, API keys, analytics, forms, problems', async () => {
    t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    const app = t.app;
    const account = await signUp(app);
    const fetch = injectFetch(app);
    const client = createTesseraClient({ baseUrl: 'http://tessera.test', auth: { apiKey: account.apiKey }, fetch });

    const template = await unwrap(client.POST('/api/v1/templates', { body: { name: 'Tickets', design_config: { preset: 'ocean', eyes: 'circle' } } }));
    expect(template.design_config.eyes).toBe('circle');
    expect((await collect(paginate((cursor) => unwrap(client.GET('/api/v1/templates', { params: { query: { cursor } } }))))).map((x) => x.id)).toEqual([template.id]);

    // A typed hosted page body: blocks narrow on `type`.
    const page = await unwrap(
      client.POST('/api/v1/campaigns', {
        body: {
          name: 'Fair',
          slug: 'fair',
          destination: 'https://example.com/fair',
          template_id: template.id,
          hosted_page: {
            title: 'Spring fair',
            blocks: [{ type: 'heading', text: 'Welcome', level: 1 }],
            form: { fields: [{ name: 'email', label: 'Email', type: 'email', required: true }] },
            published: true,
          },
        },
      }),
    );
    const heading = page.hosted_page?.blocks[0];
    expect(heading?.type === 'heading' ? heading.level : null).toBe(1);
    const resolved = await unwrap(client.GET('/api/v1/resolve/{userSlug}/{campaignSlug}', { params: { path: { userSlug: account.slug, campaignSlug: 'fair' } } }));
    expect(resolved.title).toBe('Spring fair');
    const submitted = await unwrap(client.POST('/api/v1/forms/submit/{short_code}', { params: { path: { short_code: page.short_code } }, body: { email: 'a@example.com' } }));
    expect(submitted.id).toMatch(/^sub_/);
    expect((await unwrap(client.GET('/api/v1/forms/campaign/{id}', { params: { path: { id: page.id } } }))).data).toHaveLength(1);

    const ticket = await unwrap(client.POST('/api/v1/campaigns', { body: { name: 'Ticket', destination: 'https://example.com/t', qr_type: 'morphing' } }));
    const secret = await unwrap(client.GET('/api/v1/campaigns/{id}/secret', { params: { path: { id: ticket.id } } }));
    expect(secret.version).toBe(1);
    const settings = await unwrap(client.PATCH('/api/v1/campaigns/{id}/morph', { params: { path: { id: ticket.id } }, body: { allow_reentry: true } }));
    expect(settings.allow_reentry).toBe(true);
    const checkin = await unwrap(client.POST('/api/v1/checkins', { body: { payload: `http://tessera.test/${ticket.short_code}?k=stale` } }));
    expect(checkin.result).toBe('invalid');
    expect((await unwrap(client.GET('/api/v1/checkins'))).data).toHaveLength(1);
    const summary = await unwrap(client.GET('/api/v1/checkins/summary', { params: { query: { campaign_id: ticket.id } } }));
    expect([summary.tickets.total, summary.checkins.by_result.invalid, summary.checkins.refusal_reasons[0]?.reason]).toEqual([1, 1, 'token_malformed']);
    // An event: its bulk request is listed, and its check-ins download as CSV text.
    const created = await unwrap(client.POST('/api/v1/qrs/bulk', { body: { urls: ['https://example.com/t/1', 'https://example.com/t/2'], names: ['Gala – A. Adams', ''], qr_type: 'morphing' } }));
    // The answer's type is the created batch or a dry run's count; this was no dry run.
    const event = 'batch_id' in created ? created : expect.unreachable('a dry run answered');
    const batches = await collect(paginate((cursor) => unwrap(client.GET('/api/v1/qrs/batches', { params: { query: { cursor, qr_type: 'morphing', limit: 1 } } }))));
    expect(batches.map((b) => [b.batch_id, b.codes, b.first_name, b.livemode])).toEqual([[event.batch_id, 2, 'Gala – A. Adams', true]]);
    const csv = await unwrap(client.GET('/api/v1/checkins/export.csv', { params: { query: { batch_id: event.batch_id } }, parseAs: 'text' }));
    expect(csv).toBe('created_at,result,reason,type,scanner_id,ticket_short_code,ticket_name,ticket_destination,campaign_id,checkin_id,local_time,utc_offset\r\n');
    const batch = { params: { path: { batch_id: event.batch_id } } };
    expect((await unwrap(client.PATCH('/api/v1/qrs/batches/{batch_id}', { ...batch, body: { name: 'Gala' } }))).name).toBe('Gala');
    expect((await unwrap(client.GET('/api/v1/qrs/batches/{batch_id}', batch))).name).toBe('Gala');
    expect((await unwrap(client.PUT('/api/v1/campaigns/{id}', { params: { path: { id: ticket.id } }, body: { name: 'Ticket 2' } }))).name).toBe('Ticket 2');
    expect((await unwrap(client.DELETE('/api/v1/campaigns/{id}', { params: { path: { id: ticket.id } } }))).status).toBe('archived');

    const item = await unwrap(client.POST('/api/v0/items', { body: { content: 'hello', ttlHours: 1, viewLimit: 2 } }));
    expect(item.deleteToken).toEqual(expect.any(String));
    expect((await unwrap(client.GET('/api/v0/items/{magic}', { params: { path: { magic: item.magic } } }))).content).toBe('hello');
    // The items seed's handshake with its own header spelling, which the generated types take as written.
    const locked = await unwrap(client.POST('/api/v0/items', { body: { content: 'Hello, World. Resolved exactly as intended.', password: 'YOUR_ACCESS_PASSWORD', ttlHours: 1, viewLimit: 5 } }));
    const magic = { path: { magic: locked.magic } };
    const seedResolved = await client.GET('/api/v0/items/{magic}', { params: { ...magic, header: { 'X-QR-Password': 'YOUR_ACCESS_PASSWORD' } } });
    expect(seedResolved.data?.content).toBe('Hello, World. Resolved exactly as intended.');
    expect(seedResolved.response.headers.get('X-Content-Hmac')).toBe(locked.contentHmac);
    const deleted = await client.DELETE('/api/v0/items/{magic}', { params: { ...magic, header: { 'X-Delete-Token': locked.deleteToken ?? '' } } });
    expect(deleted.response.status).toBe(204);

    const signing = await unwrap(client.POST('/api/v1/merchant/webhooks/secret'));
    expect(signing.data.secret).toMatch(/^whsec_/);
    // Rotation and regeneration take an all-optional body: the client sends none, as the seed's curl does.
    const rotated = await unwrap(client.POST('/api/v1/merchant/webhooks/secret/rotate'));
    expect(rotated.data.secret).toMatch(/^whsec_/);
    expect(rotated.data.previous.id).toBe(signing.data.id);
    const endpoint = await unwrap(client.POST('/api/v1/merchant/webhooks/endpoints', { body: { url: 'http://127.0.0.1:9/hook' } }));
    const ping = await unwrap(client.POST('/api/v1/merchant/webhooks/endpoints/{id}/test', { params: { path: { id: endpoint.data.id } } }));
    const deliveries = await unwrap(client.GET('/api/v1/merchant/webhooks/endpoints/{id}/deliveries', { params: { path: { id: endpoint.data.id } } }));
    expect(deliveries.data.map((d) => d.id)).toContain(ping.data.delivery_id);
    expect((await unwrap(client.GET('/api/v1/merchant/webhooks/event-types'))).data.length).toBeGreaterThan(3);

    const key = await unwrap(client.POST('/api/v1/merchant/api-keys', { body: { env: 'tst', name: 'CI' } }));
    expect(key.data.full_key).toMatch(/^sec1-tst-/);
    expect((await unwrap(client.GET('/api/v1/merchant/api-keys'))).data.api_keys.map((k) => k.id)).toContain(key.data.api_key.id);
    await unwrap(client.DELETE('/api/v1/merchant/api-keys/{id}', { params: { path: { id: key.data.api_key.id } } }));

    const devices = await unwrap(client.GET('/api/v1/analytics/campaign/{id}/devices', { params: { path: { id: page.id }, query: { tz: 'UTC' } } }));
    expect(devices.total).toBe(0);
    expect((await unwrap(client.GET('/api/v1/analytics/hours'))).data).toHaveLength(24);
    expect((await unwrap(client.GET('/api/v1/account/branding'))).made_with_tessera).toEqual(expect.any(Boolean));
    expect((await unwrap(client.GET('/api/v1/auth/me'))).via).toBe('api_key');
    expect((await unwrap(client.GET('/problems/{code}', { params: { path: { code: 'not_found' } } }))).status).toBe(404);

    const missing = await unwrap(client.GET('/api/v1/campaigns/{id}', { params: { path: { id: 'cmp_missing' } } })).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(TesseraApiError);

    // Last: regenerating the calling key revokes it at once (no grace period asked for).
    const regenerated = await unwrap(client.POST('/api/v1/merchant/api-keys/secret/regenerate'));
    expect(regenerated.data.full_key).toMatch(/^sec1-prd-/);
    expect(regenerated.data.previous_api_key.status).toBe('revoked');
  });
});
