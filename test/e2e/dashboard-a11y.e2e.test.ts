// Accessibility of every dashboard page at 1280 and 390 px (axe-core: 0 violations), in the
// states a person meets (empty, filled, dialogs and menus open), with no CSP refusal or script
// error; and the main flows by keyboard alone. The pages do not depend on the database dialect,
// so this runs on SQLite only; the flows themselves run on both (the other e2e files).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INIT, initPayment, FULL_PROFILE } from '../helpers/payments.ts';
import { axeViolations, chromiumAvailable, smallTouchTargets, launchChromium, type LiveApp, signedInContext, startLiveApp, watchPage, withFailureScreenshot } from '../helpers/dashboard-browser.ts';

const WIDTHS = [1280, 390] as const;

describe.skipIf(!chromiumAvailable)('dashboard accessibility and keyboard use in Chromium', () => {
  let browser: Browser;
  let live: LiveApp;
  let campaignId = '';
  let archivedId = '';
  let batchId = '';
  const signedIn = new Map<number, { context: BrowserContext; cookie: string; csrfToken: string }>();

  beforeAll(async () => {
    browser = await launchChromium();
    live = await startLiveApp('sqlite', { env: { TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    for (const width of WIDTHS) {
      const session = await signedInContext(browser, live, { width, email: `owner-${width}@example.com` });
      signedIn.set(width, session);
    }
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });

  async function seed({ cookie, csrfToken }: { cookie: string; csrfToken: string }) {
    const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
    const post = async (url: string, payload: object) => {
      const response = await live.app.inject({ method: 'POST', url, headers, payload });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json();
    };
    campaignId = (await post('/api/v1/campaigns', { name: 'Spring menu', destination: 'https://example.com/menu', design_config: { preset: 'rounded', frame: { text: 'MENU' } } })).id;
    await post('/api/v1/campaigns', { name: 'Wi-Fi', qr_type: 'static', destination: 'https://example.com/wifi', design_config: { background: 'transparent' } });
    // Outside their schedules: the list says so (a badge), in both colour schemes' contrast.
    await post('/api/v1/campaigns', { name: 'Summer launch', destination: 'https://example.com/summer', active_from: '2099-06-01T08:00:00Z' });
    await post('/api/v1/campaigns', { name: 'Winter sale', destination: 'https://example.com/winter', active_from: '2001-01-01T00:00:00Z', active_until: '2002-01-01T00:00:00Z' });
    archivedId = (await post('/api/v1/campaigns', { name: 'Old flyer', destination: 'https://example.com/old' })).id;
    await live.app.inject({ method: 'DELETE', url: `/api/v1/campaigns/${archivedId}`, headers });
    await post('/api/v1/templates', { name: 'House style', design_config: { preset: 'ocean' } });
    await post('/api/v1/merchant/api-keys', { env: 'tst', name: 'Staging' });
    // The merchant pages with something on them: a signing secret, an endpoint, a payee, a payment.
    await post('/api/v1/merchant/webhooks/secret', {});
    await post('/api/v1/merchant/webhooks/endpoints', { url: 'http://127.0.0.1:9/tessera', description: 'Order system' });
    const payee = await live.app.inject({ method: 'PUT', url: '/api/v1/merchant/payment-profile', headers, payload: FULL_PROFILE });
    expect(payee.statusCode, payee.body).toBe(200);
    const key = (await post('/api/v1/merchant/api-keys', { env: 'prd', name: 'Shop' })).data.full_key as string;
    const payment = await initPayment(live.app, key, INIT.sepa);
    expect(payment.statusCode, payment.body).toBe(201);
    // An event: tickets made by the shop in one bulk request.
    const tickets = await live.app.inject({
      method: 'POST',
      url: '/api/v1/qrs/bulk',
      headers: { authorization: `Bearer ${key}` },
      payload: { urls: ['https://example.com/gala/1', 'https://example.com/gala/2'], names: ['Ada Lovelace', 'Grace Hopper'], qr_type: 'morphing', design_config: {} },
    });
    expect(tickets.statusCode, tickets.body).toBe(201);
    batchId = tickets.json().batch_id;
  }

  async function expectClean(page: Page, label: string) {
    await page.waitForLoadState('networkidle');
    const violations = await axeViolations(page);
    expect(violations, `${label}:\n${violations.join('\n')}`).toEqual([]);
    // On a phone every control is a 44 px touch target (UI.md); axe checks only 24 px.
    if (page.viewportSize()!.width < 640) {
      const small = await smallTouchTargets(page);
      expect(small, `${label}: ${small.join(', ')}`).toEqual([]);
    }
  }

  for (const width of WIDTHS) {
    it(`has no axe violations on any page at ${width} px`, async () => {
      const anonymous = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await anonymous.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `a11y-public-${width}`, async () => {
        for (const path of ['/', '/login', '/signup', '/login?expired=true&redirect=%2Fapp']) {
          await page.goto(`${live.base}${path}`);
          await page.getByRole('heading').first().waitFor();
          await expectClean(page, `${path} at ${width}`);
        }
        // A failed sign-in shows its error.
        await page.getByLabel('Email').fill('nobody@example.com');
        await page.getByLabel('Password').fill('wrong password 123');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').waitFor();
        await expectClean(page, `failed sign-in at ${width}`);
        // A field reached from the keyboard shows where focus is (axe does not check this).
        await page.getByLabel('Email').focus();
        await page.keyboard.press('Tab');
        const ring = await page.getByLabel('Password').evaluate((el) => {
          const style = getComputedStyle(el);
          return { visible: el.matches(':focus-visible'), style: style.outlineStyle, width: style.outlineWidth };
        });
        expect(ring).toEqual({ visible: true, style: 'solid', width: '2px' });
        // A refused sign-up puts the focus on the first field to fix, not on the button.
        await page.goto(`${live.base}/signup`);
        await page.getByLabel('Email').fill('not an email');
        await page.getByRole('button', { name: 'Create account' }).click();
        await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
        expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('email');
        await expectClean(page, `refused sign-up at ${width}`);
      });
      await anonymous.close();

      const { context } = signedIn.get(width)!;
      const app = await context.newPage();
      problems.push(...watchPage(app));
      await withFailureScreenshot(app, `a11y-app-${width}`, async () => {
        const visit = async (path: string, ready: () => Promise<unknown>, label = path) => {
          await app.goto(`${live.base}${path}`);
          await ready();
          await expectClean(app, `${label} at ${width}`);
        };
        // Empty states first, then the same pages with data.
        await visit('/app', () => app.getByRole('heading', { name: 'Create your first QR code' }).waitFor(), '/app (empty)');
        await visit('/app/templates', () => app.getByRole('heading', { name: 'No templates yet' }).waitFor(), '/app/templates (empty)');
        await visit('/app/api-keys', () => app.getByRole('heading', { name: 'No API keys yet' }).waitFor(), '/app/api-keys (empty)');
        await visit('/app/checkins', () => app.getByRole('heading', { name: 'No events yet' }).waitFor(), '/app/checkins (empty)');
        await seed(signedIn.get(width)!);
        await visit('/app', () => app.getByRole('link', { name: 'Spring menu' }).waitFor());
        const rowOf = (name: string) => app.getByRole('row').filter({ has: app.getByRole('link', { name }) });
        expect(await rowOf('Summer launch').textContent()).toMatch(/Starts (Jun 1, 2099|1 Jun 2099)/);
        expect(await rowOf('Winter sale').textContent()).toContain('Ended');
        expect(await rowOf('Spring menu').textContent()).not.toMatch(/Starts|Ended/);
        await app.getByRole('button', { name: 'Actions for Spring menu' }).click();
        await app.getByRole('menu').waitFor();
        await expectClean(app, `row menu at ${width}`);
        await app.keyboard.press('Escape');
        await visit('/app?status=archived&q=zzz', () => app.getByRole('heading', { name: 'No campaigns match' }).waitFor(), '/app (no match)');
        await visit('/app/campaigns/new', () => app.getByTestId('qr-preview').waitFor());
        // Designer with a lint error and a gradient, a logo-less frame, the transparent checkerboard.
        await app.getByLabel('Gradient').check();
        await app.getByLabel('Add a frame').check();
        await app.getByLabel('Caption (optional)').fill('SCAN ME');
        await app.getByLabel('Code colour', { exact: true }).isVisible();
        await app.getByLabel('Quiet zone (blank border)').fill('1');
        await app.getByText('The blank border (quiet zone) is too thin').waitFor();
        await expectClean(app, `designer with a lint error at ${width}`);
        await app.getByRole('button', { name: 'Create campaign' }).click();
        await app.getByText('There is a problem').waitFor();
        await expectClean(app, `designer with server errors at ${width}`);
        // Focus moves to the problems; a field's error goes once the field changes, the others stay.
        expect(await app.evaluate(() => document.activeElement?.textContent ?? '')).toContain('There is a problem');
        expect(await app.getByText('Name must not be empty').count()).toBe(1);
        expect(await app.getByText('Destination must not be empty').count()).toBe(1);
        await app.getByLabel('Name', { exact: true }).fill('Fixed name');
        await expect.poll(() => app.getByText('Name must not be empty').count()).toBe(0);
        expect(await app.getByText('Destination must not be empty').count()).toBe(1);
        await visit(`/app/campaigns/${campaignId}`, () => app.getByTestId('qr-preview').waitFor(), 'campaign');
        await app.getByRole('button', { name: 'Archive', exact: true }).click();
        await app.getByRole('alertdialog').waitFor();
        await expectClean(app, `archive dialog at ${width}`);
        await app.keyboard.press('Escape');
        await app.getByRole('button', { name: 'Save design as template' }).click();
        await app.getByRole('dialog').waitFor();
        await expectClean(app, `template dialog at ${width}`);
        await app.keyboard.press('Escape');
        await visit(`/app/campaigns/${archivedId}`, () => app.getByText('This campaign is archived').waitFor(), 'archived campaign');
        await visit(`/app/campaigns/${campaignId}/page`, () => app.getByText('This campaign has no page yet').waitFor(), 'hosted page editor');
        await app.getByRole('button', { name: 'Heading', exact: true }).click();
        await app.getByLabel('Ask people to fill in a form').check();
        await app.getByRole('button', { name: 'Add a question' }).click();
        await expectClean(app, `hosted page editor with a block and a question at ${width}`);
        await visit(`/app/campaigns/${archivedId}/page`, () => app.getByText('This campaign is archived').waitFor(), 'hosted page of an archived campaign');
        await visit('/app/bulk', () => app.getByLabel('Paste links, one per line').waitFor());
        await app.getByLabel('Paste links, one per line').fill('https://example.com/1\nnot a link\nhttps://example.com/3');
        await app.getByRole('button', { name: /^Check/ }).click();
        await app.getByTestId('row-errors').waitFor();
        await expectClean(app, `bulk with row errors at ${width}`);
        await visit('/app/templates', () => app.getByRole('img', { name: 'Preview of House style' }).waitFor());
        await visit('/app/api-keys', () => app.getByText('Staging').waitFor());
        await app.getByRole('button', { name: 'Create key' }).first().click();
        await app.getByRole('dialog').waitFor();
        await expectClean(app, `create key dialog at ${width}`);
        await app.keyboard.press('Escape');
        await visit('/app/webhooks', () => app.getByText('http://127.0.0.1:9/tessera').waitFor(), 'webhooks with an endpoint');
        await visit('/app/payments', () => app.getByText('order-1042').first().waitFor(), 'payments with a request');
        await visit('/app/payments/payee', () => app.getByRole('heading', { name: 'Payee details', level: 1 }).waitFor(), 'payee details');
        await visit('/app/payments/reconcile', () => app.getByRole('heading', { level: 1 }).waitFor(), 'reconcile');
        await visit('/app/settings', () => app.getByRole('heading', { level: 1 }).waitFor(), 'settings');
        await visit('/app/checkins', () => app.getByRole('link', { name: '2 tickets, starting with Ada Lovelace' }).waitFor(), 'check-in events');
        await visit(`/app/checkins/${batchId}`, () => app.getByText('Refused', { exact: true }).waitFor(), 'door page');
        await app.getByLabel('Scanned ticket').fill('not a ticket');
        await app.keyboard.press('Enter');
        await app.getByRole('region', { name: 'Latest check-ins' }).waitFor();
        await app.getByRole('group', { name: 'Direction' }).getByText('Exit', { exact: true }).click();
        await expectClean(app, `door page with an answer, in exit mode, at ${width}`);
        await visit('/app/checkins/bat_doesnotexist', () => app.getByRole('heading', { name: 'Event not found' }).waitFor(), 'event not found');
        await visit(`/app/campaigns/${campaignId}/scans`, () => app.getByRole('heading', { level: 1 }).waitFor(), 'scans of a campaign');
        await visit('/app/nowhere', () => app.getByRole('heading', { name: 'This page does not exist' }).waitFor(), 'not found');
        await visit('/app/campaigns/cmp_doesnotexist', () => app.getByRole('heading', { name: 'Campaign not found' }).waitFor(), 'campaign not found');
        await visit('/app/campaigns/cmp_doesnotexist/page', () => app.getByRole('heading', { name: 'Campaign not found' }).waitFor(), 'hosted page of no campaign');
      });
      await app.close();
      expect(problems).toEqual([]);
    }, 180_000);
  }

  it('works by keyboard alone: sign in, search with /, a row menu, create a campaign, a dialog', async () => {
    const owner = await signedInContext(browser, live, { email: 'keyboard@example.com' });
    await seed(owner);
    await owner.context.close();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent?.trim() ?? ''}` : '';
      });
    const tabTo = async (pattern: RegExp, max = 40) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (pattern.test(await focused())) return;
      }
      throw new Error(`Tab never reached ${pattern}; last focus ${await focused()}`);
    };
    await withFailureScreenshot(page, 'keyboard', async () => {
      await page.goto(`${live.base}/login`);
      // Signing in with nothing filled in names the empty fields instead of asking the server.
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Enter your email address.').waitFor();
      await page.getByText('Enter your password.').waitFor();
      expect(await page.getByText('do not match an account').count()).toBe(0);
      await page.goto(`${live.base}/login`);
      await tabTo(/^input:Email/);
      await page.keyboard.type('keyboard@example.com');
      await page.keyboard.press('Tab');
      expect(await focused()).toMatch(/^input:Password/);
      await page.keyboard.type('correct horse battery');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${live.base}/app`);
      await page.getByRole('link', { name: 'Spring menu' }).waitFor();

      // The skip link comes first, "/" jumps to the search.
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('a:Skip to content');
      await page.keyboard.press('Escape');
      await page.locator('body').press('/');
      expect(await focused()).toMatch(/^input:Search campaigns by name/);
      await page.keyboard.type('spring');
      await page.waitForURL(/q=spring/);
      await page.getByRole('link', { name: 'Wi-Fi' }).waitFor({ state: 'detached' });

      // A row's menu opens with Enter, moves with arrows, closes with Escape and gives focus back.
      await tabTo(/^button:Actions for Spring menu/);
      await page.keyboard.press('Enter');
      await page.getByRole('menu').waitFor();
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
      await page.keyboard.press('Escape');
      await page.getByRole('menu').waitFor({ state: 'detached' });
      // Focus moves back in a task after the menu closes: poll rather than read once.
      await expect.poll(focused).toBe('button:Actions for Spring menu');

      // Create a campaign: fields, a shape chosen with arrow keys, Enter submits.
      await page.goto(`${live.base}/app/campaigns/new`);
      await page.getByTestId('qr-preview').waitFor();
      await tabTo(/^input:Name/);
      await page.keyboard.type('Keyboard poster');
      await page.keyboard.press('Tab');
      await page.keyboard.type('https://example.com/keys');
      await tabTo(/^input:Square/);
      await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('group', { name: 'Module shape' }).getByRole('radio', { name: 'Dots' }).isChecked()).toBe(true);
      await page.getByLabel('Name', { exact: true }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/app\/campaigns\/cmp_/);
      await page.getByRole('button', { name: 'Archive', exact: true }).waitFor();

      // A dialog traps focus, Escape closes it and focus returns to its opener.
      await tabTo(/^button:Archive/);
      await page.keyboard.press('Enter');
      await page.getByRole('alertdialog').waitFor();
      await expect.poll(focused).toMatch(/^button:(Cancel|Archive campaign)/);
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role=alertdialog]')))).toBe(true);
      }
      await page.keyboard.press('Escape');
      await page.getByRole('alertdialog').waitFor({ state: 'detached' });
      await expect.poll(focused).toMatch(/^button:Archive/);
    });
    await context.close();
  }, 120_000);
});
