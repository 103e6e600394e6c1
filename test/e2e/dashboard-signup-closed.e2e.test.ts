// The sign-up page of an instance whose sign-up is closed says so in its title, and how to get an
// account, instead of "Create your account" above a refusal. axe-clean at 1280 and 390 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, expectAxeClean, launchChromium, type LiveApp, startLiveApp, watchPage, withFailureScreenshot } from '../helpers/dashboard-browser.ts';

let browser: Browser | undefined;
let live: LiveApp | undefined;
beforeAll(async () => {
  if (!chromiumAvailable) return;
  browser = await launchChromium();
  live = await startLiveApp('sqlite', { env: { TESSERA_SIGNUP: 'closed' } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await live?.close();
});

it.skipIf(!chromiumAvailable)('a closed sign-up is the page title, with the way to an account', async () => {
  for (const width of [1280, 390]) {
    const context = await browser!.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    await withFailureScreenshot(page, `signup-closed-${width}`, async () => {
      await page.goto(`${live!.base}/signup`);
      await page.getByRole('heading', { level: 1, name: 'Sign-up is closed' }).waitFor();
      expect(await page.title()).toContain('Sign-up is closed');
      expect(await page.getByText('Create your account').count()).toBe(0);
      await page.getByText('tessera account create').waitFor();
      expect(await page.getByLabel('Email').count()).toBe(0);
      await expectAxeClean(page, `closed sign-up at ${width} px`);
    });
    expect(problems).toEqual([]);
    await context.close();
  }
});
