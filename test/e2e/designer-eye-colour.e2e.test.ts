// The designer's corner colour as a person uses it, in Chromium at 1280 and 390 px, axe-clean:
// turning it on starts at a colour that scans (the old default, #7c3aed, would have been refused:
// jsQR cannot find eyes that much lighter than the modules), a lighter one is named as a problem
// with a fix, and the fix draws the eyes in the code colour again.
import { expect, it } from 'vitest';
import { atDesktopAndPhone, chromiumAvailable, chromiumForFile, expectAxeClean, liveAppPerTest, signedInContext } from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('designer corner colour in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'starts at a colour that scans, names a light one with a fix, and the fix takes the code colour',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Corner poster', destination: 'https://example.com/' } });
      expect(created.statusCode, created.body).toBe(201);
      const campaignId = created.json().id as string;
      await atDesktopAndPhone(chromium(), context, `designer-eye-colour-${dialect}`, async (page, width) => {
        await page.goto(`${live.base}/app/campaigns/${campaignId}`);
        const toggle = page.getByLabel('Different colour for the corners', { exact: true });
        await toggle.check();
        const corner = page.getByLabel('Corner colour', { exact: true });
        await expect.poll(() => corner.inputValue()).toBe('#5b21b6');
        const lint = page.getByTestId('lint');
        await expect.poll(async () => (await lint.count()) === 0 || !(await lint.textContent())?.includes('corner eyes')).toBe(true);
        await corner.fill('#2563eb');
        await page.getByText('The corner eyes are hard to find').first().waitFor();
        await expectAxeClean(page, `designer corner colour refused at ${width}`);
        await page.screenshot({ path: `.tmp/designer-eye-colour-${width}-${dialect}.png` });
        await page.getByRole('button', { name: 'Draw the eyes in the code colour' }).first().click();
        await expect.poll(() => toggle.isChecked()).toBe(false);
        await expect.poll(async () => (await page.getByText('The corner eyes are hard to find').count()) === 0).toBe(true);
      });
      await context.close();
    },
    120_000,
  );
});
