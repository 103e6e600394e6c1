// The "There is a problem" summary above a long form, in Chromium on a real server, as GOV.UK's
// error summary: each problem whose field is on the page is a link, and following it puts the
// focus in that field. Messages speak the form's words: the schedule's refusal names both fields
// by their labels ("Ends must be later than Starts"), never by the API's names (active_from), and
// a design value being typed is named by its control ("Corner colour …", not eye_color).
// Campaign schedule and hosted page editor, at 1280 and 390 px, axe-clean.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { atDesktopAndPhone, chromiumAvailable, chromiumForFile, expectAxeClean, liveAppPerTest, signedInContext, watchPage, withFailureScreenshot } from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';

/** Follows the summary's link named `name`, from the keyboard. */
async function follow(page: Page, name: string | RegExp): Promise<void> {
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  const link = summary.getByRole('link', { name });
  await link.focus();
  await page.keyboard.press('Enter');
}

/** True when the element `locator` finds has the focus. */
async function focused(page: Page, locator: ReturnType<Page['getByLabel']>): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

describeDialects('dashboard error summary in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    "links the campaign schedule's refusal to its field and says it with the form's labels",
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Spring poster', destination: 'https://example.com/' } });
      expect(created.statusCode, created.body).toBe(201);
      const campaignId = created.json().id as string;
      await atDesktopAndPhone(chromium(), context, `error-summary-schedule-${dialect}`, async (page, width) => {
        await page.goto(`${live.base}/app/campaigns/${campaignId}`);
        const starts = page.getByLabel('Starts (optional)', { exact: true });
        const ends = page.getByLabel('Ends (optional)', { exact: true });
        await starts.fill('2099-06-02T09:00');
        await ends.fill('2099-06-01T09:00');
        await page.getByRole('button', { name: 'Save changes' }).click();
        const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
        await summary.getByRole('link', { name: 'Ends must be later than Starts' }).waitFor();
        // Beside the field, in the same words; the API's names are nowhere.
        expect(await ends.getAttribute('aria-invalid')).toBe('true');
        await page.getByText('must be later than Starts', { exact: true }).waitFor();
        expect(await page.locator('main').textContent()).not.toMatch(/active_from|active_until/);
        // Focus went to the summary; its link takes it on to the field, scrolled into view.
        expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('There is a problem');
        await page.evaluate(() => window.scrollTo(0, 0));
        await follow(page, 'Ends must be later than Starts');
        expect(await focused(page, ends)).toBe(true);
        expect(await ends.isVisible()).toBe(true);
        const box = (await ends.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
        expect(page.url()).toBe(`${live.base}/app/campaigns/${campaignId}`);
        await expectAxeClean(page, `schedule refused at ${width}`);
        if (width === 390) await page.screenshot({ path: `.tmp/error-summary-schedule-390-${dialect}.png` });
        else await page.screenshot({ path: `.tmp/error-summary-schedule-1280-${dialect}.png` });

        // A design value being typed is named by its control too, beside it and in the lint.
        await page.getByLabel('Different colour for the corners', { exact: true }).check();
        await page.getByLabel('Corner colour', { exact: true }).fill('#12');
        await page.getByText("Corner colour must be a colour as #rgb, #rgba, #rrggbb or #rrggbbaa; got '#12'").first().waitFor();
        expect(await page.getByTestId('lint').textContent()).toContain('Corner colour must be a colour');
        expect(await page.locator('main').textContent()).not.toMatch(/eye_color|active_from|active_until/);
      });
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    "links the page editor's refusals to their fields: an address, a block's text, a colour",
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({
        method: 'POST',
        url: '/api/v1/campaigns',
        headers,
        payload: { name: 'Menu', slug: 'menu', destination: 'https://example.com/', hosted_page: { title: 'Menu', published: true } },
      });
      expect(created.statusCode, created.body).toBe(201);
      const campaignId = created.json().id as string;
      await atDesktopAndPhone(chromium(), context, `error-summary-page-${dialect}`, async (page, width) => {
        await page.goto(`${live.base}/app/campaigns/${campaignId}/page`);
        const address = page.getByLabel('Address', { exact: true });
        await address.fill('docs');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await follow(page, 'Address is reserved; choose another');
        expect(await focused(page, address)).toBe(true);
        await address.fill('menu');

        // A heading left empty and a text colour that is not one: both named, both reachable.
        await page.getByRole('button', { name: 'Heading', exact: true }).click();
        const text = page.getByLabel('Text', { exact: true });
        await text.fill('#12');
        await page.getByRole('button', { name: 'Save changes' }).click();
        const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
        await summary.waitFor();
        expect(await summary.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Heading 1: text must not be empty', 'Look: text colour must be a colour such as #1a2b3c']));
        await expectAxeClean(page, `page editor refused at ${width}`);
        // Each link is a target of at least 24 px (WCAG 2.5.8), however short its text.
        const heights = await summary.getByRole('link').evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height));
        for (const height of heights) expect(height, `summary links at ${width}: ${heights.join(', ')}`).toBeGreaterThanOrEqual(24);
        if (width === 390) await page.screenshot({ path: `.tmp/error-summary-page-390-${dialect}.png` });
        else await page.screenshot({ path: `.tmp/error-summary-page-1280-${dialect}.png` });
        await follow(page, 'Heading 1: text must not be empty');
        expect(await focused(page, page.getByRole('region', { name: 'Heading 1' }).getByLabel('Heading text', { exact: true }))).toBe(true);
        await follow(page, /^Look: text colour/);
        expect(await focused(page, text)).toBe(true);
        expect(await text.isVisible()).toBe(true);
      });
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'focus stays on a button pressed from the keyboard while its action runs, or moves to what it found; the payee summary links to its fields',
    async () => {
      const live = await startApp();
      const browser = chromium();
      const { context, cookie, csrfToken, email } = await signedInContext(browser, live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Spring poster', destination: 'https://example.com/' } });
      expect(created.statusCode, created.body).toBe(201);
      const active = (page: Page) =>
        page.evaluate(() => (document.activeElement === document.body ? 'BODY' : `${document.activeElement?.tagName} ${document.activeElement?.textContent?.trim().slice(0, 60)}`));

      // Sign-in refused: the button keeps the focus.
      const stranger = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const login = await stranger.newPage();
      await withFailureScreenshot(login, `focus-sign-in-${dialect}`, async () => {
        await login.goto(`${live.base}/login`);
        await login.getByLabel('Email').fill(email);
        await login.getByLabel('Password').fill('not the password');
        await login.getByRole('button', { name: 'Sign in' }).focus();
        await login.keyboard.press('Enter');
        await login.getByText('That email and password do not match an account').waitFor();
        expect(await active(login)).toBe('BUTTON Sign in');
      });
      await stranger.close();

      const page = await context.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `focus-pending-${dialect}`, async () => {
        // A save that leaves the button disabled (nothing left to save): the focus stays on it.
        await page.goto(`${live.base}/app/campaigns/${created.json().id}`);
        await page.getByLabel('Destination', { exact: true }).fill('https://example.com/new');
        await page.getByRole('button', { name: 'Save changes' }).focus();
        await page.keyboard.press('Enter');
        await page.getByText('Changes saved').first().waitFor();
        expect(await active(page)).toBe('BUTTON Save changes');
        // It is marked unavailable and ignores Enter until there is something to save.
        expect(await page.getByRole('button', { name: 'Save changes' }).getAttribute('aria-disabled')).toBe('true');

        // Bulk check with bad rows: the focus moves to what the check found.
        await page.goto(`${live.base}/app/bulk`);
        await page.getByLabel('Paste links, one per line').fill(['https://example.com/a', 'not a url'].join('\n'));
        await page.getByRole('button', { name: 'Check 2 links' }).focus();
        await page.keyboard.press('Enter');
        await page.getByText('1 of 2 rows needs fixing before anything can be created').waitFor();
        expect(await active(page)).toMatch(/^DIV 1 of 2 rows needs fixing/);

        // Payee details refused: the summary has the focus, and its link leads to the field.
        await page.goto(`${live.base}/app/payments/payee`);
        await page.getByLabel('Accept SEPA transfer').check();
        const sepa = page.getByRole('group', { name: 'SEPA transfer' });
        await sepa.getByLabel('Account holder').fill('Bäckerei Müller');
        await sepa.getByLabel('IBAN').fill('DE00 3704 0044 0532 0130 00');
        await page.getByRole('button', { name: 'Save payee details' }).focus();
        await page.keyboard.press('Enter');
        const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
        await summary.waitFor();
        expect(await active(page)).toMatch(/^DIV There is a problem/);
        await follow(page, /^SEPA transfer, IBAN: /);
        expect(await focused(page, sepa.getByLabel('IBAN'))).toBe(true);
        await expectAxeClean(page, 'payee details refused');

        // Several problems are listed in the order their fields stand in the form, not the server's.
        await page.getByLabel('Accept Swiss QR-bill').check();
        const swiss = page.getByRole('group', { name: 'Swiss QR-bill' });
        await swiss.getByLabel('Account holder').fill('Verein Zürich');
        await swiss.getByLabel('IBAN or QR-IBAN').fill('DE89 3704 0044 0532 0130 00');
        await page.getByRole('button', { name: 'Save payee details' }).click();
        await summary.getByRole('link', { name: /^Swiss QR-bill, IBAN or QR-IBAN: / }).waitFor();
        const listed = (await summary.getByRole('link').allTextContents()).map((text) => text.split(':')[0]);
        expect(listed).toEqual(['SEPA transfer, IBAN', 'Swiss QR-bill, IBAN or QR-IBAN', 'Swiss QR-bill, Postcode', 'Swiss QR-bill, Town', 'Swiss QR-bill, Country']);
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    90_000,
  );
});
