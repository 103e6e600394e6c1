// Settings in Chromium on a real server: the name given at sign-up is what strangers see on the
// account's public pages; it is changed here, with a logo address (a bare host gets https://, a
// refused one is named next to its field) and without the "Made with Tessera" line, and the next
// public page shows it. axe-clean at 1280 and 390 px.
import { expect, it } from 'vitest';
import {
  axeViolations,
  chromiumAvailable,
  expectAxeClean,
  phoneContextLike,
  chromiumForFile,
  liveAppPerTest,
  signedInContext,
  watchPage,
  withFailureScreenshot,
} from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('dashboard settings in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    "changes the name and logo strangers see on the account's public pages",
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      // A code that is not live yet: scanning it shows a public page in the account's name.
      const soon = await live.app.inject({
        method: 'POST',
        url: '/api/v1/campaigns',
        headers,
        payload: { name: 'Launch', destination: 'https://example.com/launch', active_from: '2099-01-01T00:00:00Z' },
      });
      expect(soon.statusCode, soon.body).toBe(201);
      const publicPage = async () => (await fetch(`${live.base}/${soon.json().short_code}`, { headers: { accept: 'text/html' } })).text();
      expect(await publicPage()).toContain('Owner');
      expect(await publicPage()).toContain('Made with Tessera');

      const page = await context.newPage();
      const problems = watchPage(page);
      const clean = (label: string) => expectAxeClean(page, label);
      await withFailureScreenshot(page, `settings-${dialect}`, async () => {
        await page.goto(`${live.base}/app`);
        await page.getByRole('link', { name: 'Settings' }).first().click();
        await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
        const name = page.getByLabel('Name', { exact: true });
        await expect.poll(() => name.inputValue()).toBe('Owner');
        const save = page.getByRole('button', { name: 'Save changes' });
        expect(await save.isDisabled()).toBe(true);
        await clean('settings');

        // A logo address the server refuses is named next to its field; the rest is not saved.
        await name.fill('Bistro Lumen');
        await page.getByLabel('Logo address').fill('ftp://cdn.example.com/logo.png');
        await page.getByLabel('Logo address').press('Tab');
        await save.click();
        await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBe(1);
        expect(await page.getByLabel('Logo address').getAttribute('aria-invalid')).toBe('true');
        await clean('settings with a refused logo address');
        expect(await publicPage()).toContain('Owner');

        // The logo is tried as it is typed: an address with no image says so before it is saved.
        // (The image host is played by the test: only bistro.svg is there.)
        await page.route('https://cdn.example.com/**', (route) =>
          route.request().url().endsWith('/bistro.svg')
            ? route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#b45309"/></svg>' })
            : route.fulfill({ status: 404, contentType: 'text/html', body: 'not found' }),
        );
        await page.getByLabel('Logo address').fill('cdn.example.com/bistro.png');
        await page.getByText('No image could be loaded from this address.').waitFor();
        await clean('settings with a logo address that has no image');
        // A bare host name gets https://; no "Made with Tessera".
        await page.getByLabel('Logo address').fill('cdn.example.com/bistro.svg');
        await page.getByText('How it shows at the top of your pages.').waitFor();
        expect(await page.getByRole('img', { name: 'Bistro Lumen' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
        await page.screenshot({ path: `.tmp/settings-logo-1280-${dialect}.png` });
        expect(await page.getByLabel('Logo address').getAttribute('aria-invalid')).toBeNull();
        await page.getByLabel('Logo address').press('Tab');
        expect(await page.getByLabel('Logo address').inputValue()).toBe('https://cdn.example.com/bistro.svg');
        await page.getByLabel('Logo description').fill('Bistro Lumen, a lamp over a plate');
        await page.getByLabel(/Made with Tessera/).uncheck();
        await save.click();
        await page.getByText('Public pages updated').first().waitFor();
        await expect.poll(() => save.isDisabled()).toBe(true);
        const html = await publicPage();
        expect(html).toContain('src="https://cdn.example.com/bistro.svg" alt="Bistro Lumen, a lamp over a plate"');
        expect(html).not.toContain('Made with Tessera');
        // Stored: a reload shows what was saved.
        await page.reload();
        await expect.poll(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe('Bistro Lumen');
        expect(await page.getByLabel(/Made with Tessera/).isChecked()).toBe(false);

        // Clearing the logo shows the name again.
        await page.getByLabel('Logo address').fill('');
        await save.click();
        await page.getByText('Public pages updated').first().waitFor();
        await expect.poll(async () => (await publicPage()).includes('Bistro Lumen</span>')).toBe(true);
      });

      const phone = await phoneContextLike(chromium(), context);
      const small = await phone.newPage();
      problems.push(...watchPage(small));
      await small.goto(`${live.base}/app/settings`);
      await small.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      await small.getByLabel('Name', { exact: true }).waitFor();
      await small.waitForLoadState('networkidle');
      expect(await axeViolations(small)).toEqual([]);
      expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      // The tab row scrolls sideways; the current page's tab is scrolled fully into view.
      const tab = small.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' });
      await expect.poll(() => tab.evaluate((el) => el.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
      // The row fades where tabs are hidden: here before the start; scrolled back, past the end.
      const nav = small.getByRole('navigation', { name: 'Main' });
      const fade = () => nav.evaluate((el) => (el as HTMLElement).style.maskImage);
      await expect.poll(fade).toMatch(/^linear-gradient\(to right, transparent/);
      expect(await fade()).not.toMatch(/transparent\)$/);
      await nav.evaluate((el) => el.scrollTo({ left: 0 }));
      await expect.poll(fade).toMatch(/transparent\)$/);
      expect(await fade()).not.toMatch(/^linear-gradient\(to right, transparent/);
      await small.screenshot({ path: `.tmp/settings-390-${dialect}.png`, fullPage: true });
      await page.screenshot({ path: `.tmp/settings-1280-${dialect}.png`, fullPage: true });
      expect(problems).toEqual([]);
      await phone.close();
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'changes the password: a wrong current one is named at its field, then the new one signs in and other browsers are signed out',
    async () => {
      const live = await startApp();
      const { context, email, password } = await signedInContext(chromium(), live);
      const other = await live.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: live.base }, payload: { email, password } });
      const otherCookie = String(other.headers['set-cookie']).split(';')[0]!;
      const page = await context.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `settings-password-${dialect}`, async () => {
        await page.goto(`${live.base}/app/settings`);
        const change = page.getByRole('button', { name: 'Change password' });
        await change.waitFor();
        await change.click();
        expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
        await page.getByLabel('Current password').fill('not my password');
        await page.getByLabel('New password').fill('lamp plate river cloud');
        await change.click();
        await expect.poll(() => page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
        await page.getByText('is not your current password').waitFor();
        await expectAxeClean(page, 'settings with a refused current password');
        await page.getByLabel('Current password').fill(password);
        await change.click();
        await page.getByText('Password changed.').first().waitFor();
        expect(await page.getByLabel('New password').inputValue()).toBe('');
        // This browser stays signed in; the other session ended; the new password signs in.
        expect((await live.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: otherCookie } })).statusCode).toBe(401);
        const again = await live.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: live.base }, payload: { email, password: 'lamp plate river cloud' } });
        expect(again.statusCode).toBe(200);
        await page.reload();
        await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
        expect(page.url()).toContain('/app/settings');
      });
      // The sign-in page says what to do about a forgotten password.
      const signedOut = await chromium().newPage();
      await signedOut.goto(`${live.base}/login`);
      await signedOut.getByText('Forgot your password?').waitFor();
      expect(await signedOut.locator('code').innerText()).toBe('tessera account password');
      await signedOut.close();
      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
