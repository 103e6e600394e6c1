// The dashboard's main flow in Chromium on a real server: first-run sign-up, a dynamic campaign
// designed in the browser (shape, colour, logo, a lint error fixed in one click), saved; its
// preview equals the server's render byte for byte, the downloaded PNG decodes to its public
// URL, which redirects; the destination is edited and followed at once; a start date holds the
// code back (403) until it is cleared; the campaign is archived (410); and an expired session
// sends the person to sign-in and back. A static code, which phones follow without Tessera, is
// offered no schedule, no hosted page and no scan controls, and says why; axe-clean at 1280 and
// 390 px.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeDialects } from '../helpers/dialects.ts';
import {
  atDesktopAndPhone,
  axeViolations,
  chromiumAvailable,
  chromiumForFile,
  decodeImage,
  downloadBytes,
  expectAxeClean,
  liveAppPerTest,
  logoPng,
  phoneContextLike,
  signedInContext,
  watchPage,
  withFailureScreenshot,
} from '../helpers/dashboard-browser.ts';

const HOUR = 3_600_000;

describeDialects('dashboard campaigns in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  async function previewSvg(page: Page): Promise<string> {
    const src = await page.getByTestId('qr-preview').getAttribute('src');
    const prefix = 'data:image/svg+xml;charset=utf-8,';
    expect(src?.startsWith(prefix)).toBe(true);
    return decodeURIComponent(src!.slice(prefix.length));
  }

  it.skipIf(!chromiumAvailable)(
    'signs up first, designs, saves, follows, edits, archives, and survives an expired session',
    async () => {
      const live = await startApp();
      const browser = chromium();
      const base = live.base;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `campaigns-${dialect}`, async () => {
        // First run: the product page leads to sign-up.
        await page.goto(`${base}/`);
        await page.getByRole('heading', { name: /QR codes you can change/ }).waitFor();
        await page.getByRole('link', { name: /Create (one|the first account)/ }).click();
        await page.getByLabel('Your name').fill('Ada Lovelace');
        await page.getByLabel('Organisation or brand').fill('Analytical Engines Ltd');
        await page.getByLabel('Email').fill('ada@example.com');
        // Ten spaces are ten characters, and still no password: refused beside the field, once (no hint repeating a rule).
        await page.getByLabel('Password').fill(' '.repeat(10));
        await page.getByRole('button', { name: 'Create account' }).click();
        await page.getByText('must contain something other than spaces').waitFor();
        expect(await page.getByText('At least 10 characters.').count()).toBe(0);
        await page.getByLabel('Password').fill('correct horse battery');
        await page.getByRole('button', { name: 'Create account' }).click();
        await page.waitForURL(`${base}/app`);
        await page.getByRole('heading', { name: 'Create your first QR code' }).waitFor();
        // The brand, not the person, is the account's public name.
        expect((await (await page.request.get(`${base}/api/v1/auth/me`)).json()).account.name).toBe('Analytical Engines Ltd');

        // Design a dynamic campaign.
        await page.getByRole('link', { name: 'New campaign' }).first().click();
        await page.getByLabel('Name', { exact: true }).fill('Spring poster');
        // Typed the way browsers allow ("example.com/spring"): leaving the field adds https://.
        const destination = page.getByLabel('Destination', { exact: true });
        await destination.fill('example.com/spring');
        await destination.press('Tab');
        await expect.poll(() => destination.inputValue()).toBe('https://example.com/spring');
        const before = await previewSvg(page);
        await page.getByRole('group', { name: 'Module shape' }).getByText('Dots', { exact: true }).click();
        await expect.poll(() => previewSvg(page)).not.toBe(before);
        await page.getByLabel('Code colour', { exact: true }).fill('#1d4ed8');
        await expect.poll(() => previewSvg(page)).toContain('#1d4ed8');
        // The swatch follows the hex field: a short form expands, an unfinished value keeps the last colour (not black).
        const swatch = page.getByLabel('Code colour: pick a colour');
        expect(await swatch.inputValue()).toBe('#1d4ed8');
        await page.getByLabel('Code colour', { exact: true }).fill('#1d4e');
        expect(await swatch.inputValue()).toBe('#11dd44');
        await page.getByLabel('Code colour', { exact: true }).fill('#1d4ed');
        expect(await swatch.inputValue()).toBe('#11dd44');
        await page.getByLabel('Code colour', { exact: true }).fill('#1d4ed8');
        await expect.poll(() => swatch.inputValue()).toBe('#1d4ed8');
        await expect.poll(() => previewSvg(page)).toContain('#1d4ed8');
        await page.locator('#logo-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await logoPng() });
        await page.getByRole('button', { name: 'Replace logo' }).waitFor();
        await expect.poll(() => previewSvg(page)).toContain('<image xlink:href="data:image/png;base64,');
        await page.getByText(/\d+ × \d+ modules · High error correction/).waitFor();

        // Trigger a lint error with the keyboard (quiet zone 1) and fix it in one click.
        const quietZone = page.getByLabel('Quiet zone (blank border)');
        await quietZone.focus();
        await page.keyboard.press('Home');
        await page.keyboard.press('ArrowRight');
        await page.getByText('The blank border (quiet zone) is too thin').waitFor();
        await expect.poll(() => page.getByTestId('qr-preview').getAttribute('data-state')).toBe('stale');
        await page.getByRole('button', { name: 'Set the quiet zone to 4 modules' }).click();
        await page.getByText('this code should scan reliably').waitFor();
        await expect.poll(() => page.getByTestId('qr-preview').getAttribute('data-state')).toBe('live');

        await page.getByRole('button', { name: 'Create campaign' }).click();
        await page.waitForURL(/\/app\/campaigns\/cmp_/);
        const publicUrl = (await page.locator('code').filter({ hasText: base }).first().textContent())!;
        const shortCode = publicUrl.slice(base.length + 1);
        expect(publicUrl).toMatch(new RegExp(`^${base}/[A-Za-z0-9]{7}$`));

        // The preview is exactly what the server serves.
        const served = await fetch(`${base}/api/render/${shortCode}.svg`);
        expect(served.status).toBe(200);
        const preview = await previewSvg(page);
        expect(preview).toBe(await served.text());
        expect(preview).toContain('#1d4ed8');

        // The downloaded PNG decodes to the public URL, which redirects to the destination.
        await page.getByLabel('Image size').selectOption('1024');
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG', exact: true }).click()]);
        expect(download.suggestedFilename()).toBe(`Spring-poster-${shortCode}-1024.png`);
        expect(await decodeImage(await downloadBytes(download))).toEqual([publicUrl]);
        // The downloaded SVG is that size too (width and height), so it opens at it elsewhere.
        const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SVG', exact: true }).click()]);
        expect(svgDownload.suggestedFilename()).toBe(`Spring-poster-${shortCode}.svg`);
        const svgFile = (await downloadBytes(svgDownload)).toString('utf8');
        expect(svgFile).toMatch(/^<svg[^>]* width="1024" height="1024"/);
        expect(await decodeImage(svgFile)).toEqual([publicUrl]);
        const first = await fetch(publicUrl, { redirect: 'manual' });
        expect(first.status).toBe(302);
        expect(first.headers.get('location')).toBe('https://example.com/spring');

        // Edit the destination: the next visit goes to the new one.
        await page.getByLabel('Destination', { exact: true }).fill('https://example.com/summer');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText('Changes saved').first().waitFor();
        const second = await fetch(publicUrl, { redirect: 'manual' });
        expect(second.headers.get('location')).toBe('https://example.com/summer');

        // Schedule a start a day ahead of the server's clock (typed in the browser's own zone): the
        // code says it is not active yet until the start is cleared again.
        const tomorrow = await page.evaluate(
          (ms) => {
            const d = new Date(ms);
            const two = (n: number) => String(n).padStart(2, '0');
            return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
          },
          live.clock.now() + 24 * HOUR,
        );
        await page.getByLabel('Starts').fill(tomorrow);
        await page.getByRole('button', { name: 'Save changes' }).click();
        await expect.poll(async () => (await fetch(publicUrl, { redirect: 'manual' })).status).toBe(403);
        await page.getByLabel('Starts').fill('');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await expect.poll(async () => (await fetch(publicUrl, { redirect: 'manual' })).status).toBe(302);

        // An edit saved after the session ended is not lost: sign-in, then the editor holds it again.
        const editorUrl = page.url();
        await page.getByLabel('Destination', { exact: true }).fill('https://example.com/autumn');
        live.clock.advance(337 * HOUR);
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.waitForURL(/\/login\?/);
        await page.getByText('Your session has ended').waitFor();
        expect(await page.getByText('Leave without saving?').count()).toBe(0);
        await page.getByLabel('Email').fill('ada@example.com');
        await page.getByLabel('Password').fill('correct horse battery');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(editorUrl);
        await page.getByText('Your unsaved changes are back').first().waitFor();
        expect(await page.getByLabel('Destination', { exact: true }).inputValue()).toBe('https://example.com/autumn');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await expect.poll(async () => (await fetch(publicUrl, { redirect: 'manual' })).headers.get('location')).toBe('https://example.com/autumn');
        // Taken back once: a reload shows the saved campaign, with nothing left to restore.
        await page.reload();
        await page.getByLabel('Destination', { exact: true }).waitFor();
        expect(await page.getByText('Your unsaved changes are back').count()).toBe(0);

        // Archive, after a confirmation naming the campaign: the code answers 410.
        await page.getByRole('button', { name: 'Archive', exact: true }).click();
        const dialog = page.getByRole('alertdialog', { name: 'Archive “Spring poster”?' });
        await expect.poll(() => dialog.textContent()).toContain('codes already printed');
        await dialog.getByRole('button', { name: 'Archive campaign' }).click();
        await page.getByText('This campaign is archived').waitFor();
        expect((await fetch(publicUrl, { redirect: 'manual' })).status).toBe(410);

        // The list: archived campaigns are behind the status filter.
        await page.getByRole('link', { name: 'Campaigns' }).first().click();
        await page.getByRole('heading', { name: 'No active campaigns' }).waitFor();

        // The session expires (server time moves past its lifetime): the next call sends the
        // person to sign-in, and signing in brings them back to the same view.
        live.clock.advance(337 * HOUR);
        await page.getByLabel('Status').selectOption('archived');
        await page.waitForURL(/\/login\?/);
        await page.getByText('Your session has ended').waitFor();
        await page.getByLabel('Email').fill('ada@example.com');
        await page.getByLabel('Password').fill('correct horse battery');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${base}/app?status=archived`);
        await page.getByRole('link', { name: 'Spring poster' }).waitFor();

        // Sign out: / shows the product page again.
        await page.getByRole('button', { name: 'Sign out' }).first().click();
        await page.waitForURL(`${base}/login`);
        await page.goto(`${base}/`);
        await page.getByRole('heading', { name: /QR codes you can change/ }).waitFor();
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'offers a static code no schedule, no page and no scan controls, and says why',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const limits = 'so it cannot be scheduled or lead to a hosted page';
      const page = await context.newPage();
      const problems = watchPage(page);
      let campaignId = '';
      await withFailureScreenshot(page, `campaigns-static-${dialect}`, async () => {
        // A schedule typed while the code was dynamic goes away with the choice of a static code.
        await page.goto(`${live.base}/app/campaigns/new`);
        await page.getByLabel('Name', { exact: true }).fill('Wi-Fi card');
        await page.getByLabel('Destination', { exact: true }).fill('https://example.com/wifi');
        await page.getByLabel('Starts').fill('2099-06-01T09:00');
        await page.getByRole('radio', { name: 'Static' }).check();
        await page.getByText(limits).waitFor();
        expect(await page.getByLabel('Starts').count()).toBe(0);
        expect(await page.getByLabel('Ends').count()).toBe(0);
        await page.getByRole('button', { name: 'Create campaign' }).click();
        await page.waitForURL(/\/app\/campaigns\/cmp_/);
        campaignId = page.url().split('/').pop()!;
        const stored = (await live.app.inject({ method: 'GET', url: `/api/v1/campaigns/${campaignId}`, headers })).json();
        expect(stored).toMatchObject({ qr_type: 'static', active_from: null, active_until: null });

        // The editor: one sentence instead of the schedule, and no page to add.
        await page.getByText(limits).waitFor();
        expect(await page.getByLabel('Starts').count()).toBe(0);
        expect(await page.getByRole('link', { name: 'Add a page' }).count()).toBe(0);
        expect(await page.getByRole('link', { name: 'Scans' }).count()).toBe(0);
        await expectAxeClean(page, 'static campaign editor at 1280 px');
        await page.screenshot({ path: `.tmp/campaign-static-1280-${dialect}.png`, fullPage: true });

        // Its scans page says why there is nothing, with no period to pick and nothing to download.
        await page.goto(`${live.base}/app/campaigns/${campaignId}/scans`);
        await page.getByText('Static codes are not counted').waitFor();
        expect(await page.getByLabel('Period').count()).toBe(0);
        expect(await page.getByRole('link', { name: 'Download CSV' }).count()).toBe(0);
        await expectAxeClean(page, 'static campaign scans at 1280 px');
        await page.screenshot({ path: `.tmp/campaign-static-scans-1280-${dialect}.png`, fullPage: true });
      });

      const phone = await phoneContextLike(chromium(), context);
      const small = await phone.newPage();
      problems.push(...watchPage(small));
      await withFailureScreenshot(small, `campaigns-static-390-${dialect}`, async () => {
        await small.goto(`${live.base}/app/campaigns/${campaignId}`);
        await small.getByText(limits).waitFor();
        await expectAxeClean(small, 'static campaign editor at 390 px');
        expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await small.screenshot({ path: `.tmp/campaign-static-390-${dialect}.png`, fullPage: true });
        // Changing the design far below the preview: a small copy follows in the corner, and
        // takes the person back up to the full preview.
        const floating = small.getByTestId('floating-preview');
        expect(await floating.count()).toBe(0);
        await small.getByRole('heading', { name: 'Design', exact: true }).scrollIntoViewIfNeeded();
        await floating.waitFor();
        await expectAxeClean(small, 'campaign editor at 390 px, scrolled to the design');
        await small.screenshot({ path: `.tmp/campaign-floating-preview-390-${dialect}.png` });
        // It keeps room for itself: scrolled to the end no control is under it, and scrolling to a
        // control (Tab) stops short of it.
        const underPreview = () =>
          small.evaluate(() => {
            const preview = document.querySelector('[data-testid=floating-preview]')!.getBoundingClientRect();
            const controls = Array.from(document.querySelectorAll<HTMLElement>('main a[href], main button, main input, main select, main textarea, main label'));
            return controls
              .filter((el) => !el.closest('[data-testid=floating-preview]'))
              .filter((el) => {
                const box = el.getBoundingClientRect();
                return box.width > 1 && box.x < preview.right && preview.x < box.right && box.y < preview.bottom && preview.y < box.bottom;
              })
              .map((el) => el.textContent?.trim() || el.tagName);
          });
        await small.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await expect.poll(underPreview).toEqual([]);
        expect(await small.evaluate(() => getComputedStyle(document.documentElement).scrollPaddingBottom)).toBe('128px');
        await small.screenshot({ path: `.tmp/campaign-floating-preview-end-390-${dialect}.png` });
        await floating.click();
        await floating.waitFor({ state: 'detached' });
        expect(await small.evaluate(() => getComputedStyle(document.documentElement).scrollPaddingBottom)).toBe('auto');
        await small.goto(`${live.base}/app/campaigns/${campaignId}/scans`);
        await small.getByText('Static codes are not counted').waitFor();
        expect(await small.getByLabel('Period').count()).toBe(0);
        await expectAxeClean(small, 'static campaign scans at 390 px');
        await small.screenshot({ path: `.tmp/campaign-static-scans-390-${dialect}.png`, fullPage: true });

        // Archiving it does not pretend to stop printed copies: phones follow those without Tessera.
        await small.goto(`${live.base}/app/campaigns/${campaignId}`);
        await small.getByRole('button', { name: 'Archive' }).click();
        const dialog = small.getByRole('alertdialog');
        await dialog.getByText('copies already printed or saved keep working').waitFor();
        await dialog.getByRole('button', { name: 'Archive campaign' }).click();
        await small.getByText('so printed copies still work').waitFor();
        expect(await small.getByText('will see a page saying the campaign has ended').count()).toBe(0);
      });
      expect(problems).toEqual([]);
      await phone.close();
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'shows a non-Latin destination as its letters, not percent-encoded, and an untouched one is not sent again',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const readable = 'https://example.org/新しいメニュー?席=12';
      // A right-to-left override stays encoded: it would show the address reordered.
      const staticReadable = 'https://example.org/قائمة/%E2%80%AEfdp.exe';
      const make = async (payload: object) => {
        const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload });
        expect(created.statusCode, created.body).toBe(201);
        return created.json() as { id: string; destination: string; updated_at: string; hosted_page_url: string };
      };
      const dynamic = await make({ name: 'Spring menu', slug: 'menu', destination: readable, hosted_page: { title: 'Menu', published: true } });
      const fixed = await make({ name: 'Wi-Fi card', qr_type: 'static', destination: staticReadable });
      expect(dynamic.destination).toBe('https://example.org/%E6%96%B0%E3%81%97%E3%81%84%E3%83%A1%E3%83%8B%E3%83%A5%E3%83%BC?%E5%B8%AD=12');
      expect(fixed.destination).toContain('%D9%82');

      await atDesktopAndPhone(chromium(), context, `readable-destination-${dialect}`, async (page, width) => {
        await page.goto(`${live.base}/app`);
        const row = page.getByRole('row').filter({ hasText: 'Spring menu' });
        await row.waitFor();
        // The destination column shows from md up; the static code's link is its destination.
        if (width === 1280) await row.getByText('example.org/新しいメニュー?席=12', { exact: true }).waitFor();
        await page.getByRole('row').filter({ hasText: 'Wi-Fi card' }).getByText('example.org/قائمة/%E2%80%AEfdp.exe', { exact: true }).first().waitFor();
        expect(await page.getByText('%E6%96%B0').count()).toBe(0);
        await expectAxeClean(page, `campaign list with non-Latin destinations at ${width} px`);
        await page.screenshot({ path: `.tmp/readable-destination-list-${width}.png` });

        await page.goto(`${live.base}/app/campaigns/${dynamic.id}/page`);
        await page.getByText(`People who scan it still go to ${readable}.`).waitFor();
        await page.getByRole('button', { name: 'Send scans to this page' }).click();
        await page.getByRole('alertdialog').getByText(`instead of ${readable}.`).waitFor();
        await page.screenshot({ path: `.tmp/readable-destination-send-${width}.png` });
        await page.keyboard.press('Escape');

        // The editor shows it readable, and untouched it is no change: Save stays off and
        // leaving asks nothing.
        await page.goto(`${live.base}/app/campaigns/${dynamic.id}`);
        const destination = page.getByLabel('Destination', { exact: true });
        await expect.poll(() => destination.inputValue()).toBe(readable);
        expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
        await destination.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `.tmp/readable-destination-editor-${width}.png` });
        await page.getByRole('link', { name: 'Campaigns' }).first().click();
        await page.waitForURL(`${live.base}/app`);
        expect(await page.getByRole('alertdialog').count()).toBe(0);

        // The static code's field keeps the override encoded, and its preview encodes what is stored.
        await page.goto(`${live.base}/app/campaigns/${fixed.id}`);
        await expect.poll(() => page.getByLabel('Destination', { exact: true }).inputValue()).toBe(staticReadable);
        expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
      });

      // Saving another change does not send the destination; sending it as shown changes nothing.
      const page = await context.newPage();
      await page.goto(`${live.base}/app/campaigns/${dynamic.id}`);
      await expect.poll(() => page.getByLabel('Destination', { exact: true }).inputValue()).toBe(readable);
      await page.getByLabel('Name', { exact: true }).fill('Spring menu 2026');
      const put = page.waitForRequest((request) => request.method() === 'PUT' && request.url().endsWith(`/api/v1/campaigns/${dynamic.id}`));
      await page.getByRole('button', { name: 'Save changes' }).click();
      expect((await put).postDataJSON()).toEqual({ name: 'Spring menu 2026' });
      await page.getByText('Changes saved').first().waitFor();
      await expect.poll(() => page.getByLabel('Destination', { exact: true }).inputValue()).toBe(readable);
      expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
      const before = (await live.app.inject({ method: 'GET', url: `/api/v1/campaigns/${dynamic.id}`, headers })).json();
      const again = await live.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${dynamic.id}`, headers, payload: { destination: readable } });
      expect(again.json()).toMatchObject({ destination: dynamic.destination, updated_at: before.updated_at });
      await context.close();
    },
    90_000,
  );

  it.skipIf(!chromiumAvailable)(
    'a download that fails says so in red and stays until dismissed, not as a green toast that fades',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Poster', destination: 'https://example.com/' } });
      expect(created.statusCode, created.body).toBe(201);
      const page = await context.newPage();
      await page.clock.install();
      await page.route('**/api/render/**', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({ title: 'Busy', status: 503, detail: 'This instance is drawing as many large images as it can hold in memory; retry in a few seconds.' }),
        }),
      );
      await withFailureScreenshot(page, `download-failed-${dialect}`, async () => {
        await page.goto(`${live.base}/app/campaigns/${created.json().id}`);
        await page.getByRole('button', { name: 'PNG', exact: true }).click();
        const failed = page.locator('[data-tone="error"]', { hasText: 'Download failed: ' });
        await failed.waitFor();
        await page.clock.fastForward(30_000);
        expect(await failed.isVisible()).toBe(true);
        await failed.getByRole('button', { name: 'Dismiss' }).click();
        await expect.poll(() => failed.count()).toBe(0);
      });
      await context.close();
    },
    60_000,
  );

  it.skipIf(!chromiumAvailable)(
    'keeps what was typed while a save was on its way, and leaves it to be saved',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Slow save', destination: 'https://example.com/start' } });
      expect(created.statusCode, created.body).toBe(201);
      const { id, public_url: publicUrl } = created.json() as { id: string; public_url: string };
      const page = await context.newPage();
      // Every save waits until the test lets it through: a slow network, made certain.
      let release = () => {};
      await page.route('**/api/v1/**', async (route) => {
        if (['PUT', 'PATCH'].includes(route.request().method())) await new Promise<void>((go) => (release = go));
        await route.continue();
      });
      const save = page.getByRole('button', { name: 'Save changes' });
      const heldSave = async (edit: () => Promise<void>) => {
        await save.click();
        await expect.poll(() => save.getAttribute('aria-busy')).toBe('true');
        await edit();
        release();
        await page
          .getByText(/Changes saved|Public pages updated/)
          .first()
          .waitFor();
        await expect.poll(() => save.getAttribute('aria-busy')).toBeNull();
      };
      await withFailureScreenshot(page, `slow-save-${dialect}`, async () => {
        await page.goto(`${live.base}/app/campaigns/${id}`);
        const destination = page.getByLabel('Destination', { exact: true });
        await destination.fill('https://example.com/first');
        await heldSave(() => destination.fill('https://example.com/second'));
        // The first edit was saved, the second is still in the field, and the form says so.
        expect(await destination.inputValue()).toBe('https://example.com/second');
        expect((await fetch(publicUrl, { redirect: 'manual' })).headers.get('location')).toBe('https://example.com/first');
        expect(await save.isEnabled()).toBe(true);
        await page.unroute('**/api/v1/**');
        await save.click();
        await expect.poll(async () => (await fetch(publicUrl, { redirect: 'manual' })).headers.get('location')).toBe('https://example.com/second');

        // The settings form keeps such an edit the same way.
        await page.route('**/api/v1/**', async (route) => {
          if (['PUT', 'PATCH'].includes(route.request().method())) await new Promise<void>((go) => (release = go));
          await route.continue();
        });
        await page.goto(`${live.base}/app/settings`);
        const name = page.getByLabel('Name', { exact: true });
        await name.fill('First Brand');
        await heldSave(() => name.fill('Second Brand'));
        expect(await name.inputValue()).toBe('Second Brand');
        expect(await save.isEnabled()).toBe(true);

        // And so does the hosted page editor, on its first save.
        await page.goto(`${live.base}/app/campaigns/${id}/page`);
        const address = page.getByRole('textbox', { name: /^Address/ });
        await address.fill('first-address');
        const create = page.getByRole('button', { name: 'Create the page' });
        await create.click();
        await expect.poll(() => create.getAttribute('aria-busy')).toBe('true');
        await address.fill('second-address');
        release();
        await page.getByText('Page saved').first().waitFor();
        expect(await address.inputValue()).toBe('second-address');
        await expect.poll(() => save.isEnabled()).toBe(true);
        expect((await live.app.inject({ method: 'GET', url: `/api/v1/campaigns/${id}`, headers })).json().slug).toBe('first-address');

        // And the payee details.
        await page.goto(`${live.base}/app/payments/payee`);
        await page.getByLabel('Accept UPI').check();
        const upi = page.getByRole('group', { name: 'UPI' });
        await upi.getByLabel('UPI ID').fill('sharma.store@okaxis');
        const payee = upi.getByLabel('Payee name');
        await payee.fill('Sharma Store');
        const savePayee = page.getByRole('button', { name: 'Save payee details' });
        await savePayee.click();
        await expect.poll(() => savePayee.getAttribute('aria-busy')).toBe('true');
        await payee.fill('Sharma General Store');
        release();
        await page.getByText('Payee details saved').first().waitFor();
        expect(await payee.inputValue()).toBe('Sharma General Store');
        expect((await live.app.inject({ method: 'GET', url: '/api/v1/merchant/payment-profile', headers })).json().data.profile.upi.payee_name).toBe('Sharma Store');
      });
      await context.close();
    },
    60_000,
  );

  it.skipIf(!chromiumAvailable)(
    'the campaign page header says when a code has not started or has ended, as the list does',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const make = async (name: string, schedule: Record<string, string>) => {
        const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name, destination: 'https://example.com/', ...schedule } });
        expect(created.statusCode, created.body).toBe(201);
        return created.json().id as string;
      };
      // Noon three calendar days ahead (the page counts calendar days): 73 hours ahead was four days after 23:00.
      const inThreeDays = new Date();
      inThreeDays.setDate(inThreeDays.getDate() + 3);
      inThreeDays.setHours(12, 0, 0, 0);
      const future = await make('Future launch', { active_from: inThreeDays.toISOString() });
      const ended = await make('Ended promo', { active_from: new Date(Date.now() - 72 * HOUR).toISOString(), active_until: new Date(Date.now() - 24 * HOUR).toISOString() });
      const running = await make('Running now', {});
      // While the list loads, its skeleton is a status with a name (axe: no aria-label on a bare div).
      const loading = await context.newPage();
      await loading.route('**/api/v1/campaigns?*', () => {});
      await loading.goto(`${live.base}/app`);
      await loading.getByLabel('Loading campaigns').waitFor();
      expect((await axeViolations(loading)).filter((v) => v.startsWith('aria-prohibited-attr'))).toEqual([]);
      expect(await loading.getByRole('status', { name: 'Loading campaigns' }).count()).toBe(1);
      await loading.close();

      await atDesktopAndPhone(chromium(), context, `schedule-header-${dialect}`, async (page, width) => {
        // Calendar days from today, as the page counts them (a run across midnight says one day fewer).
        const today = new Date();
        today.setHours(12, 0, 0, 0);
        const days = Math.round((inThreeDays.getTime() - today.getTime()) / (24 * HOUR));
        for (const [id, badge] of [
          [future, `Starts in ${days} days`],
          [ended, 'Ended'],
          [running, 'Active'],
        ] as const) {
          await page.goto(`${live.base}/app/campaigns/${id}`);
          const title = page.getByRole('heading', { level: 1 });
          await title.waitFor();
          const row = title.locator('xpath=..');
          await row.getByText(badge, { exact: true }).waitFor();
          if (badge !== 'Active') expect(await row.getByText('Active', { exact: true }).count()).toBe(0);
          if (id === future) await page.screenshot({ path: `.tmp/schedule-header-future-${width}.png` });
        }
      });
      await context.close();
    },
    60_000,
  );
});
