// Saving from where you are on a phone: the editors' Save button sits in the page header, far
// above the design controls and the page's form. Once the header has scrolled away and there is
// something to save, a bar at the bottom of the screen saves; the floating preview sits above it;
// at 1280 px (header in reach beside a sticky preview) there is no bar. Campaign editor and hosted
// page editor, axe-clean with the bar showing.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { chromiumAvailable, chromiumForFile, expectAxeClean, liveAppPerTest, phoneContextLike, signedInContext, watchPage, withFailureScreenshot } from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';

/** The bar's box, or null when there is none on screen. */
async function bar(page: Page) {
  const region = page.getByTestId('phone-save-bar');
  if ((await region.count()) === 0 || !(await region.isVisible())) return null;
  return region.boundingBox();
}

describeDialects('saving from the bottom of a phone screen', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'a change far below the header is saved from a bar at the bottom of a 390 px screen, and no bar shows at 1280 px',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Poster', destination: 'https://example.com/' } });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const phone = await phoneContextLike(chromium(), context);
      const page = await phone.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `phone-save-${dialect}`, async () => {
        await page.goto(`${live.base}/app/campaigns/${id}`);
        await page.getByTestId('qr-preview').waitFor();
        // Nothing to save: scrolled down, no bar.
        await page.getByLabel('Add a frame').scrollIntoViewIfNeeded();
        expect(await bar(page)).toBeNull();
        await page.getByLabel('Add a frame').check();
        await page.getByLabel('Caption (optional)').fill('SCAN FOR THE MENU');
        await expect.poll(() => bar(page)).not.toBeNull();
        const box = (await bar(page))!;
        expect(box.y + box.height).toBeLessThanOrEqual(844 + 0.5);
        // The floating preview sits above the bar, not over its button.
        const floating = await page.getByTestId('floating-preview').boundingBox();
        if (floating) expect(floating.y + floating.height).toBeLessThanOrEqual(box.y);
        await expectAxeClean(page, 'campaign editor with the phone save bar');
        await page.screenshot({ path: `.tmp/phone-save-bar-${dialect}.png` });
        expect(await page.getByTestId('phone-save-bar').getByRole('status').textContent()).toBe('Unsaved changes');
        await page.getByTestId('phone-save-bar').getByRole('button', { name: 'Save' }).focus();
        await page.keyboard.press('Enter');
        await page.getByText('Changes saved').first().waitFor();
        // Saved from the bar: it stays, saying so, with the focus where it was (not dropped on <body>)…
        await page.getByTestId('phone-save-bar').getByRole('status').filter({ hasText: 'Saved' }).waitFor();
        expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="phone-save-bar"]') !== null)).toBe(true);
        // …and goes once the focus moves on.
        await page.keyboard.press('Shift+Tab');
        await expect.poll(() => bar(page)).toBeNull();
        const stored = await live.app.inject({ method: 'GET', url: `/api/v1/campaigns/${id}`, headers });
        expect(stored.json().design_config.frame).toMatchObject({ text: 'SCAN FOR THE MENU' });

        // The hosted page editor: its form section is as far from its Create button.
        await page.goto(`${live.base}/app/campaigns/${id}/page`);
        await page.getByText('This campaign has no page yet').waitFor();
        await page.getByLabel('Ask people to fill in a form').scrollIntoViewIfNeeded();
        await expect.poll(() => bar(page)).not.toBeNull();
        await expectAxeClean(page, 'hosted page editor with the phone save bar');
        expect(await page.getByTestId('phone-save-bar').getByRole('button', { name: 'Create' }).isVisible()).toBe(true);
        expect(await page.getByTestId('phone-save-bar').getByRole('status').textContent()).toBe('Page not created yet');
      });
      expect(problems).toEqual([]);

      // A wide screen keeps the header's Save button in reach: no bar.
      const wide = await context.newPage();
      await wide.goto(`${live.base}/app/campaigns/${id}`);
      await wide.getByTestId('qr-preview').waitFor();
      await wide.getByLabel('Caption (optional)').fill('SCAN ME');
      await wide.getByLabel('Caption (optional)').scrollIntoViewIfNeeded();
      expect(await bar(wide)).toBeNull();
      await phone.close();
      await context.close();
    },
    90_000,
  );
});
