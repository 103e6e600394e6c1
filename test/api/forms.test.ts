import { afterEach, expect, it } from 'vitest';
import { FORM_RATE_LIMIT } from '../../src/modules/forms/form.service.ts';
import { runDeliveryWorker } from '../../src/modules/webhooks/delivery.worker.ts';
import { authHeaders, signUp, type TestAccount } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createPageCampaign, samplePage } from '../helpers/pages.ts';
import { startReceiver, verifyAt } from '../helpers/webhook-receiver.ts';

const valid = { name: 'Ada Lovelace', email: 'ada@example.com', guests: 2, size: 'M', notes: 'Vegetarian', consent: true };

describeDialects('hosted forms', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const submitJson = (code: string, payload: unknown, ip = '203.0.113.7') => t!.app.inject({ method: 'POST', url: `/api/v1/forms/submit/${code}`, payload: payload as object, remoteAddress: ip });
  const submitForm = (code: string, body: string, ip = '203.0.113.7') =>
    t!.app.inject({ method: 'POST', url: `/api/v1/forms/submit/${code}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body, remoteAddress: ip });
  const list = (account: TestAccount, id: string, query = '') => t!.app.inject({ method: 'GET', url: `/api/v1/forms/campaign/${id}${query}`, headers: authHeaders(account.apiKey) });

  it('accepts a valid JSON submission (201) and lists it for the owner, newest first, paginated', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, me);
    const first = await submitJson(campaign.short_code, valid);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id: expect.stringMatching(/^sub_/), created_at: '2026-03-01T12:00:00.000Z', message: expect.any(String) });
    for (let i = 0; i < 2; i++) {
      t.clock.advance(1000);
      expect((await submitJson(campaign.short_code, { ...valid, name: `Guest ${i}`, guests: String(i) }, `203.0.113.${20 + i}`)).statusCode).toBe(201);
    }
    const page1 = await list(me, campaign.id, '?limit=2');
    expect(page1.statusCode).toBe(200);
    expect(page1.json().data.map((s: { data: { name: string } }) => s.data.name)).toEqual(['Guest 1', 'Guest 0']);
    const page2 = (await list(me, campaign.id, `?limit=2&cursor=${page1.json().next_cursor}`)).json();
    expect(page2.next_cursor).toBeNull();
    expect(page2.data).toEqual([
      { id: first.json().id, created_at: '2026-03-01T12:00:00.000Z', data: { name: 'Ada Lovelace', email: 'ada@example.com', guests: 2, size: 'M', notes: 'Vegetarian', consent: true } },
    ]);
    expect((await list(me, campaign.id, '?cursor=garbage')).statusCode).toBe(400);
  });

  it('emits form.submitted (signed, verified with standardwebhooks) for stored submissions only', async () => {
    t = await createTestApp(dialect, { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    const receiver = await startReceiver();
    try {
      const me = await signUp(t.app);
      const secret = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/webhooks/secret', headers: authHeaders(me.apiKey) });
      expect(secret.statusCode).toBe(201);
      const endpoint = await t.app.inject({
        method: 'POST',
        url: '/api/v1/merchant/webhooks/endpoints',
        headers: authHeaders(me.apiKey),
        payload: { url: `${receiver.url}/hook`, event_types: ['form.submitted'] },
      });
      expect(endpoint.statusCode).toBe(201);
      const campaign = await createPageCampaign(t.app, me);
      await submitJson(campaign.short_code, { ...valid, _website: 'spam' });
      await submitJson(campaign.short_code, { ...valid, email: 'bad' });
      const accepted = (await submitJson(campaign.short_code, valid)).json();
      expect(await runDeliveryWorker(t.app.ctx)).toBe(1);
      expect(receiver.received).toHaveLength(1);
      const event = verifyAt(secret.json().data.secret, receiver.received[0]!, t.clock.now()) as Record<string, any>;
      expect(event).toEqual({
        type: 'form.submitted',
        timestamp: '2026-03-01T12:00:00.000Z',
        data: {
          form: { id: campaign.id, campaign_id: campaign.id, short_code: campaign.short_code, page_url: campaign.hosted_page_url },
          submission: {
            id: accepted.id,
            fields: { name: 'Ada Lovelace', email: 'ada@example.com', guests: 2, size: 'M', notes: 'Vegetarian', consent: true },
            submitted_at: '2026-03-01T12:00:00.000Z',
          },
        },
      });
    } finally {
      await receiver.close();
    }
  });

  it('answers field-level errors (400) for invalid submissions and stores nothing', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, me);
    const response = await submitJson(campaign.short_code, { name: '', email: 'not-an-email', guests: 9, size: 'XXL', consent: false, extra: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json();
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'body/name', message: 'is required' },
        { field: 'body/email', message: 'must be an email address such as ada@example.com' },
        { field: 'body/guests', message: 'must be at most 5' },
        { field: 'body/size', message: 'must be one of the listed options' },
        { field: 'body/consent', message: 'must be ticked' },
        { field: 'body/extra', message: 'is not a field of this form' },
      ]),
    );
    expect((await submitJson(campaign.short_code, [1, 2])).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/forms/submit/${campaign.short_code}`, headers: { 'content-type': 'application/json' }, payload: '{"name":' })).statusCode).toBe(400);
    expect((await list(me, campaign.id)).json().data).toEqual([]);
  });

  it('a form of optional questions sent with nothing answered is refused on its first question, in the page language; one answer is enough', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const optional = {
      fields: [
        { name: 'comment', label: 'Comment', type: 'textarea' },
        { name: 'news', label: 'Send me news', type: 'checkbox' },
      ],
    };
    const campaign = await createPageCampaign(t.app, me, { page: samplePage({ language: 'de', form: optional }) });
    const blank = await submitJson(campaign.short_code, { comment: '  ', news: false });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toEqual([{ field: 'body/comment', message: 'nothing was answered: answer at least one question' }]);
    const page = await submitForm(campaign.short_code, 'comment=');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('<p class="field-error" id="f-comment-error">Beantworten Sie vor dem Senden mindestens eine Frage.</p>');
    expect((await list(me, campaign.id)).json().data).toEqual([]);
    expect((await submitForm(campaign.short_code, 'comment=&news=on')).statusCode).toBe(303);
    expect((await submitJson(campaign.short_code, { comment: 'Lovely fair' })).statusCode).toBe(201);
    expect((await list(me, campaign.id)).json().data).toHaveLength(2);
    // A form of boxes only is answered by leaving them unticked too.
    const boxes = await createPageCampaign(t.app, me, { slug: 'boxes', page: samplePage({ form: { fields: [{ name: 'news', label: 'Send me news', type: 'checkbox' }] } }) });
    expect((await submitJson(boxes.short_code, { news: false })).statusCode).toBe(201);
  });

  it('HTML form posts: 303 to the thank-you page, or the page again with errors and the typed values escaped', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, me);
    const ok = await submitForm(campaign.short_code, new URLSearchParams({ name: 'Grace', email: 'grace@example.com', guests: '1', size: 'S', notes: '', consent: 'on', _website: '' }).toString());
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/p/${me.slug}/fair/thanks`);
    const thanks = await t.app.inject({ method: 'GET', url: ok.headers.location as string });
    expect(thanks.statusCode).toBe(200);
    // The heading says the answer was sent; the default message under it does not say it again.
    expect(thanks.body).toContain('Your answer has been sent</h1>');
    expect(thanks.body).toContain('<p role="status" class="prose">Thank you!</p>');
    expect(thanks.body).not.toMatch(/answer (was|has been) (sent|received)\./i);
    const stored = (await list(me, campaign.id)).json().data;
    expect(stored[0].data).toEqual({ name: 'Grace', email: 'grace@example.com', guests: 1, size: 'S', notes: null, consent: true });

    const bad = await submitForm(campaign.short_code, new URLSearchParams({ name: '<script>alert(1)</script>', email: '"><img src=x onerror=alert(1)>' }).toString());
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(bad.headers['content-security-policy']).toContain("default-src 'none'");
    expect(bad.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(bad.body).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(bad.body).toContain('<p class="field-error" id="f-email-error">Enter an email address, such as ada@example.com.</p>');
    expect(bad.body).toContain('<p class="field-error" id="f-consent-error">Tick this box to continue.</p>');
    // The page's own language (en) wins over the visitor's: the words match the owner's content.
    const german = await t.app.inject({
      method: 'POST',
      url: `/api/v1/forms/submit/${campaign.short_code}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'de' },
      payload: 'name=Ada',
    });
    expect(german.body).toContain('<p class="field-error" id="f-email-error">Fill in this field.</p>');
    expect(german.body).toContain('There are problems with 2 answers');
    expect(bad.body).not.toContain('<script>');
    expect((await list(me, campaign.id)).json().data).toHaveLength(1);
  });

  it('a script posting urlencoded data with Accept: application/json gets JSON answers, not pages', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, me);
    const post = (body: string, accept: string) =>
      t!.app.inject({
        method: 'POST',
        url: `/api/v1/forms/submit/${campaign.short_code}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
        payload: body,
        remoteAddress: '203.0.113.9',
      });
    const bad = await post('email=bad', 'application/json');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'body/email' })]));
    const ok = await post(new URLSearchParams({ name: 'Grace', email: 'grace@example.com', guests: '1', size: 'S', consent: 'on' }).toString(), 'application/json');
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ id: expect.stringMatching(/^sub_/) });
    // A browser (text/html first, */* last) still gets the page flow.
    const browser = await post(
      new URLSearchParams({ name: 'Ada', email: 'ada@example.com', guests: '2', size: 'M', consent: 'on' }).toString(),
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    );
    expect(browser.statusCode).toBe(303);
  });

  it("the page's own address takes its form: errors re-render there, success 303s to thanks; same rules and limits as the API's", async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, me);
    const pagePath = `/p/${me.slug}/fair`;
    const post = (body: string, path = pagePath, ip = '203.0.113.9') =>
      t!.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body, remoteAddress: ip });

    // The published page's form posts to the page itself.
    expect((await t.app.inject({ method: 'GET', url: pagePath })).body).toContain(`<form method="post" action="${pagePath}"`);
    const bad = await post(new URLSearchParams({ name: 'Ada' }).toString());
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(bad.body).toContain('<p class="field-error" id="f-email-error">Fill in this field.</p>');
    expect(bad.body).toContain(`action="${pagePath}"`);
    const ok = await post(new URLSearchParams({ name: 'Ada Lovelace', email: 'ada@example.com', consent: 'on' }).toString());
    expect(ok.statusCode, ok.body).toBe(303);
    expect(ok.headers.location).toBe(`${pagePath}/thanks`);
    // JSON here answers as the API does.
    const json = await t.app.inject({ method: 'POST', url: pagePath, payload: valid, remoteAddress: '203.0.113.9' });
    expect(json.statusCode).toBe(201);
    expect((await list(me, campaign.id)).json().data).toHaveLength(2);

    // No published page at an address: the form-failure page, not a JSON error.
    const unknown = await post('name=Ada', `/p/${me.slug}/nowhere`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await post('name=Ada', `/p/${me.slug}/${'x'.repeat(65)}`)).statusCode).toBe(404);
    // One limit for the form, whichever address the answers come to.
    // Two valid answers came to the page so far (the refused one is not counted).
    for (let i = 0; i < FORM_RATE_LIMIT.limit - 2; i++) expect((await submitJson(campaign.short_code, valid, '203.0.113.9')).statusCode).toBe(201);
    const limited = await post(new URLSearchParams({ name: 'Ada Lovelace', email: 'ada@example.com', consent: 'on' }).toString());
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('a filled honeypot gets the same success but nothing is stored', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, me);
    const json = await submitJson(campaign.short_code, { ...valid, _website: 'http://spam.example' });
    expect(json.statusCode).toBe(201);
    expect(json.json().id).toMatch(/^sub_/);
    const html = await submitForm(campaign.short_code, new URLSearchParams({ name: 'Bot', _website: 'http://spam.example' }).toString());
    expect(html.statusCode).toBe(303);
    expect((await list(me, campaign.id)).json().data).toEqual([]);
  });

  it(`rate limits each address to ${FORM_RATE_LIMIT.limit} submissions a minute per form (429 + Retry-After), then recovers`, async () => {
    t = await createTestApp(dialect);
    t.clock.set('2026-03-01T12:00:15.000Z');
    const me = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, me);
    for (let i = 0; i < FORM_RATE_LIMIT.limit; i++) expect((await submitJson(campaign.short_code, valid)).statusCode).toBe(201);
    const refused = await submitJson(campaign.short_code, valid);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('rate_limited');
    expect(refused.headers['retry-after']).toBe('45');
    const refusedHtml = await submitForm(campaign.short_code, new URLSearchParams({ name: 'Ada Lovelace', email: 'ada@example.com', consent: 'on' }).toString());
    expect(refusedHtml.statusCode).toBe(429);
    expect(refusedHtml.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(refusedHtml.headers['retry-after']).toBeDefined();
    expect((await submitJson(campaign.short_code, valid, '198.51.100.1')).statusCode).toBe(201);
    t.clock.advance(45_000);
    expect((await submitJson(campaign.short_code, valid)).statusCode).toBe(201);
    expect((await list(me, campaign.id, '?limit=100')).json().data).toHaveLength(FORM_RATE_LIMIT.limit + 2);
  });

  it('counts every address of one IPv6 /64 as one sender: a subscriber cannot rotate addresses past the limit', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, me);
    for (let i = 0; i < FORM_RATE_LIMIT.limit; i++) expect((await submitJson(campaign.short_code, valid, `2001:db8:1:2::${(i + 1).toString(16)}`)).statusCode).toBe(201);
    const rotated = await submitJson(campaign.short_code, valid, '2001:db8:1:2:ffff:ffff:ffff:ffff');
    expect(rotated.statusCode).toBe(429);
    expect(rotated.json().code).toBe('rate_limited');
    expect((await submitJson(campaign.short_code, valid, '2001:db8:1:3::1')).statusCode).toBe(201);
    expect((await list(me, campaign.id, '?limit=100')).json().data).toHaveLength(FORM_RATE_LIMIT.limit + 1);
  });

  it('does not count invalid submissions: a visitor correcting mistakes is never limited', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, me);
    for (let i = 0; i < FORM_RATE_LIMIT.limit * 2; i++) expect((await submitJson(campaign.short_code, { ...valid, email: 'not an address' })).statusCode).toBe(400);
    for (let i = 0; i < FORM_RATE_LIMIT.limit; i++) expect((await submitJson(campaign.short_code, valid)).statusCode).toBe(201);
    expect((await submitJson(campaign.short_code, valid)).statusCode).toBe(429);
    // Over the limit, an invalid one still gets its field errors: nothing was counted or stored.
    expect((await submitJson(campaign.short_code, { ...valid, email: 'not an address' })).statusCode).toBe(400);
    expect((await list(me, campaign.id, '?limit=100')).json().data).toHaveLength(FORM_RATE_LIMIT.limit);
  });

  it('refuses bodies over 32 KiB with 413', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, me);
    const big = await submitJson(campaign.short_code, { ...valid, notes: 'x'.repeat(33 * 1024) });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload_too_large');
    const bigForm = await submitForm(campaign.short_code, `notes=${'x'.repeat(33 * 1024)}`);
    expect(bigForm.statusCode).toBe(413);
  });

  it('404 for unknown, unpublished, form-less and archived codes', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    expect((await submitJson('nope123', valid)).statusCode).toBe(404);
    const draft = await createPageCampaign(t.app, me, { slug: 'draft', page: samplePage({ published: false }) });
    expect((await submitJson(draft.short_code, valid)).statusCode).toBe(404);
    const formless = await createPageCampaign(t.app, me, { slug: 'formless', page: samplePage({ form: null }) });
    expect((await submitJson(formless.short_code, valid)).statusCode).toBe(404);
    const live = await createPageCampaign(t.app, me, { slug: 'live' });
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${live.id}`, headers: authHeaders(me.apiKey) });
    expect((await submitJson(live.short_code, valid)).statusCode).toBe(404);
    const html = await submitForm(live.short_code, 'name=x');
    expect(html.statusCode).toBe(404);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it("another account cannot read a campaign's submissions (404), and anonymous callers get 401", async () => {
    t = await createTestApp(dialect);
    const owner = await signUp(t.app);
    const other = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, owner);
    await submitJson(campaign.short_code, valid);
    expect((await list(other, campaign.id)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/forms/campaign/${campaign.id}/export.csv`, headers: authHeaders(other.apiKey) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/forms/campaign/${campaign.id}` })).statusCode).toBe(401);
    expect((await list(owner, campaign.id)).json().data).toHaveLength(1);
  });

  it('exports CSV with one column per field, RFC 4180 quoting and formula injection neutralised', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, me);
    await submitJson(campaign.short_code, { ...valid, name: '=HYPERLINK("http://evil.example","click")', notes: 'line 1\nline "2", more' });
    t.clock.advance(1000);
    await submitJson(campaign.short_code, { ...valid, name: '@SUM(A1)', notes: '-2+3', guests: 0 }, '198.51.100.2');
    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/forms/campaign/${campaign.id}/export.csv`, headers: authHeaders(me.apiKey) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="submissions-${campaign.short_code}.csv"`);
    expect(csv.body).toBe(
      'name,email,guests,size,notes,consent,created_at\r\n' +
        `"'@SUM(A1)",ada@example.com,0,M,"'-2+3",true,2026-03-01T12:00:01.000Z\r\n` +
        `"'=HYPERLINK(""http://evil.example"",""click"")",ada@example.com,2,M,"line 1\nline ""2"", more",true,2026-03-01T12:00:00.000Z\r\n`,
    );
  });

  it('keeps answers to questions the form no longer asks: they follow the current fields in the export', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const campaign = await createPageCampaign(t.app, me);
    await submitJson(campaign.short_code, valid);
    const exported = async () => (await t!.app.inject({ method: 'GET', url: `/api/v1/forms/campaign/${campaign.id}/export.csv`, headers: authHeaders(me.apiKey) })).body;
    // The whole form taken off the page: every answer stays in the export.
    const withoutForm = samplePage();
    delete (withoutForm as { form?: unknown }).form;
    const put = await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}`, headers: authHeaders(me.apiKey), payload: { hosted_page: withoutForm } });
    expect(put.statusCode, put.body).toBe(200);
    expect(await exported()).toBe('name,email,guests,size,notes,consent,created_at\r\nAda Lovelace,ada@example.com,2,M,Vegetarian,true,2026-03-01T12:00:00.000Z\r\n');
  });
});
