// Browser tests of the dashboard on top of browser.ts (Debian's Chromium, free ports): a Tessera
// listening on a free loopback port whose address is its public URL, axe-core injected into
// pages, signed-in contexts, and helpers to read downloads and decode codes.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import sharp from 'sharp';
import type { Dialect } from '../../src/config.ts';
import { createTestApp, type TestApp, type TestAppOptions } from './app.ts';
import { chromiumAvailable, CHROMIUM, freePort, launchChromium } from './browser.ts';
import { zxingDecode } from './decode-qr.ts';

export { chromiumAvailable, launchChromium };
if (!chromiumAvailable && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: install Debian's chromium package so the browser tests run.`);

/** A listening Tessera and its address. */
export interface LiveApp extends TestApp {
  base: string;
}

/**
 * Starts Tessera on a free port of 127.0.0.1, with that address as TESSERA_PUBLIC_URL. The port is
 * chosen before the app is built (the address is part of its configuration), and in the meantime
 * another test's outgoing connection can take it as its own local port (CI: EADDRINUSE once in
 * ~2,000 tests): then the app is built again on another port.
 */
export async function startLiveApp(dialect: Dialect, options: TestAppOptions = {}, beforeListen?: (t: TestApp) => void): Promise<LiveApp> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const t = await createTestApp(dialect, { ...options, env: { TESSERA_PUBLIC_URL: base, ...options.env } });
    beforeListen?.(t);
    try {
      await t.app.listen({ port, host: '127.0.0.1' });
      return Object.assign(t, { base });
    } catch (error) {
      await t.close();
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 5) throw error;
    }
  }
}

/** Collects what the page reports as broken: uncaught errors and CSP refusals. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  return problems;
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.x A/AA and best practices) on the page; returns the violations, readable. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) does not block it.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }).then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' — ' + n.failureSummary) })))`,
  )) as Array<{ id: string; help: string; nodes: string[] }>;
  return violations.map((v) => `${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`);
}

/**
 * Controls smaller than a 44 px touch target (UI.md), as "tag WxH name". Exempt: links inside running
 * text (WCAG 2.5.8), controls drawn invisible (a skip link, a radio behind its swatch) and a checkbox
 * or radio whose label, the real target, is tall enough.
 */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [role="button"], [role="switch"], [role="tab"]'))) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden' || el.closest('[aria-hidden="true"], .sr-only')) continue;
      // An inline link inside a sentence: its parent holds more text than the link.
      if (el.tagName === 'A' && style.display === 'inline' && (el.parentElement?.textContent ?? '').trim() !== (el.textContent ?? '').trim()) continue;
      const type = (el as HTMLInputElement).type;
      const label = el.closest('label') ?? (el as HTMLInputElement).labels?.[0];
      if ((type === 'checkbox' || type === 'radio') && (label?.getBoundingClientRect().height ?? 0) >= 44) continue;
      // A text field is as wide as its column; only its height is a target size.
      const wide = el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || box.width >= 44;
      if (box.height < 44 || !wide)
        found.push(`${el.tagName.toLowerCase()} ${Math.round(box.width)}x${Math.round(box.height)} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return found;
  });
}

/** Once the network is idle, fails with axe's violations in readable form, if there are any. */
export async function expectAxeClean(page: Page, label: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const violations = await axeViolations(page);
  expect(violations, `${label}:\n${violations.join('\n')}`).toEqual([]);
}

/** A phone-sized (390 × 844) context signed in as `context` is (its cookies). */
export async function phoneContextLike(browser: Browser, context: BrowserContext): Promise<BrowserContext> {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  phone.setDefaultTimeout(10_000);
  await phone.addCookies(await context.cookies());
  return phone;
}

/** The bytes of a download. */
export async function downloadBytes(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFileSync(file);
}

/** Decodes a PNG or SVG image with zxing-wasm; the texts found. */
export async function decodeImage(image: Buffer | string, width = 600): Promise<string[]> {
  const input = typeof image === 'string' ? Buffer.from(image) : image;
  const { data, info } = await sharp(input, typeof image === 'string' ? { density: 300 } : {})
    .resize({ width, kernel: 'nearest' })
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return zxingDecode({ data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height });
}

/** A small PNG logo (a teal disc with a white bar), made with sharp. */
export async function logoPng(size = 600): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="${size}" height="${size}"><circle cx="32" cy="32" r="32" fill="#0f766e"/><rect x="18" y="28" width="28" height="8" fill="#fff"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Runs `steps`; when they fail, saves a screenshot of the page to .tmp/ (ignored by git) to look at. */
export async function withFailureScreenshot(page: Page, name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    fs.mkdirSync('.tmp', { recursive: true });
    await page.screenshot({ path: `.tmp/${name}.png`, fullPage: true }).catch(() => {});
    process.stderr.write(`screenshot of the failure: .tmp/${name}.png (at ${page.url()})\n`);
    throw error;
  }
}

/**
 * Runs `steps` on a new page of `context` (1280 px wide) and then on a phone-sized page signed in
 * the same way (390 px): each page watched for console errors and failed requests, a screenshot
 * saved as `.tmp/{name}-{width}.png` when its steps fail.
 */
export async function atDesktopAndPhone(browser: Browser, context: BrowserContext, name: string, steps: (page: Page, width: 1280 | 390) => Promise<void>): Promise<void> {
  const phone = await phoneContextLike(browser, context);
  try {
    for (const [owner, width] of [
      [context, 1280],
      [phone, 390],
    ] as const) {
      const page = await owner.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `${name}-${width}`, () => steps(page, width));
      expect(problems, `${name} at ${width} px`).toEqual([]);
      await page.close();
    }
  } finally {
    await phone.close();
  }
}

/** Signs up an account through the API and returns a browser context signed in as it. */
export async function signedInContext(browser: Browser, live: LiveApp, options: { width?: number; email?: string; timezoneId?: string } = {}) {
  const email = options.email ?? `owner-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = 'correct horse battery';
  const signup = await live.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email, password, name: 'Owner' } });
  if (signup.statusCode !== 201) throw new Error(`signup failed: ${signup.body}`);
  const token = String(signup.headers['set-cookie']).split(';')[0]!.split('=')[1]!;
  const width = options.width ?? 1280;
  const context = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 }, acceptDownloads: true, timezoneId: options.timezoneId });
  context.setDefaultTimeout(10_000);
  await context.addCookies([{ name: 'tessera_session', value: token, url: live.base, httpOnly: true, sameSite: 'Lax' }]);
  return { context, email, password, cookie: `tessera_session=${token}`, csrfToken: signup.json().csrf_token as string };
}

/** One Chromium for the whole file (started before its tests, closed after); call the result inside a test. */
export function chromiumForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (chromiumAvailable) browser = await launchChromium();
  });
  afterAll(async () => browser?.close());
  return () => browser!;
}

/** A fresh listening app per test, closed after it; call the result inside a test to start it. */
export function liveAppPerTest(dialect: Dialect): (options?: TestAppOptions) => Promise<LiveApp> {
  let live: LiveApp | undefined;
  afterEach(async () => {
    await live?.close();
    live = undefined;
  });
  return async (options) => (live = await startLiveApp(dialect, options));
}
