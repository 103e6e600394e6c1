// The public page the QR code encodes: GET never spends a view; Reveal is an explicit POST.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createItemViaApi, resolveViaApi } from '../helpers/items.ts';

const form = (fields: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
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
      const res = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl), headers: { 'user-agent': agent } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).not.toContain('secret payload');
      expect(res.body).toContain('<form method="post"');
      expect(res.body).toContain(`action="${item.magic}/reveal"`);
      expect(res.body).toContain('BOUND');
    }
    const head = await t.app.inject({ method: 'HEAD', url: pagePath(item.publicUrl) });
    expect(head.statusCode).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl) });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-robots-tag']).toContain('noindex');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('script-src');
    // Still the one view left.
    expect((await resolveViaApi(t.app, item.magic)).json()).toMatchObject({ viewCount: 1, content: 'secret payload' });
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
    expect(res.body).toContain('View 1 of 2 spent');
    const last = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form() });
    expect(last.body).toContain('That was the last view');
    const after = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl) });
    expect(after.statusCode).toBe(410);
    expect(after.body).toContain('reached its view limit (2)');
    expect(after.body).not.toContain('<form');
  });

  it('protected items ask for the password; a wrong one spends nothing and asks again', async () => {
    const item = await createItemViaApi(t.app, { content: 'behind a password', password: 'open sesame', ttlHours: 1, viewLimit: 2 });
    const page = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl) });
    expect(page.body).toContain('type="password"');
    const missing = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form() });
    expect(missing.statusCode).toBe(401);
    expect(missing.body).toContain('Enter the password');
    const wrong = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form({ password: 'nope' }) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Wrong password. No view was spent.');
    expect(wrong.body).toContain('action="reveal"');
    expect(wrong.body).not.toContain('behind a password');
    const right = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form({ password: 'open sesame' }) });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('behind a password');
    expect(right.body).toContain('View 1 of 2 spent');
  });

  it('too many wrong passwords → 429 page with Retry-After', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', password: 'right', ttlHours: 1 });
    for (let i = 0; i < 10; i++) await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form({ password: `w${i}` }) });
    const res = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form({ password: 'right' }) });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('900');
    expect(res.body).toContain('Too many wrong passwords');
  });

  it('final states and unknown items show a clear, deterministic message', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
    t.clock.advance(3_600_000);
    const expired = await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl) });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This item expired at 2026-03-01T13:00:00.000Z and can no longer be revealed.');
    expect(expired.body).toContain('FINALIZED');
    const reveal = await t.app.inject({ method: 'POST', url: `${pagePath(item.publicUrl)}/reveal`, ...form() });
    expect(reveal.statusCode).toBe(410);
    expect(reveal.body).toContain('can no longer be revealed');
    for (const url of ['/i/AAAAAAAAAAAAAAAAAAAAAA', '/i/%3Cscript%3E', '/i/AAAAAAAAAAAAAAAAAAAAAA/reveal']) {
      const res = await t.app.inject({ method: url.endsWith('reveal') ? 'POST' : 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('Item not found');
      expect(res.body).not.toContain('<script>');
    }
  });

  it('a deleted item is not found on its page', async () => {
    const item = await createItemViaApi(t.app, { content: 'x', ttlHours: 1 });
    await t.app.inject({ method: 'DELETE', url: `/api/v0/items/${item.magic}`, headers: { 'x-delete-token': item.deleteToken } });
    expect((await t.app.inject({ method: 'GET', url: pagePath(item.publicUrl) })).statusCode).toBe(404);
  });
});
