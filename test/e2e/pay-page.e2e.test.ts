// The hosted pay page in Debian's Chromium: every scheme and state axe-clean at 320, 390 and
// 1280 px (and dark), no sideways scroll, strict CSP with no violation, the Swiss cross drawn, the
// code readable by zxing from the screen, copy buttons, the UPI deep link, and the status turning
// to "Paid" without a reload once the merchant marks the payment paid. With
// WRITE_SCREENSHOTS=1 it also writes docs/screenshots/payments/*.png.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { authHeaders, signUp, TEST_ORIGIN, type TestAccount } from '../helpers/accounts.ts';
import type { TestApp } from '../helpers/app.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { startLiveApp } from '../helpers/dashboard-browser.ts';
import { zxingDecode } from '../helpers/decode-qr.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { INIT, initPayment, putProfile, testKey } from '../helpers/payments.ts';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = process.env.WRITE_SCREENSHOTS === '1' ? path.resolve('docs/screenshots/payments') : null;

async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({ resultTypes: ['violations'] }))) as {
    violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
  };
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describeDialects('pay page in Chromium', (dialect) => {
  let browser: Browser | undefined;
  let t: TestApp | undefined;
  let account: TestAccount;
  let base = '';
  const pages: Array<{ name: string; id: string; language?: string }> = [];

  beforeAll(async () => {
    if (!chromiumAvailable) return;
    browser = await launchChromium();
    // Pages use relative URLs, so the app's public URL (the helpers' same-origin checks use it) may differ from where the browser reaches it.
    const live = await startLiveApp(dialect, { env: { TESSERA_PUBLIC_URL: TEST_ORIGIN } });
    t = live;
    base = live.base;
    account = await signUp(t.app, { name: 'Lumen Events' });
    await t.app.inject({ method: 'PATCH', url: '/api/v1/account/branding', headers: authHeaders(account.apiKey), payload: { name: 'Lumen Events' } });
    await putProfile(t.app, account);
    const id = async (key: string, body: Record<string, unknown>) => (await initPayment(t!.app, key, body)).json().data.id as string;
    pages.push({ name: 'sepa', id: await id(account.apiKey, { ...INIT.sepa, expires_in: 7200 }) });
    pages.push({ name: 'swiss-qr', id: await id(account.apiKey, INIT.swiss_qr), language: 'de-CH,de;q=0.9' });
    pages.push({ name: 'pix', id: await id(account.apiKey, INIT.pix) });
    pages.push({ name: 'upi', id: await id(account.apiKey, INIT.upi) });
    pages.push({ name: 'test-mode', id: await id(await testKey(t.app, account), { ...INIT.sepa, reference: 'test-1' }) });
    const paid = await id(account.apiKey, { ...INIT.sepa, reference: 'paid-1' });
    await t.app.inject({ method: 'POST', url: `/api/v1/payments/${paid}/mark-paid`, headers: authHeaders(account.apiKey), payload: { note: 'cash' } });
    pages.push({ name: 'paid', id: paid });
    const canceled = await id(account.apiKey, { ...INIT.upi, reference: 'canceled-1' });
    await t.app.inject({ method: 'POST', url: `/api/v1/payments/${canceled}/cancel`, headers: authHeaders(account.apiKey) });
    pages.push({ name: 'canceled', id: canceled });
    pages.push({ name: 'expired', id: await id(account.apiKey, { ...INIT.pix, reference: 'expired-1', expires_in: 60 }) });
    t.clock.advance(61_000);
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.skipIf(!chromiumAvailable)(
    'every scheme and state: axe-clean at 320, 390, 1280 px and dark, no sideways scroll, strict CSP, plain words',
    async () => {
      const problems: string[] = [];
      for (const p of pages) {
        const ctx = await browser!.newContext({ locale: p.language?.split(',')[0] ?? 'en-GB', extraHTTPHeaders: p.language ? { 'accept-language': p.language } : {}, timezoneId: 'Europe/Zurich' });
        await ctx.clock.setFixedTime(t!.clock.now());
        const page = await ctx.newPage();
        const csp: string[] = [];
        page.on('console', (m) => {
          if (/Content.Security.Policy|Refused to/i.test(m.text())) csp.push(m.text());
        });
        const response = await page.goto(`${base}/pay/${p.id}`);
        expect(response!.status(), p.name).toBe(200);
        const policy = response!.headers()['content-security-policy']!;
        expect(policy).toContain("default-src 'none'");
        expect(policy).not.toContain('unsafe-inline');
        await page.evaluate(() => document.fonts.ready);
        await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
        expect(await page.locator('h1').count()).toBe(1);
        for (const [width, scheme] of [
          [320, 'light'],
          [390, 'light'],
          [1280, 'light'],
          [390, 'dark'],
        ] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width, height: 900 });
          const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (sideways > 0) problems.push(`${p.name} @${width}: scrolls sideways by ${sideways}px`);
          for (const v of await axe(page)) problems.push(`${p.name} @${width} ${scheme}: ${v}`);
          if (SHOTS && width !== 320) await page.screenshot({ path: path.join(SHOTS, `pay-${p.name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`), fullPage: true });
        }
        const text = await page.evaluate(() => document.body.innerText);
        if (/\b(null|undefined|NaN|pending|succeeded|swiss_qr)\b/.test(text)) problems.push(`${p.name}: internal word in "${text.slice(0, 200)}"`);
        expect(csp, p.name).toEqual([]);
        await ctx.close();
      }
      expect(problems).toEqual([]);
    },
    240_000,
  );

  it.skipIf(!chromiumAvailable)(
    'shows the amount as the currency is written, the code scans from the screen, copy and deep link work',
    async () => {
      const ctx = await browser!.newContext({ locale: 'de-CH', extraHTTPHeaders: { 'accept-language': 'de-CH' } });
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      const page = await ctx.newPage();
      await page.setViewportSize({ width: 390, height: 900 });
      const swiss = pages.find((p) => p.name === 'swiss-qr')!;
      await page.goto(`${base}/pay/${swiss.id}`);
      await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0));
      expect(await page.locator('.pay-amount').textContent()).toBe(new Intl.NumberFormat('de-CH', { style: 'currency', currency: 'CHF' }).format(1949.75));
      const payment = (await t!.app.inject({ method: 'GET', url: `/api/v1/payments/${swiss.id}`, headers: authHeaders(account.apiKey) })).json().data;
      // The code as the payer's phone sees it on this screen, Swiss cross included.
      const shot = await page.locator('img.pay-code').screenshot();
      const { data, info } = await sharp(shot).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      expect((await zxingDecode({ data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height }))[0]).toBe(payment.qr_payload);
      await page.locator('button[data-copy="pay-reference"]').click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(payment.creditor_reference.display);

      const upi = pages.find((p) => p.name === 'upi')!;
      await page.goto(`${base}/pay/${upi.id}`);
      const upiPayment = (await t!.app.inject({ method: 'GET', url: `/api/v1/payments/${upi.id}`, headers: authHeaders(account.apiKey) })).json().data;
      expect(await page.getByRole('link', { name: 'In einer UPI-App öffnen' }).getAttribute('href')).toBe(upiPayment.qr_payload);
      expect(await page.locator('.pay-amount').textContent()).toBe(new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' }).format(499));

      const pix = pages.find((p) => p.name === 'pix')!;
      await page.goto(`${base}/pay/${pix.id}`);
      await page.locator('button[data-copy="pay-pix"]').click();
      const pixPayment = (await t!.app.inject({ method: 'GET', url: `/api/v1/payments/${pix.id}`, headers: authHeaders(account.apiKey) })).json().data;
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(pixPayment.qr_payload);
      await ctx.close();
    },
    60_000,
  );

  it.skipIf(!chromiumAvailable)(
    'works with JavaScript off: the same status, code and details, no copy buttons',
    async () => {
      const ctx = await browser!.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
      const page = await ctx.newPage();
      for (const p of pages) {
        const response = await page.goto(`${base}/pay/${p.id}`);
        expect(response!.status(), p.name).toBe(200);
        expect(await page.locator('h1').isVisible(), p.name).toBe(true);
        expect(await page.locator('button[data-copy]:visible').count(), p.name).toBe(0);
        expect(await page.locator('[role="status"] .pay-status:visible').count(), p.name).toBe(1);
        const pending = ['sepa', 'swiss-qr', 'pix', 'upi', 'test-mode'].includes(p.name);
        expect(await page.locator('img.pay-code').isVisible(), p.name).toBe(pending);
        if (pending) expect(await page.locator('[data-exact]').first().textContent(), p.name).toMatch(/UTC$/);
      }
      await ctx.close();
    },
    60_000,
  );

  it.skipIf(!chromiumAvailable)(
    'turns to "Paid" without a reload when the payment is settled',
    async () => {
      const id = (await initPayment(t!.app, account.apiKey, { ...INIT.sepa, reference: 'live-1' })).json().data.id;
      const ctx = await browser!.newContext({ locale: 'en-GB' });
      await ctx.clock.install({ time: t!.clock.now() });
      const page = await ctx.newPage();
      await page.goto(`${base}/pay/${id}`);
      expect(await page.getByText('Paid. Thank you!').isVisible()).toBe(false);
      expect(await page.locator('img.pay-code').isVisible()).toBe(true);
      await t!.app.inject({ method: 'POST', url: `/api/v1/payments/${id}/mark-paid`, headers: authHeaders(account.apiKey), payload: { note: 'seen in the bank app' } });
      await ctx.clock.runFor(5000);
      await expect.poll(() => page.getByText('Paid. Thank you!').isVisible()).toBe(true);
      expect(await page.locator('img.pay-code').isVisible()).toBe(false);
      await ctx.close();
    },
    60_000,
  );
});
