import { createHash } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createPageCampaign, samplePage } from '../helpers/pages.ts';

const XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];

describeDialects('hosted pages', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('campaign responses carry hosted_page and hosted_page_url; GET and list include them', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const created = await createPageCampaign(t.app, me);
    expect(created.hosted_page).toMatchObject({ title: 'Spring fair', published: true, language: 'en', form: { submit_label: 'Register' } });
    expect(created.hosted_page.form.fields[0]).toMatchObject({ name: 'name', required: true, max_length: 80 });
    expect(created.hosted_page_url).toBe(`http://tessera.test/p/${me.slug}/fair`);
    const fetched = (await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${created.id}`, headers: authHeaders(me.apiKey) })).json();
    expect(fetched.hosted_page).toEqual(created.hosted_page);
    const plain = (await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(me.apiKey), payload: { name: 'Plain', destination: 'https://example.com/' } })).json();
    expect(plain).toMatchObject({ hosted_page: null, hosted_page_url: null });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: authHeaders(me.apiKey) })).json();
    const byId = Object.fromEntries(list.data.map((c: { id: string }) => [c.id, c]));
    expect(byId[created.id].hosted_page.title).toBe('Spring fair');
    expect(byId[plain.id].hosted_page).toBeNull();
  });

  it('validates the page on save with field-level errors, and writes nothing when invalid', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const bad = samplePage({
      form: {
        fields: [
          { name: 'a', label: 'A' },
          { name: 'b', label: 'B' },
          { name: 'c', label: 'C', type: 'colour' },
        ],
      },
      blocks: [{ type: 'link', text: 'x', url: 'javascript:alert(1)' }],
    });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeaders(me.apiKey),
      payload: { name: 'Bad', slug: 'bad', destination: 'https://example.com/', hosted_page: bad },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'body/hosted_page/form/fields/2/type', message: expect.stringContaining('must be one of') },
        { field: 'body/hosted_page/blocks/0/url', message: 'must be an http:// or https:// URL' },
      ]),
    );
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: authHeaders(me.apiKey) })).json();
    expect(list.data).toHaveLength(0);
    const notObject = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeaders(me.apiKey),
      payload: { name: 'Bad', destination: 'https://example.com/', hosted_page: 'hello' },
    });
    expect(notObject.statusCode).toBe(400);
    expect(notObject.json().errors[0].field).toBe('body/hosted_page');
  });

  it('stores every page URL normalised, as destinations are: a client drawing the page from resolve gets no raw markup', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const page = samplePage({
      blocks: [
        { type: 'button', text: 'Quote', url: 'https://example.com/"><script>' },
        { type: 'link', text: 'Shout', url: 'HTTPS://EXAMPLE.COM/Path' },
        { type: 'image', url: 'https:cdn.example.com/poster.png', alt: 'Poster' },
      ],
      theme: { background_color: '#ffffff', text_color: '#111111', accent_color: '#7c3aed', logo_url: 'https://CDN.example.com/logo.png' },
    });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeaders(me.apiKey),
      payload: { name: 'Fair', slug: 'fair', destination: 'https://example.com/', hosted_page: page },
    });
    expect(created.statusCode).toBe(201);
    const resolved = (await t.app.inject({ method: 'GET', url: `/api/v1/resolve/${me.slug}/fair` })).json();
    expect(resolved.blocks.map((b: { url: string }) => b.url)).toEqual(['https://example.com/%22%3E%3Cscript%3E', 'https://example.com/Path', 'https://cdn.example.com/poster.png']);
    expect(resolved.theme.logo_url).toBe('https://cdn.example.com/logo.png');
    expect(created.json().hosted_page.blocks[0].url).toBe('https://example.com/%22%3E%3Cscript%3E');
    const branded = await t.app.inject({ method: 'PATCH', url: '/api/v1/account/branding', headers: authHeaders(me.apiKey), payload: { logo_url: 'HTTPS://CDN.Example.com/a b'.replace(' ', '%20') } });
    expect(branded.json().logo_url).toBe('https://cdn.example.com/a%20b');
  });

  it('publishing needs a slug; removing the slug of a published page is refused', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const noSlug = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeaders(me.apiKey),
      payload: { name: 'x', destination: 'https://example.com/', hosted_page: samplePage() },
    });
    expect(noSlug.statusCode).toBe(400);
    expect(noSlug.json().errors).toEqual([{ field: 'body/slug', message: 'is required to publish the hosted page' }]);
    const draft = await createPageCampaign(t.app, me, { slug: null, page: samplePage({ published: false }) });
    expect(draft.hosted_page).toMatchObject({ published: false });
    expect(draft.hosted_page_url).toBeNull();
    const published = await createPageCampaign(t.app, me, { slug: 'live' });
    const clear = await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${published.id}`, headers: authHeaders(me.apiKey), payload: { slug: null } });
    expect(clear.statusCode).toBe(400);
    expect(clear.json().errors[0].field).toBe('body/slug');
  });

  // Removing the slug was checked against the page before the transaction: a page published by
  // a request running at the same time went in, and the campaign kept a published page with no
  // address (on PostgreSQL both requests answered 200).
  it('removing the slug while another request publishes a page never leaves a published page without a slug', async () => {
    const app = (t = await createTestApp(dialect)).app;
    const me = await signUp(app);
    const put = (id: string, payload: Record<string, unknown>) => app.inject({ method: 'PUT', url: `/api/v1/campaigns/${id}`, headers: authHeaders(me.apiKey), payload });
    for (let i = 0; i < 6; i++) {
      const created = await app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(me.apiKey), payload: { name: 'x', slug: `race-${i}`, destination: 'https://example.com/' } });
      const id = created.json().id as string;
      const [clear, publish] = await Promise.all([put(id, { slug: null }), put(id, { hosted_page: samplePage() })]);
      const after = (await app.inject({ method: 'GET', url: `/api/v1/campaigns/${id}`, headers: authHeaders(me.apiKey) })).json();
      expect([clear.statusCode, publish.statusCode].sort()).toEqual([200, 400]);
      if (after.hosted_page?.published) expect(after.slug).toBe(`race-${i}`);
      else expect(after.slug).toBeNull();
    }
  });

  it('serves the published page as JSON and HTML; 404 when unknown, unpublished or archived', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const created = await createPageCampaign(t.app, me);
    const json = await t.app.inject({ method: 'GET', url: `/api/v1/resolve/${me.slug}/fair` });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({
      title: 'Spring fair',
      blocks: [{ type: 'heading', text: 'Welcome', level: 1 }, { type: 'paragraph' }, { type: 'image', alt: 'Fair poster' }, { type: 'button' }],
      page_url: `http://tessera.test/p/${me.slug}/fair`,
      submit_url: `http://tessera.test/api/v1/forms/submit/${created.short_code}`,
      short_code: created.short_code,
    });
    const page = await t.app.inject({ method: 'GET', url: `/p/${me.slug}/fair` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<h1>Spring fair</h1>');
    // The form posts back to the page's own address.
    expect(page.body).toContain(`action="/p/${me.slug}/fair"`);
    expect(page.body).toContain('<label for="f-email">Email <span class="req">(required)</span></label>');
    // The account's name heads the page; the footer says what made it.
    expect(page.body).toContain(`<span>${me.slug}</span>`);
    expect(page.body).toContain('Made with Tessera');

    expect((await t.app.inject({ method: 'GET', url: `/api/v1/resolve/${me.slug}/nope` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/resolve/someone-else/fair` })).statusCode).toBe(404);
    await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${created.id}`, headers: authHeaders(me.apiKey), payload: { hosted_page: samplePage({ published: false }) } });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/resolve/${me.slug}/fair` })).statusCode).toBe(404);
    const hidden = await t.app.inject({ method: 'GET', url: `/p/${me.slug}/fair`, headers: { accept: 'text/html' } });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toContain('This page is not available');
    // A script gets the problem, not the page meant for people.
    const script = await t.app.inject({ method: 'GET', url: `/p/${me.slug}/fair`, headers: { accept: 'application/json' } });
    expect(script.statusCode).toBe(404);
    expect(script.json()).toMatchObject({ code: 'not_found', detail: 'Page does not exist.' });
    // A mangled link past any slug's length is the same page, not a JSON validation error.
    for (const url of [`/p/${'x'.repeat(65)}/fair`, `/p/${me.slug}/${'y'.repeat(90)}`, `/p/${me.slug}/${'y'.repeat(90)}/thanks`]) {
      const long = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(long.statusCode, url).toBe(404);
      expect(long.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(long.body, url).toBe(hidden.body);
    }
    await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${created.id}`, headers: authHeaders(me.apiKey), payload: { hosted_page: samplePage() } });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/resolve/${me.slug}/fair` })).statusCode).toBe(200);
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${created.id}`, headers: authHeaders(me.apiKey) });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/resolve/${me.slug}/fair` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/p/${me.slug}/fair` })).statusCode).toBe(404);
  });

  it("previews the owner's page, published or not: a note, a form that sends nothing, never indexed; 404 to others", async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const stranger = await signUp(t.app);
    const created = await createPageCampaign(t.app, me, { page: samplePage({ published: false }) });
    const preview = (key: string, id = created.id, lang = 'en') =>
      t!.app.inject({ method: 'GET', url: `/api/v1/campaigns/${id}/page/preview`, headers: { ...authHeaders(key), 'accept-language': lang } });

    const page = await preview(me.apiKey);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(page.body).toContain('<h1>Spring fair</h1>');
    expect(page.body).toContain('this page is not published, so only you can see it');
    // The form is there to look at: no action to post to, its button disabled.
    const form = /<form[^>]*>/.exec(page.body)![0];
    expect(form).not.toMatch(/action=|method=/);
    expect(page.body).toMatch(/<button type="submit" class="wide" disabled>Register<\/button>/);
    // Unpublished, the public address still says not found.
    expect((await t.app.inject({ method: 'GET', url: `/p/${me.slug}/fair` })).statusCode).toBe(404);

    await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${created.id}`, headers: authHeaders(me.apiKey), payload: { hosted_page: samplePage({ language: 'de' }) } });
    const published = await preview(me.apiKey, created.id, 'de');
    expect(published.body).toContain('Vorschau der veröffentlichten Seite');

    expect((await preview(stranger.apiKey)).statusCode).toBe(404);
    const plain = (await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: authHeaders(me.apiKey), payload: { name: 'Plain', destination: 'https://example.com/' } })).json();
    const none = await preview(me.apiKey, plain.id);
    expect(none.statusCode).toBe(404);
    expect(none.headers['content-type']).toMatch(/problem\+json/);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${created.id}/page/preview` })).statusCode).toBe(401);
    // Archived, the page is shown to nobody, published or not: the note says so.
    await t.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${created.id}`, headers: authHeaders(me.apiKey) });
    expect((await preview(me.apiKey)).body).toContain('Die Kampagne dieser Seite ist archiviert');
  });

  it('a dynamic code can use its own hosted page as its destination', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const created = await createPageCampaign(t.app, me);
    const pointed = await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${created.id}`, headers: authHeaders(me.apiKey), payload: { destination: created.hosted_page_url } });
    expect(pointed.statusCode).toBe(200);
    expect(pointed.json().hosted_page_url).toBe(created.hosted_page_url);
    const scan = await t.app.inject({ method: 'GET', url: `/${created.short_code}` });
    expect(scan.statusCode).toBe(302);
    expect(scan.headers.location).toBe(created.hosted_page_url);
    const page = await t.app.inject({ method: 'GET', url: new URL(scan.headers.location as string).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Spring fair</h1>');
  });

  it('pages saved before the hero image and next link existed still render, with those fields empty', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const created = await createPageCampaign(t.app, me);
    const row = await t.app.ctx.db.selectFrom('hosted_pages').select('config').where('campaign_id', '=', created.id).executeTakeFirstOrThrow();
    const old = JSON.parse(row.config);
    delete old.theme.hero_image_url;
    delete old.theme.hero_image_alt;
    delete old.form.next_url;
    delete old.form.next_label;
    await t.app.ctx.db
      .updateTable('hosted_pages')
      .set({ config: JSON.stringify(old) })
      .where('campaign_id', '=', created.id)
      .execute();
    const json = (await t.app.inject({ method: 'GET', url: `/api/v1/resolve/${me.slug}/fair` })).json();
    expect(json.theme).toMatchObject({ hero_image_url: null, hero_image_alt: '' });
    expect(json.form).toMatchObject({ next_url: null, next_label: null });
    expect((await t.app.inject({ method: 'GET', url: `/p/${me.slug}/fair` })).statusCode).toBe(200);
    const thanks = await t.app.inject({ method: 'GET', url: `/p/${me.slug}/fair/thanks` });
    expect(thanks.body).toContain('Back to Spring fair');
  });

  it('PUT hosted_page: null removes the page', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    const created = await createPageCampaign(t.app, me);
    const removed = await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${created.id}`, headers: authHeaders(me.apiKey), payload: { hosted_page: null } });
    expect(removed.json()).toMatchObject({ hosted_page: null, hosted_page_url: null });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/resolve/${me.slug}/fair` })).statusCode).toBe(404);
  });

  it('sends a strict CSP on the HTML page whose style hash matches, with no script allowed', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    await createPageCampaign(t.app, me);
    const page = await t.app.inject({ method: 'GET', url: `/p/${me.slug}/fair` });
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    const css = /<style>([\s\S]*?)<\/style>/.exec(page.body)![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    expect(page.body).not.toContain('<script');
  });

  it('escapes XSS payloads in every text field in JSON-rendered HTML, and refuses script URLs', async () => {
    t = await createTestApp(dialect);
    const me = await signUp(t.app);
    for (const [i, payload] of XSS.entries()) {
      await createPageCampaign(t.app, me, {
        slug: `x${i}`,
        page: {
          title: payload,
          blocks: [
            { type: 'heading', text: payload },
            { type: 'paragraph', text: payload },
            { type: 'image', url: 'https://example.com/a.png', alt: payload },
            { type: 'link', text: payload, url: 'https://example.com/' },
            { type: 'button', text: payload, url: 'https://example.com/' },
          ],
          theme: { logo_url: 'https://example.com/logo.png', logo_alt: payload },
          form: {
            submit_label: payload,
            success_message: payload,
            fields: [
              { name: 'a', label: payload, help_text: payload, placeholder: payload },
              { name: 'b', label: payload, type: 'select', options: [payload] },
            ],
          },
          published: true,
        },
      });
      const page = await t.app.inject({ method: 'GET', url: `/p/${me.slug}/x${i}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('<script>');
      expect(page.body).not.toContain('<img src=x');
      const escaped = payload.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      // title, heading, paragraph, image alt, link, button, logo alt, submit label, label, help, placeholder, option value and text
      expect(page.body.split(escaped).length - 1).toBeGreaterThanOrEqual(14);
    }
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'JaVaScRiPt:alert(1)', 'vbscript:x']) {
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/v1/campaigns',
        headers: authHeaders(me.apiKey),
        payload: { name: 'x', slug: 'js', destination: 'https://example.com/', hosted_page: { title: 't', blocks: [{ type: 'button', text: 'b', url }], theme: { logo_url: url } } },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['body/hosted_page/blocks/0/url', 'body/hosted_page/theme/logo_url']);
    }
    const css = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeaders(me.apiKey),
      payload: { name: 'x', slug: 'css', destination: 'https://example.com/', hosted_page: { title: 't', theme: { background_color: 'red;}</style><script>alert(1)</script>' } } },
    });
    expect(css.json().errors).toEqual([{ field: 'body/hosted_page/theme/background_color', message: 'must be a colour such as #1a2b3c' }]);
  });
});
