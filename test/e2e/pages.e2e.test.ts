// The hosted page in a real browser: Debian's Chromium driven by playwright-core loads the page
// from a listening Tessera, finds the labelled fields, submits the form, and the owner's API
// lists the submission. XSS payloads must stay inert under the page's CSP.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { authHeaders } from '../helpers/accounts.ts';
import type { TestApp } from '../helpers/app.ts';
import { CHROMIUM, chromiumAvailable, launchChromium } from '../helpers/browser.ts';
import { startLiveApp } from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { samplePage } from '../helpers/pages.ts';

const available = chromiumAvailable;
if (!available) {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium) so the browser tests run.`);
  process.stderr.write(`\n⚠️  NOTICE: ${CHROMIUM} not found — the hosted page browser tests are SKIPPED.\n\n`);
}

describeDialects('hosted page in Chromium', (dialect) => {
  let browser: Browser | undefined;
  let t: TestApp | undefined;
  let base = '';

  beforeAll(async () => {
    if (!available) return;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  // Starts Tessera on a real port whose address is also its TESSERA_PUBLIC_URL, and signs up an
  // account (same-origin session requests, then an API key).
  async function start(): Promise<{ apiKey: string }> {
    const live = await startLiveApp(dialect);
    t = live;
    base = live.base;
    const signup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { email: 'owner@example.com', password: 'correct horse battery', slug: 'fairco' } });
    expect(signup.statusCode).toBe(201);
    const cookie = String(signup.headers['set-cookie']).split(';')[0]!;
    const key = await t.app.inject({ method: 'POST', url: '/api/v1/merchant/api-keys', headers: { cookie, 'x-csrf-token': signup.json().csrf_token, origin: base }, payload: { env: 'prd' } });
    expect(key.statusCode).toBe(201);
    return { apiKey: key.json().data.full_key };
  }

  async function createCampaign(apiKey: string, slug: string, page: unknown): Promise<Record<string, any>> {
    const response = await t!.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeaders(apiKey),
      payload: { name: slug, slug, destination: 'https://example.com/', hosted_page: page },
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  it.skipIf(!available)('shows the labelled form, submits it, and the owner sees the submission', async () => {
    const { apiKey } = await start();
    const campaign = await createCampaign(apiKey, 'fair', samplePage());
    expect(campaign.hosted_page_url).toBe(`${base}/p/fairco/fair`);
    const page = await browser!.newPage();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    const response = await page.goto(campaign.hosted_page_url);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Spring fair');

    // Every field is reachable by its label (label[for] bound to the control).
    const name = page.getByLabel('Your name');
    const email = page.getByLabel('Email');
    const size = page.getByLabel('T-shirt size');
    const consent = page.getByLabel('I agree to be contacted');
    for (const control of [name, email, page.getByLabel('Guests'), size, page.getByLabel('Notes'), consent]) await expect.poll(() => control.isVisible()).toBe(true);
    // The honeypot is in the DOM but moved off-screen, out of sight and out of the tab order.
    const honeypot = page.locator('input[name="_website"]');
    expect((await honeypot.boundingBox())!.x).toBeLessThan(-1000);
    expect(await honeypot.getAttribute('tabindex')).toBe('-1');
    // …and out of the accessibility tree: a screen reader does not offer "Leave this empty".
    expect(await page.getByRole('textbox', { name: 'Leave this empty' }).count()).toBe(0);
    expect(await page.getByText('Leave this empty').count()).toBe(1);
    // The stylesheet applied under the CSP (allowed by its hash): the button wears the accent colour.
    const button = page.getByRole('button', { name: 'Register' });
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(124, 58, 237)');

    // Keyboard: Tab walks the link and every control in reading order, skipping the honeypot.
    const order: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || ''));
    }
    expect(order).toEqual(['Programme', 'f-name', 'f-email', 'f-guests', 'f-size', 'f-notes', 'f-consent', 'Register']);
    // Contrast of body text as the browser computed it (WCAG AA, 4.5:1).
    const ratio = await page.evaluate(() => {
      const lum = (rgb: string) => {
        const [r, g, b] = rgb
          .match(/\d+/g)!
          .slice(0, 3)
          .map((v) => Number(v) / 255)
          .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const style = getComputedStyle(document.body);
      const [hi, lo] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    });
    expect(ratio).toBeGreaterThanOrEqual(4.5);

    // Native validation stops an empty submission without a round trip.
    await button.click();
    expect(page.url()).toBe(campaign.hosted_page_url);
    expect(await page.locator('#f-name:invalid').count()).toBe(1);

    await name.fill('Ada Lovelace');
    await email.fill('ada@example.com');
    await page.getByLabel('Guests').fill('2');
    await size.selectOption('M');
    await page.getByLabel('Notes').fill('Vegetarian, <b>please</b>');
    await consent.check();
    await Promise.all([page.waitForURL(`${base}/p/fairco/fair/thanks`), button.click()]);
    // The heading says it was sent; the default message under it does not repeat it.
    await page.getByRole('heading', { level: 1, name: 'Your answer has been sent' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe('Thank you!');
    expect(cspViolations).toEqual([]);

    const listed = await t!.app.inject({ method: 'GET', url: `/api/v1/forms/campaign/${campaign.id}`, headers: authHeaders(apiKey) });
    expect(listed.json().data.map((s: { data: unknown }) => s.data)).toEqual([
      { name: 'Ada Lovelace', email: 'ada@example.com', guests: 2, size: 'M', notes: 'Vegetarian, <b>please</b>', consent: true },
    ]);
    await page.close();
  });

  it.skipIf(!available)('keeps XSS payloads inert: no script runs, no element is injected', async () => {
    const { apiKey } = await start();
    const payload = '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const field = { name: 'who', label: payload, help_text: payload, placeholder: payload };
    const campaign = await createCampaign(apiKey, 'xss', {
      title: payload,
      blocks: [
        { type: 'heading', text: payload },
        { type: 'paragraph', text: payload },
        { type: 'image', url: 'https://example.invalid/a.png', alt: payload },
        { type: 'link', text: payload, url: 'https://example.com/' },
        { type: 'button', text: payload, url: 'https://example.com/' },
      ],
      theme: { logo_alt: payload },
      form: {
        submit_label: payload.slice(0, 60),
        fields: [field, { name: 'pick', label: payload, type: 'select', options: [payload] }, { name: 'mail', label: 'Email', type: 'email', required: true }],
      },
      published: true,
    });
    const page = await browser!.newPage();
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
    await page.goto(campaign.hosted_page_url);
    expect(await page.title()).toBe(payload);
    expect(await page.locator('h1').textContent()).toBe(payload);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img:not(.block)').count()).toBe(0);
    // A visitor's typed value comes back escaped in the re-rendered page, and stays inert too.
    await page.locator('#f-who').fill(payload);
    await page.locator('#f-pick').selectOption(payload);
    await page.locator('input[name="_website"]').evaluate((el) => el.remove());
    await page.evaluate(() => document.querySelector('form')!.setAttribute('novalidate', ''));
    // The required email is left empty (native validation switched off): the server answers 400
    // with the page again, the typed values filled back in.
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('button[type=submit]').click()]);
    expect(answer.status()).toBe(400);
    await page.waitForLoadState('load');
    expect(await page.locator('#f-mail-error').textContent()).toBe('Fill in this field.');
    expect(await page.locator('#f-who').inputValue()).toBe(payload);
    expect(await page.locator('#f-pick').inputValue()).toBe(payload);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img:not(.block)').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
    await page.close();
  });
});
