// /docs in Chromium: a person signed in to the dashboard can use Try-it on writes. Swagger UI sends
// the session cookie, and its request interceptor adds the session's X-CSRF-Token, which the server
// requires (the same write without it is 403 csrf_failed); an API-key request is left untouched.
import { expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects.ts';
import { chromiumAvailable, chromiumForFile, expectAxeClean, liveAppPerTest, signedInContext, watchPage } from '../helpers/dashboard-browser.ts';

describeDialects('/docs Try-it with a session', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'adds the CSRF token to writes, so a signed-in reader can create from the docs',
    async () => {
      const live = await startApp();
      const { context, csrfToken, cookie } = await signedInContext(chromium(), live);
      const page = await context.newPage();
      const problems = watchPage(page);
      // Deep link to "Save a new template"; Try-it is on by default (tryItOutEnabled).
      await page.goto(`${live.base}/docs/#/templates/createTemplate`);
      const operation = page.locator('#operations-templates-createTemplate');
      // Swagger UI resolves the whole ~300 KB document in the page before it draws the operation:
      // ~3 s on an idle core, past 10 s when CI's test files share the machine.
      await operation.locator('textarea.body-param__text').waitFor({ timeout: 40_000 });
      await operation.locator('textarea.body-param__text').fill(JSON.stringify({ name: 'From the docs', design_config: {} }));
      const sent = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/api/v1/templates'));
      await operation.getByRole('button', { name: 'Execute' }).click();
      const request = await sent;
      expect(request.headers()['x-csrf-token']).toBe(csrfToken);
      await expect.poll(async () => (await operation.locator('.live-responses-table tr.response .response-col_status').first().textContent())?.trim(), { timeout: 20_000 }).toBe('201');
      // The same write without the token is refused: the interceptor is what makes Try-it work.
      const bare = await page.evaluate(
        async (base) =>
          (await fetch(`${base}/api/v1/templates`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"x","design_config":{}}', credentials: 'include' })).status,
        live.base,
      );
      expect(bare).toBe(403);
      const templates = (await live.app.inject({ method: 'GET', url: '/api/v1/templates', headers: { cookie } })).json().data;
      expect(templates.map((t: { name: string }) => t.name)).toEqual(['From the docs']);
      // (Swagger UI's response view sets one inline style that the docs' CSP blocks: cosmetic, not checked here.)
      expect(problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
    },
    90_000,
  );

  it.skipIf(!chromiumAvailable)(
    'is axe-clean at 1280 and 390 px: the reference, an open operation, its answer and the authorization dialog',
    async () => {
      const live = await startApp();
      for (const width of [1280, 390]) {
        const context = await chromium().newContext({ viewport: { width, height: 900 } });
        context.setDefaultTimeout(40_000);
        const page = await context.newPage();
        const problems = watchPage(page);
        await page.goto(`${live.base}/docs/`);
        await page.locator('.opblock').first().waitFor();
        await expectAxeClean(page, `/docs at ${width}`);
        // An operation's summary is one button (its deep link drawn as text), and opening it
        // still puts the operation in the address.
        const operation = page.locator('#operations-account-getAccountBranding');
        expect(await operation.locator('.opblock-summary a').count()).toBe(0);
        await operation.locator('.opblock-summary-control').click();
        await page.waitForURL(/#\/account\/getAccountBranding$/);
        await operation.getByRole('button', { name: 'Execute' }).click();
        await operation.locator('.live-responses-table').waitFor();
        // Swagger UI animates the buttons in and out after a request: checked once they have settled.
        await operation.getByRole('button', { name: 'Clear' }).waitFor();
        const copy = operation.getByRole('button', { name: 'Copy path to clipboard' });
        expect((await copy.boundingBox())?.width).toBeGreaterThanOrEqual(24);
        await expect.poll(() => operation.locator('.btn.execute').evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(29, 78, 216)');
        await expectAxeClean(page, `/docs with an answered operation at ${width}`);
        await page
          .getByRole('button', { name: /Authorize/ })
          .first()
          .click();
        const dialog = page.getByRole('dialog', { name: 'Available authorizations' });
        await dialog.waitFor();
        await expectAxeClean(page, `/docs authorization dialog at ${width}`);
        // Focus went into the dialog, stays there, and Escape gives it back to Authorize.
        const inDialog = () => dialog.evaluate((box) => box.contains(document.activeElement));
        expect(await inDialog()).toBe(true);
        // Tab goes round the dialog's controls, never to the page behind it, both ways.
        const stops = await dialog.evaluate((box) => box.querySelectorAll('button, input').length);
        for (let i = 0; i <= stops; i++) {
          await page.keyboard.press('Tab');
          expect(await inDialog()).toBe(true);
        }
        for (let i = 0; i <= stops; i++) {
          await page.keyboard.press('Shift+Tab');
          expect(await inDialog()).toBe(true);
        }
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/^Authorize/);
        // Every scroll region the keyboard cannot reach, gone: nothing scrolls sideways at 390 px either.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        // (An element Swagger UI inserts with a <style> inside is refused by the docs' CSP: cosmetic.)
        expect(problems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
        await context.close();
      }
    },
    180_000,
  );
});
