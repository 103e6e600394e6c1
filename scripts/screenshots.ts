// `npm run screenshots`: the README's screenshots of the dashboard, from a seeded instance in
// Debian's Chromium, at 1280 and 390 px, into docs/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.ts';
import { startDemoInstance } from './demo-instance.ts';
import { ensureWebBuild } from './web-build.ts';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const WIDTHS = [1280, 390] as const;

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(250);
}

await ensureWebBuild((line) => process.stderr.write(`${line}\n`));
fs.mkdirSync(OUT, { recursive: true });
const demo = await startDemoInstance();
const browser = await launchChromium();
try {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: width > 500 ? 860 : 844 }, deviceScaleFactor: 1, colorScheme: 'light', locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    const shoot = async (name: string, fullPage = width < 500) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await settle(page);
      await page.screenshot({ path: path.join(OUT, `${name}-${width}.png`), fullPage });
      process.stderr.write(`docs/screenshots/${name}-${width}.png\n`);
    };
    await page.goto(`${demo.base}/`);
    await shoot('sign-in', false);
    await page.getByLabel('Email').fill(demo.email);
    await page.getByLabel('Password').fill(demo.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${demo.base}/app`);
    await shoot('campaigns', false);
    await page.goto(`${demo.base}/app/campaigns/${demo.campaignIds[0]}`);
    await page.getByTestId('qr-preview').waitFor();
    await shoot('designer', false);
    await page.goto(`${demo.base}/app/campaigns/${demo.campaignIds[0]}/scans`);
    await page.getByTestId('scans-chart').locator('canvas').waitFor();
    await shoot('scans', false);
    await page.goto(`${demo.base}/app/campaigns/${demo.campaignIds[1]}/page`);
    await page.getByRole('region', { name: 'Question 1' }).waitFor();
    await shoot('hosted-page', false);
    await page.goto(`${demo.base}/app/bulk`);
    const urls = Array.from({ length: 24 }, (_, i) => `https://northwind.example/tickets/${1001 + i}`);
    // A bare host is read as https://; a line with a space is no link at all.
    urls[6] = 'northwind tickets 1007';
    await page.getByLabel('Paste links, one per line').fill(urls.join('\n'));
    await page.getByRole('button', { name: /^Check/ }).click();
    await page.getByTestId('row-errors').waitFor();
    await shoot('bulk', false);
    await page.goto(`${demo.base}/app/templates`);
    await shoot('templates', false);
    await page.goto(`${demo.base}/app/api-keys`);
    await shoot('api-keys', false);
    await page.goto(`${demo.base}/app/payments`);
    await page.getByRole('button', { name: /T-20436/ }).click();
    await page.getByRole('img', { name: /Payment code/ }).waitFor();
    await shoot('payments', false);
    await page.goto(`${demo.base}/app/payments/payee`);
    await page.getByRole('heading', { name: 'Payee details', level: 1 }).waitFor();
    await shoot('payee', false);
    await page.goto(`${demo.base}/app/webhooks`);
    await page.getByText('Order system', { exact: false }).waitFor();
    await shoot('webhooks', false);
    await page.goto(`${demo.base}/app/checkins/${demo.eventBatchId}`);
    await page.getByText('Refused, by reason').waitFor();
    await page.getByLabel('Gate (optional)').fill('North door');
    await page.getByLabel('Scanned ticket').fill(demo.ticketUrl(64));
    await page.keyboard.press('Enter');
    await page.locator('[aria-live="assertive"]').getByText('Admitted').waitFor();
    await shoot('door', false);
    await page.goto(`${demo.base}/app/settings`);
    await page.getByLabel('Name', { exact: true }).waitFor();
    await shoot('settings', false);
    await context.close();
  }
} finally {
  await browser.close();
  await demo.close();
}
