// Every public page in Debian's Chromium, as strangers see them: at 320, 390 and 1280 px (and
// dark mode), axe-core finds nothing, nothing scrolls sideways, no raw ISO time or internal name
// shows, the CSP holds (no violation reported), and the same pages work with JavaScript off.
// With it on, copy buttons copy and times are rewritten in the visitor's own zone.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { CHROMIUM, chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { smallTouchTargets, startLiveApp } from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { type PublicPageCase, SHARED_TEXT, routeUnavailablePage, seedPublicPages, startImageHost } from '../helpers/public-pages.ts';

const available = chromiumAvailable;
if (!available) {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium) so the browser tests run.`);
  process.stderr.write(`\n⚠️  NOTICE: ${CHROMIUM} not found — the public page browser tests are SKIPPED.\n\n`);
}
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [320, 390, 1280];
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const INTERNAL = /\b(ACTIVE|BOUND|FINALIZED|ARCHIVAL|HMAC|magic|nonce|undefined|null|NaN)\b/;

interface AxeResult {
  violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
}

async function axe(page: Page): Promise<string[]> {
  // Injected through the DevTools protocol's isolated evaluation, which the page's CSP does not govern.
  await page.evaluate(AXE);
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({ resultTypes: ['violations'] }))) as AxeResult;
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The error summary links whose message sits in a column beside its label instead of wrapping under it. */
function summaryColumns(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.alert li > a')).flatMap((link) => {
      const message = Array.from(link.querySelectorAll('span')).at(-1);
      if (!message) return [];
      const left = link.getBoundingClientRect().left;
      const lineHeight = Number.parseFloat(getComputedStyle(message).lineHeight);
      const lines = Array.from(message.getClientRects());
      // Wrapped as running text: a box per line, each after the first starting at the link's left edge.
      const columned = lines.length === 1 ? lines[0]!.height > lineHeight * 1.5 : lines.slice(1).some((line) => Math.abs(line.left - left) > 1);
      return columned ? [(link.textContent ?? '').trim().slice(0, 60)] : [];
    }),
  );
}

describeDialects('public pages in Chromium', (dialect) => {
  let browser: Browser | undefined;
  let t: TestApp | undefined;
  let images: Awaited<ReturnType<typeof startImageHost>> | undefined;
  let cases: PublicPageCase[] = [];
  let base = '';

  beforeAll(async () => {
    if (!available) return;
    browser = await launchChromium();
    images = await startImageHost();
    const live = await startLiveApp(dialect, {}, routeUnavailablePage);
    t = live;
    base = live.base;
    cases = await seedPublicPages(t, base, images.base);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await images?.close();
  });

  async function context(c: PublicPageCase, options: { javaScript?: boolean; timezoneId?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserContext> {
    const ctx = await browser!.newContext({
      javaScriptEnabled: options.javaScript ?? true,
      colorScheme: options.colorScheme ?? 'light',
      locale: c.language ? c.language.split(',')[0]!.trim() : 'en-GB',
      timezoneId: options.timezoneId ?? 'Europe/Berlin',
      extraHTTPHeaders: c.language ? { 'accept-language': c.language } : {},
    });
    // The browser's clock is the server's (a fixed test clock), so relative times agree.
    await ctx.clock.setFixedTime(t!.clock.now());
    return ctx;
  }

  it.skipIf(!available)(
    'every page: axe-clean at 320, 390 and 1280 px and in dark mode, no sideways scroll, plain words, strict CSP',
    async () => {
      expect(cases.length).toBeGreaterThanOrEqual(20);
      const problems: string[] = [];
      for (const c of cases) {
        const ctx = await context(c);
        const page = await ctx.newPage();
        const cspReports: string[] = [];
        page.on('console', (message) => {
          if (/Content.Security.Policy|Refused to/i.test(message.text())) cspReports.push(message.text());
        });
        const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.url().startsWith(base));
        const status = await c.visit(page);
        expect(status, c.name).toBe(c.status);
        const headers = (await response).headers();
        const csp = headers['content-security-policy'] ?? '';
        expect(csp, c.name).toContain("default-src 'none'");
        expect(csp, c.name).toContain("frame-ancestors 'none'");
        expect(csp, c.name).not.toContain('unsafe-inline');
        expect(csp, c.name).not.toMatch(/script-src (?!'nonce-[A-Za-z0-9+/=]+'(;|$))/);
        expect(headers['x-content-type-options'], c.name).toBe('nosniff');
        await page.evaluate(() => document.fonts.ready);
        // The self-hosted Inter is what the page is set in.
        expect(await page.evaluate(() => document.fonts.check('16px "Inter Variable"')), c.name).toBe(true);
        expect(await page.locator('h1').count(), c.name).toBe(1);
        // A visitor asking for another language gets the page in it.
        if (c.language) expect(await page.locator('html').getAttribute('lang'), c.name).toBe(c.language.slice(0, 2));

        for (const [width, scheme] of [...WIDTHS.map((w) => [w, 'light'] as const), [390, 'dark'] as const]) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width, height: 800 });
          const where = `${c.name} @${width} ${scheme}`;
          const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (sideways > 0) problems.push(`${where}: scrolls sideways by ${sideways}px`);
          for (const violation of await axe(page)) problems.push(`${where}: ${violation}`);
          // A phone is where these pages are opened (from a scan): every control a thumb can hit (UI.md).
          if (width === 390 && scheme === 'light') for (const small of await smallTouchTargets(page)) problems.push(`${where}: touch target under 44 px: ${small}`);
          // An error summary's link reads as one sentence ("Your name: Enter your name"): a message
          // too long for the line wraps back under the label, not into a column beside it.
          for (const columned of await summaryColumns(page)) problems.push(`${where}: error summary link laid out in columns: ${columned}`);
        }
        const text = await page.evaluate(() => document.body.innerText);
        if (ISO_TIME.test(text)) problems.push(`${c.name}: raw ISO time in "${ISO_TIME.exec(text)![0]}"`);
        if (INTERNAL.test(text)) problems.push(`${c.name}: internal word "${INTERNAL.exec(text)![0]}"`);
        if (c.time) expect(await page.locator('time[data-time]').count(), c.name).toBeGreaterThan(0);
        expect(cspReports, c.name).toEqual([]);
        await ctx.close();
      }
      expect(problems).toEqual([]);
    },
    240_000,
  );

  it.skipIf(!available)(
    'every page renders and works with JavaScript off: same status and heading, times in UTC, no copy button',
    async () => {
      for (const c of cases) {
        const ctx = await context(c, { javaScript: false });
        const page = await ctx.newPage();
        // Visits that post forms are plain HTML forms: they work without script too.
        expect(await c.visit(page), c.name).toBe(c.status);
        await expect.poll(() => page.locator('h1').isVisible(), { timeout: 2000 }).toBe(true);
        expect(await page.locator('button[data-copy]:visible').count(), c.name).toBe(0);
        if (c.time) expect(await page.locator('[data-exact]').first().textContent(), c.name).toMatch(/UTC$/);
        const text = await page.evaluate(() => document.body.innerText);
        expect(text, c.name).not.toMatch(ISO_TIME);
        await ctx.close();
      }
    },
    120_000,
  );

  it.skipIf(!available)(
    "copy buttons copy the shared text and the receipt; times are rewritten in the visitor's zone",
    async () => {
      const c = cases.find((x) => x.name === 'item-revealed')!;
      // A fresh item: the case's own one was spent by the checks above.
      const created = await t!.app.inject({ method: 'POST', url: '/api/v0/items', payload: { content: SHARED_TEXT, ttlHours: 26, viewLimit: 2 } });
      const ctx = await context(c, { timezoneId: 'America/New_York' });
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      const page = await ctx.newPage();
      await page.goto(`${base}${new URL(created.json().publicUrl).pathname}`);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show the content' }).click()]);
      const copy = page.locator('button[data-copy="content"]');
      await expect.poll(() => copy.isVisible()).toBe(true);
      await copy.click();
      await expect.poll(() => copy.textContent()).toBe('Copied');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(SHARED_TEXT);
      expect(await page.locator('[data-copy-status]').first().textContent()).toBe('Copied');
      // The receipt, inside its disclosure.
      await page.getByText('Check the content was not changed').click();
      await page.locator('button[data-copy="receipt"]').click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^[0-9a-f]{64}$/);
      // The exact time in New York's zone and the visitor's English (en-GB), not UTC.
      const exact = await page.locator('[data-exact]').first().textContent();
      expect(exact).toMatch(/ (EST|GMT-5)$/);
      expect(exact).toBe(
        new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: 'America/New_York' }).format(
          t!.clock.now() + 26 * 3_600_000,
        ),
      );
      expect(await page.locator('[data-relative]').first().textContent()).toBe('tomorrow');
      await ctx.close();
    },
    60_000,
  );

  it.skipIf(!available)(
    'a countdown says the link has expired once its moment passes, without a reload',
    async () => {
      const created = await t!.app.inject({ method: 'POST', url: '/api/v0/items', payload: { content: 'x', ttlHours: 0.01 } });
      const ctx = await browser!.newContext({ locale: 'en-GB' });
      await ctx.clock.install({ time: t!.clock.now() });
      const page = await ctx.newPage();
      await page.goto(`${base}${new URL(created.json().publicUrl).pathname}`);
      const fact = page.locator('[data-ended-text]');
      expect(await fact.textContent()).toMatch(/^Expires in 3\d seconds/);
      await ctx.clock.runFor(40_000);
      await expect.poll(() => page.getByText('This link has just expired.').isVisible()).toBe(true);
      await ctx.close();
    },
    60_000,
  );

  it.skipIf(!available)(
    "days are counted by the visitor's calendar: opened at 23:00, a link that ends 26 hours later ends in 2 days, not tomorrow",
    async () => {
      const created = await t!.app.inject({ method: 'POST', url: '/api/v0/items', payload: { content: 'x', ttlHours: 26 } });
      // A zone where the test clock reads 23:00 (Etc/GMT-N is N hours east of UTC).
      const east = ((23 - new Date(t!.clock.now()).getUTCHours() + 36) % 24) - 12;
      const ctx = await browser!.newContext({ locale: 'en-GB', timezoneId: `Etc/GMT${east > 0 ? '-' : '+'}${Math.abs(east)}` });
      await ctx.clock.setFixedTime(t!.clock.now());
      const page = await ctx.newPage();
      await page.goto(`${base}${new URL(created.json().publicUrl).pathname}`);
      expect(await page.evaluate(() => new Date().getHours())).toBe(23);
      await expect.poll(() => page.locator('[data-relative]').first().textContent()).toBe('in 2 days');
      await ctx.close();
    },
    60_000,
  );
});
