// The public page the QR code encodes: GET never spends a view; Reveal is an explicit POST.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { createItemViaApi, resolveViaApi } from '../helpers/items.ts';

// A browser: pages for people answer it with HTML (anything else gets problem+json errors).
const BROWSER = { accept: 'text/html,application/xhtml+xml' };
const form = (fields: Record<string, string> = {}) => ({
  headers: { ...BROWSER, 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describeDialects('items public page', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  const pagePath = (publicUrl: unknown) => new URL(String(publicUrl)).pathname;

  it('GET shows state and a Reveal form, with strict headers, and spends no view however often it is fetched', async () => {
    const item = await createItemViaApi(t.app, { content: 'secret payload', ttlHours: 1, viewLimit: 1 });
    for (const agent of ['Slackbot-LinkExpanding 1.0', 'Mozilla/5.0 (compatible; Microsoft Outlook SafeLinks)', 'Mozilla/5.0']) {
      const res = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl), headers: { ...BROWSER, 'user-agent': agent } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).not.toContain('secret payload');
      expect(res.body).toContain('<form method="post"');
      expect(res.body).toContain(`action="${item.magic}/reveal"`);
      // States in plain words: a one-time link says so, and warns before it is spent.
      expect(res.body).toContain('This can be opened only once.');
      expect(res.body).toContain('Once you open it, nobody can open it again');
      expect(res.body).not.toContain('BOUND');
    }
    const head = await t.app.inject({ method: 'HEAD', url: pagePath(item.publicUrl), headers: BROWSER });
    expect(head.statusCode).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl), headers: BROWSER });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-robots-tag']).toContain('noindex');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    // The only script is the page script, by a nonce that changes with every response.
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)![1]!;
    expect(res.body).toMatch(new RegExp(`<script src="/static/page\\.[0-9a-f]{12}\\.js" nonce="${nonce.replace(/[+/]/g, '\\$&')}" defer></script>`));
    expect(csp).not.toContain('unsafe-inline');
    const again = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl), headers: BROWSER });
    expect(String(again.headers['content-security-policy'])).not.toContain(nonce);
    // Still the one view left.
    expect((await resolveViaApi(t.app, item.magic)).json()).toMatchObject({ viewCount: 1, content: 'secret payload' });
  });

  it("the seed's publicUrl shape, {host}/{magic}, answers 301 to the item's page and spends no view", async () => {
    const item = await createItemViaApi(t.app, { content: 'seed shaped', ttlHours: 1, viewLimit: 1 });
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await t.app.inject({ method, url: `/${item.magic}`, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(pagePath(item.publicUrl));
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await t.app.inject({ method: 'GET', url: `/${item.magic.slice(1)}` })).statusCode).toBe(404);
    expect((await resolveViaApi(t.app, item.magic)).json()).toMatchObject({ viewCount: 1, content: 'seed shaped' });
  });

  it("the reveal address opened again (history, a bookmark, a shared link) goes back to the item's page and spends no view", async () => {
    const item = await createItemViaApi(t.app, { content: 'once', ttlHours: 1, viewLimit: 1 });
    for (const headers of [BROWSER, { accept: 'application/json' }]) {
      const res = await t.app.inject({ method: 'GET', url: `${pagePath(item.publicUrl)}/reveal`, headers });
      expect(res.statusCode).toBe(303);
      expect(new URL(res.headers.location as string, `http://tessera.test${pagePath(item.publicUrl)}/reveal`).pathname).toBe(pagePath(item.publicUrl));
    }
    expect((await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl), headers: BROWSER })).statusCode).toBe(200);
    expect((await resolveViaApi(t.app, item.magic)).json()).toMatchObject({ viewCount: 1, content: 'once' });
  });

  it('Reveal spends one view and shows the content escaped', async () => {
    const content = `<script>alert("x")</script> & <img src=x onerror=alert(1)> 'quoted'`;
    const item = await createItemViaApi(t.app, { content, ttlHours: 1, viewLimit: 2 });
    const res = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt; &#39;quoted&#39;');
    expect(res.body).toContain('You can open this one more time.');
    // The receipt sits under a disclosure that explains it, without naming the algorithm.
    expect(res.body).toContain('<summary>Check the content was not changed</summary>');
    expect(res.body).not.toMatch(/HMAC|magic/);
    const last = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form() });
    expect(last.body).toContain('That was the last view: this link has now been used up.');
    const after = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl), headers: BROWSER });
    expect(after.statusCode).toBe(410);
    expect(after.body).toContain('This link has been used up');
    expect(after.body).toContain('It could be opened 2 times, and all of them have been used.');
    expect(after.body).not.toContain('<form');
  });

  it('protected items ask for the password; a wrong one spends nothing and asks again', async () => {
    const item = await createItemViaApi(t.app, { content: 'behind a password', password: 'open sesame', ttlHours: 1, viewLimit: 2 });
    const page = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl), headers: BROWSER });
    expect(page.body).toContain('type="password"');
    const missing = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form() });
    expect(missing.statusCode).toBe(401);
    expect(missing.body).toContain('Enter the password to open it. Nothing was used up.');
    const wrong = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form({ password: 'nope' }) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('That password is not right. Nothing was used up');
    expect(wrong.body).toContain('You can try 9 more times.');
    expect(wrong.body).toContain('action="reveal"');
    expect(wrong.body).not.toContain('behind a password');
    const right = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form({ password: 'open sesame' }) });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('behind a password');
    expect(right.body).toContain('You can open this one more time.');
  });

  it('counts down the wrong passwords a connection has left, and says when the last one was spent', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', password: 'right', ttlHours: 1 });
    const guess = (password: string) => t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form({ password }) });
    for (let i = 0; i < 8; i++) await guess(`w${i}`);
    const ninth = await guess('w8');
    expect(ninth.statusCode).toBe(401);
    expect(ninth.body).toContain('One more wrong password and it stops taking passwords from your connection for 15 minutes.');
    const tenth = await guess('w9');
    expect(tenth.statusCode).toBe(401);
    expect(tenth.body).toContain('that was the last try from your connection: try again in 15 minutes.');
    expect(tenth.body).not.toContain('so you can try again');
    expect((await guess('right')).statusCode).toBe(429);
  });

  it('too many wrong passwords → 429 page with Retry-After', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', password: 'right', ttlHours: 1 });
    for (let i = 0; i < 10; i++) await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form({ password: `w${i}` }) });
    const res = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form({ password: 'right' }) });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('900');
    expect(res.body).toContain('Too many wrong passwords');
    expect(res.body).toContain('Try again <time datetime="2026-03-01T12:15:00.000Z" data-time><span data-relative>in 15 minutes</span>');
  });

  it('final states and unknown items show a clear, deterministic message', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
    t.clock.advance(3_600_000);
    const expired = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl), headers: BROWSER });
    expect(expired.statusCode).toBe(410);
    // The time in words, then exactly, in UTC with the zone named; the ISO form only in the datetime attribute.
    expect(expired.body).toContain('This link has expired');
    expect(expired.body).toContain(
      'It stopped working <time datetime="2026-03-01T13:00:00.000Z" data-time><span data-relative>now</span> <span class="exact">(<span data-exact>Mar 1, 2026, 1:00 PM UTC</span>)</span></time>.',
    );
    expect(expired.body).not.toContain('FINALIZED');
    const reveal = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form() });
    expect(reveal.statusCode).toBe(410);
    expect(reveal.body).toContain('This link has expired');
    for (const url of ['/i/AAAAAAAAAAAAAAAAAAAAAA', '/i/%3Cscript%3E', '/i/AAAAAAAAAAAAAAAAAAAAAA/reveal']) {
      const res = await t.app.inject({ method: url.endsWith('reveal') ? 'POST' : 'GET', url, headers: BROWSER });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('This link doesn’t work');
      expect(res.body).not.toContain('<script>');
      // A script (no Accept: text/html) gets the problem instead, as the OpenAPI document says.
      const script = await t.app.inject({ method: url.endsWith('reveal') ? 'POST' : 'GET', url, headers: { accept: 'application/json' } });
      expect(script.statusCode, url).toBe(404);
      expect(script.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(script.json().code).toBe('not_found');
    }
    const finalForScript = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl) });
    expect(finalForScript.statusCode).toBe(410);
    expect(finalForScript.json()).toMatchObject({ code: 'gone', detail: expect.stringContaining('can no longer be viewed') });
    const revealForScript = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, headers: { 'content-type': 'application/json' }, payload: {} });
    expect(revealForScript.statusCode).toBe(410);
    expect(revealForScript.json().code).toMatch(/^item_(expired|exhausted)$/);
  });

  it('a deleted item is not found on its page: the same status and page as a link that never existed', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
    await t.app.inject({ method: 'DELETE', url: `/api/v0/items/${item.magic}`, headers: { 'x-delete-token': item.deleteToken } });
    const deleted = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl), headers: BROWSER });
    const never = await t.app.inject({ method: 'GET', url: '/i/AAAAAAAAAAAAAAAAAAAAAA', headers: BROWSER });
    expect(deleted.statusCode).toBe(404);
    expect(never.statusCode).toBe(404);
    expect(deleted.body).toBe(never.body);
    expect(deleted.headers['content-security-policy']).toBe(never.headers['content-security-policy']);
  });

  it("speaks the visitor's language (Accept-Language, q-values honoured) and wears the account's branding", async () => {
    const me = await signUp(t.app, { name: 'Lumen Events' });
    const created = await t.app.inject({ method: 'POST', url: '/api/v0/items', headers: authHeaders(me.apiKey), payload: { content: 'x', ttlHours: 2, viewLimit: 3 } });
    const path = pagePath(created.json().publicUrl);
    const german = await t.app.inject({ method: 'GET', url: path, headers: { ...BROWSER, 'accept-language': 'fr;q=0.4, de-AT;q=0.9, en;q=0.5' } });
    expect(german.headers.vary).toContain('Accept-Language');
    expect(german.body).toContain('<html lang="de">');
    expect(german.body).toContain('Jemand hat etwas mit Ihnen geteilt');
    expect(german.body).toContain('Sie können dies noch 3 Mal öffnen.');
    expect(german.body).toContain('<span data-relative>in 2 Stunden</span>');
    expect(german.body).toContain('Erstellt mit Tessera');
    expect(german.body).toContain('<span>Lumen Events</span>');
    const unsupported = await t.app.inject({ method: 'GET', url: path, headers: { ...BROWSER, 'accept-language': 'ja, *;q=0.5' } });
    expect(unsupported.body).toContain('<html lang="en">');
    // The account can hide the footer and show a logo instead of its name.
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account/branding',
      headers: authHeaders(me.apiKey),
      payload: { logo_url: 'https://cdn.example.com/lumen.png', logo_alt: 'Lumen', made_with_tessera: false },
    });
    const branded = await t.app.inject({ method: 'GET', url: path, headers: BROWSER });
    expect(branded.body).toContain('<header class="brand"><img src="https://cdn.example.com/lumen.png" alt="Lumen"></header>');
    expect(branded.body).not.toContain('Made with Tessera');
    expect(branded.headers['content-security-policy']).toContain("img-src 'self' https:");
    // An item created without a key belongs to nobody: no branding, the footer shown.
    const anonymous = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
    const plain = await t.app.inject({ method: 'GET', url: pagePath(anonymous.publicUrl), headers: BROWSER });
    expect(plain.body).not.toContain('class="brand"');
    expect(plain.body).toContain('Made with Tessera');
  });
});
