// A campaign's scans page in Chromium on a real server: the empty state before any scan; after
// scans through the real redirect (phones and a computer, two countries, today and yesterday),
// the totals, the daily numbers, the breakdowns in plain words and the CSV of the same scans; the
// period in the URL; a static code's page says why it has no scans. axe-clean at 1280 and 390 px.
import { expect, it } from 'vitest';
import {
  axeViolations,
  chromiumAvailable,
  expectAxeClean,
  phoneContextLike,
  chromiumForFile,
  downloadBytes,
  liveAppPerTest,
  signedInContext,
  watchPage,
  withFailureScreenshot,
} from '../helpers/dashboard-browser.ts';
import { ManualClock } from '../helpers/clock.ts';
import { describeDialects } from '../helpers/dialects.ts';

const DAY = 86_400_000;
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36';
const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67';

describeDialects('dashboard scans page in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'shows nothing yet, then the scans of the period, its breakdowns and its CSV',
    async () => {
      // The browser counts days on the real clock: the server's clock starts there too.
      const live = await startApp({ clock: new ManualClock(Date.now()), env: { TESSERA_COUNTRY_HEADER: 'cf-ipcountry' } });
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const create = async (payload: object) => {
        const response = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload });
        expect(response.statusCode, response.body).toBe(201);
        return response.json() as { id: string; short_code: string };
      };
      const poster = await create({ name: 'Spring poster', destination: 'https://example.com/spring' });
      const wifi = await create({ name: 'Wi-Fi', qr_type: 'static', destination: 'https://example.com/wifi' });
      const page = await context.newPage();
      const problems = watchPage(page);
      const clean = (label: string) => expectAxeClean(page, label);

      await withFailureScreenshot(page, `scans-${dialect}`, async () => {
        // No scans yet: the campaign list says nothing about them.
        await page.goto(`${live.base}/app`);
        await page.getByRole('link', { name: 'Spring poster' }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.getByTestId('account-scans').count()).toBe(0);
        // Reached from the designer.
        await page.goto(`${live.base}/app/campaigns/${poster.id}`);
        await page.getByRole('link', { name: 'Scans' }).click();
        await page.waitForURL(`${live.base}/app/campaigns/${poster.id}/scans`);
        await page.getByRole('heading', { name: 'No scans in the last 30 days' }).waitFor();
        await clean('empty scans page');

        // Five scans today (three people), one yesterday, one bot (left out).
        const scan = async (ua: string, ip: string, country: string, at = Date.now()) => {
          live.clock.set(at);
          const response = await live.app.inject({ method: 'GET', url: `/${poster.short_code}`, remoteAddress: ip, headers: { 'user-agent': ua, 'cf-ipcountry': country } });
          expect(response.statusCode).toBe(302);
        };
        await scan(IPHONE, '198.51.100.1', 'CH');
        await scan(IPHONE, '198.51.100.1', 'CH');
        await scan(IPHONE, '198.51.100.2', 'CH');
        await scan(ANDROID, '198.51.100.3', 'DE');
        await scan(WINDOWS, '198.51.100.4', 'DE');
        await scan(ANDROID, '198.51.100.5', 'DE', Date.now() - DAY);
        await scan('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', '66.249.66.1', 'US');
        live.clock.set(Date.now());
        await live.app.ctx.scans.flush();

        await page.reload();
        // A figure of the summary, by its label, on `view` (this page unless another is named).
        const stat = (label: string, view = page) =>
          view
            .locator('dl > div')
            .filter({ has: view.getByRole('term').getByText(label, { exact: true }) })
            .getByRole('definition')
            .first();
        await expect.poll(() => stat('Scans').textContent()).toBe('6');
        expect(await stat('Unique visitors').textContent()).toBe('5');
        expect(await stat('Busiest day').textContent()).toBe('5');
        await page.getByTestId('scans-chart').locator('canvas').waitFor();
        // The chart's numbers: today first, then yesterday.
        await page.getByText('Show the numbers').click();
        const rows = page.getByRole('table').getByRole('row');
        expect((await rows.nth(1).textContent())!.replace(/\s+/g, ' ')).toMatch(/5\s*4$/);
        expect((await rows.nth(2).textContent())!.replace(/\s+/g, ' ')).toMatch(/1\s*1$/);
        const card = (title: string) =>
          page
            .locator('div')
            .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
            .last();
        await expect.poll(() => card('Countries').textContent()).toMatch(/Germany3 · 50%.*Switzerland3 · 50%|Switzerland3 · 50%.*Germany3 · 50%/);
        expect(await card('Devices').textContent()).toMatch(/Phone5 · 83%.*Computer1 · 17%/);
        // Only what was scanned: no "Tablet 0 · 0%".
        expect(await card('Devices').textContent()).not.toContain('Tablet');
        expect(await card('Operating systems').textContent()).toMatch(/Android2 · 33%/);
        expect(await card('Operating systems').textContent()).toMatch(/iOS3 · 50%/);
        await clean('scans page with scans');
        await page.screenshot({ path: `.tmp/scans-1280-${dialect}.png`, fullPage: true });

        // The CSV holds the same six scans (the bot is left out, as on screen).
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
        const csv = (await downloadBytes(download)).toString('utf8').trim().split(/\r?\n/);
        expect(csv).toHaveLength(1 + 6);
        expect(download.suggestedFilename()).toMatch(new RegExp(`^scans-${poster.id}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));

        // The campaign list sums up the account's scans.
        await page.goto(`${live.base}/app`);
        await expect.poll(() => page.getByTestId('account-scans').textContent()).toBe('Scans of all your codes: 5 today · 6 in the last 7 days · 6 in the last 30 days');
        await page.goBack();
        await page.getByTestId('scans-chart').locator('canvas').waitFor();
        await page.getByText('Show the numbers').click();

        // The period lives in the URL.
        await page.getByLabel('Period').selectOption('7');
        await page.waitForURL(/\?days=7$/);
        await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(1 + 7);

        // A static code has nothing to count, and says why.
        await page.goto(`${live.base}/app/campaigns/${wifi.id}/scans`);
        await page.getByText('Static codes are not counted').waitFor();
        await page.goto(`${live.base}/app/campaigns/cmp_doesnotexist/scans`);
        await page.getByRole('heading', { name: 'Campaign not found' }).waitFor();

        // A page left open takes new scans in: it says as of when, and fetches again every 30 s
        // (the browser's clock moved, not waited for).
        const watching = await context.newPage();
        problems.push(...watchPage(watching));
        await watching.clock.install({ time: Date.now() });
        await watching.goto(`${live.base}/app/campaigns/${poster.id}/scans`);
        const watched = (label: string) => stat(label, watching);
        await expect.poll(() => watched('Scans').textContent()).toBe('6');
        expect(await watching.getByText(/^As of .+ The figures update every 30 seconds/).count()).toBe(1);
        expect(await watching.getByText('No scan came with a country').count()).toBe(0);
        await scan(IPHONE, '198.51.100.9', 'CH');
        live.clock.set(Date.now());
        await live.app.ctx.scans.flush();
        await watching.clock.fastForward(31_000);
        await expect.poll(() => watched('Scans').textContent()).toBe('7');

        // Scans that came with no country (no CDN header, no GeoIP database) say where one comes from.
        const flyer = await create({ name: 'Flyer', destination: 'https://example.com/flyer' });
        const plain = await live.app.inject({ method: 'GET', url: `/${flyer.short_code}`, remoteAddress: '198.51.100.20', headers: { 'user-agent': IPHONE } });
        expect(plain.statusCode).toBe(302);
        await live.app.ctx.scans.flush();
        await watching.goto(`${live.base}/app/campaigns/${flyer.id}/scans`);
        await watching.getByText('No scan came with a country.').waitFor();
        await expectAxeClean(watching, 'scans without countries');
        await watching.close();
      });

      // The same page at 390 px.
      const phone = await phoneContextLike(chromium(), context);
      const small = await phone.newPage();
      problems.push(...watchPage(small));
      await withFailureScreenshot(small, `scans-390-${dialect}`, async () => {
        await small.goto(`${live.base}/app/campaigns/${poster.id}/scans`);
        await small.getByTestId('scans-chart').locator('canvas').waitFor();
        await small.waitForLoadState('networkidle');
        expect(await axeViolations(small)).toEqual([]);
        expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await small.screenshot({ path: `.tmp/scans-390-${dialect}.png`, fullPage: true });
      });
      expect(problems).toEqual([]);
      await phone.close();
      await context.close();
    },
    120_000,
  );
});
