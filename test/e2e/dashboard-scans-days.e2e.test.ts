// The scans page counts the viewer's days, as the API does in their zone: in New York across the
// autumn DST change (a 25-hour day), its figures equal the API's timeline and breakdowns for the
// same zone and range, and a page left open past local midnight moves on to the new day instead of
// refreshing the old period every 30 s (its clock is moved, not waited for).
import { expect, it } from 'vitest';
import { chromiumAvailable, chromiumForFile, liveAppPerTest, signedInContext, watchPage, withFailureScreenshot } from '../helpers/dashboard-browser.ts';
import { ManualClock } from '../helpers/clock.ts';
import { describeDialects } from '../helpers/dialects.ts';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67';
const TZ = 'America/New_York';

describeDialects('dashboard scans page across local days', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'shows the API’s figures for the viewer’s days across a DST change, and moves to the new day at local midnight',
    async () => {
      // 23:58 EST on Sunday 1 November 2026, the day New York fell back (25 hours long).
      const opened = Date.parse('2026-11-02T04:58:00Z');
      const live = await startApp({ clock: new ManualClock(opened), env: { TESSERA_COUNTRY_HEADER: 'cf-ipcountry' } });
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live, { timezoneId: TZ });
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Late show', destination: 'https://example.com/show' } });
      const poster = created.json() as { id: string; short_code: string };
      const scan = async (at: string, ua: string, ip: string, country: string) => {
        live.clock.set(at);
        const response = await live.app.inject({ method: 'GET', url: `/${poster.short_code}`, remoteAddress: ip, headers: { 'user-agent': ua, 'cf-ipcountry': country } });
        expect(response.statusCode).toBe(302);
      };
      await scan('2026-11-01T03:59:00Z', IPHONE, '198.51.100.1', 'US'); // 23:59 EDT on 31 October
      await scan('2026-11-01T04:00:00Z', IPHONE, '198.51.100.1', 'US'); // 00:00 EDT on 1 November
      await scan('2026-11-01T05:30:00Z', WINDOWS, '198.51.100.2', 'CA'); // 01:30 EDT
      await scan('2026-11-01T06:30:00Z', WINDOWS, '198.51.100.2', 'CA'); // 01:30 EST, an hour later
      await scan('2026-11-02T04:57:00Z', IPHONE, '198.51.100.3', 'US'); // 23:57 EST on 1 November
      live.clock.set(opened);
      await live.app.ctx.scans.flush();

      const page = await context.newPage();
      const problems = watchPage(page);
      // The chart draws its axis labels on a canvas: keep what it writes, to read them back.
      await page.addInitScript(() => {
        const drawn: string[] = [];
        (window as unknown as { drawnText: string[] }).drawnText = drawn;
        const fillText = CanvasRenderingContext2D.prototype.fillText;
        CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
          drawn.push(String(text));
          return fillText.call(this, text, ...rest);
        };
      });
      /** The date labels of the chart's time axis as last drawn (after a redraw at `width`). */
      const axisDates = async (width: number) => {
        await page.evaluate(() => {
          (window as unknown as { drawnText: string[] }).drawnText.length = 0;
        });
        await page.setViewportSize({ width, height: 900 });
        await expect.poll(() => page.evaluate(() => (window as unknown as { drawnText: string[] }).drawnText.length)).toBeGreaterThan(0);
        return (await page.evaluate(() => (window as unknown as { drawnText: string[] }).drawnText)).filter((text) => /^[A-Z][a-z]{2} \d{1,2}$/.test(text));
      };
      await page.clock.install({ time: opened });
      await withFailureScreenshot(page, `scans-days-${dialect}`, async () => {
        await page.goto(`${live.base}/app/campaigns/${poster.id}/scans?days=7`);
        const stat = (label: string) =>
          page
            .locator('dl > div')
            .filter({ has: page.getByRole('term').getByText(label, { exact: true }) })
            .getByRole('definition')
            .first();
        await expect.poll(() => stat('Scans').textContent()).toBe('5');
        // What the API says for the same zone and the same seven days.
        const api = async (path: string, from: string, to: string) =>
          (await live.app.inject({ method: 'GET', url: `/api/v1/analytics/campaign/${poster.id}/${path}?tz=${TZ}&from=${from}&to=${to}`, headers })).json();
        const timeline = await api('timeline', '2026-10-26', '2026-11-01');
        expect(timeline.data.filter((d: { scans: number }) => d.scans > 0).map((d: { date: string; scans: number }) => [d.date, d.scans])).toEqual([
          ['2026-10-31', 1],
          ['2026-11-01', 4],
        ]);
        const visitors = timeline.data.reduce((n: number, d: { unique_scans: number }) => n + d.unique_scans, 0);
        expect(await stat('Unique visitors').textContent()).toBe(String(visitors));
        expect(await stat('Busiest day').textContent()).toBe('4');
        await page.getByText('Show the numbers').click();
        const rows = page.getByRole('table').getByRole('row');
        const row = async (i: number) => (await rows.nth(i).textContent())!.replace(/\s+/g, ' ');
        await expect.poll(() => rows.count()).toBe(1 + 7);
        const [first, second] = timeline.data.slice(-2).reverse() as Array<{ scans: number; unique_scans: number }>;
        expect(await row(1)).toMatch(new RegExp(`Sun, Nov 1, 2026\\s*${first!.scans}\\s*${first!.unique_scans}$`));
        expect(await row(2)).toMatch(new RegExp(`Sat, Oct 31, 2026\\s*${second!.scans}\\s*${second!.unique_scans}$`));
        const countries = await api('countries', '2026-10-26', '2026-11-01');
        expect(countries.data).toEqual([
          { country: 'US', scans: 3, share: 0.6 },
          { country: 'CA', scans: 2, share: 0.4 },
        ]);
        const card = page
          .locator('div')
          .filter({ has: page.getByRole('heading', { name: 'Countries', exact: true }) })
          .last();
        await expect.poll(() => card.textContent()).toMatch(/United States3 · 60%.*Canada2 · 40%/);
        // Each day of the axis is named once, under its own bar; none outside the period.
        for (const width of [1279, 390]) {
          const dates = await axisDates(width);
          expect(dates.length, `${width}: ${dates}`).toBeGreaterThan(1);
          expect(new Set(dates).size, `${width}: ${dates}`).toBe(dates.length);
          expect(
            dates.every((d) => ['Oct 26', 'Oct 27', 'Oct 28', 'Oct 29', 'Oct 30', 'Oct 31', 'Nov 1'].includes(d)),
            `${width}: ${dates}`,
          ).toBe(true);
          await page.screenshot({ path: `.tmp/scans-days-${width}-${dialect}.png`, fullPage: true });
        }
        await page.setViewportSize({ width: 1280, height: 900 });
        const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
        expect(csv).toBe(`/api/v1/analytics/campaign/${poster.id}/export.csv?tz=America%2FNew_York&from=2026-10-26&to=2026-11-01`);

        // Midnight passes with the page open; a scan comes in on the new day.
        await scan('2026-11-02T05:01:00Z', IPHONE, '198.51.100.4', 'US'); // 00:01 EST on 2 November
        live.clock.set('2026-11-02T05:02:00Z');
        await live.app.ctx.scans.flush();
        await page.clock.fastForward(4 * 60_000);
        await expect.poll(() => row(1)).toMatch(/Mon, Nov 2, 2026\s*1\s*1$/);
        await expect.poll(() => rows.count()).toBe(1 + 7);
        expect(await row(2)).toMatch(/Sun, Nov 1, 2026\s*4\s*/);
        // Seven days ending today: 31 October (1 scan) is still in, 26 October has gone.
        await expect.poll(() => stat('Scans').textContent()).toBe('6');
        expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toContain('from=2026-10-27&to=2026-11-02');
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
