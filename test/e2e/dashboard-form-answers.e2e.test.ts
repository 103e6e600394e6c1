// A campaign's form answers in Chromium on a real server: the designer links to them only when
// the campaign's page has a form; before any answer, an empty state with the page's link; after
// two answers sent through the public form endpoint, one row each under the form's own labels
// (yes/no for a checkbox, a dash for a field left empty), and the same answers as CSV. At 390 px
// each answer is a card, question by question, instead of a table scrolling sideways.
// axe-clean at 1280 and 390 px.
import { expect, it } from 'vitest';
import {
  chromiumAvailable,
  chromiumForFile,
  downloadBytes,
  expectAxeClean,
  liveAppPerTest,
  phoneContextLike,
  signedInContext,
  watchPage,
  withFailureScreenshot,
} from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { samplePage } from '../helpers/pages.ts';

describeDialects('dashboard form answers in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'lists the answers of a campaign form under its labels and downloads them as CSV',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const create = async (payload: object) => {
        const res = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload });
        expect(res.statusCode, res.body).toBe(201);
        return res.json() as { id: string; short_code: string; hosted_page_url: string };
      };
      const fair = await create({ name: 'Spring fair', slug: 'fair', destination: 'https://example.com/', hosted_page: samplePage() });
      const plain = await create({ name: 'Poster', destination: 'https://example.com/poster' });
      const page = await context.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `answers-${dialect}`, async () => {
        // Only a campaign whose page has a form links to answers.
        await page.goto(`${live.base}/app/campaigns/${plain.id}`);
        await page.getByTestId('qr-preview').waitFor();
        expect(await page.getByRole('link', { name: 'Form answers' }).count()).toBe(0);
        await page.goto(`${live.base}/app/campaigns/${fair.id}`);
        await page.getByRole('link', { name: 'Form answers' }).click();
        await page.getByRole('heading', { name: 'No answers yet' }).waitFor();
        await expectAxeClean(page, 'answers, empty');

        const submit = async (data: Record<string, unknown>, ip: string) => {
          const res = await live.app.inject({ method: 'POST', url: `/api/v1/forms/submit/${fair.short_code}`, remoteAddress: ip, payload: data });
          expect(res.statusCode, res.body).toBe(201);
        };
        await submit({ name: 'Ada Lovelace', email: 'ada@example.com', guests: 2, size: 'M', notes: 'Vegetarian', consent: true }, '198.51.100.1');
        live.clock.advance(60_000);
        await submit({ name: 'Grace Hopper', email: 'grace@example.com', consent: true }, '198.51.100.2');

        await page.reload();
        const table = page.getByRole('table');
        await table.waitFor();
        const headerCells = await table.getByRole('columnheader').allTextContents();
        expect(headerCells).toEqual(['Sent', 'Your name', 'Email', 'Guests', 'T-shirt size', 'Notes', 'I agree to be contacted']);
        const rows = table.getByRole('row');
        // Newest first; a field left empty reads as a dash, a ticked box as "Yes".
        expect((await rows.nth(1).getByRole('cell').allTextContents()).slice(1)).toEqual(['Grace Hopper', 'grace@example.com', '—', '—', '—', 'Yes']);
        expect((await rows.nth(2).getByRole('cell').allTextContents()).slice(1)).toEqual(['Ada Lovelace', 'ada@example.com', '2', 'M', 'Vegetarian', 'Yes']);
        await expectAxeClean(page, 'answers');

        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
        const csv = (await downloadBytes(download)).toString('utf8').trim().split(/\r?\n/);
        expect(csv).toHaveLength(3);
        expect(csv.join('\n')).toContain('Ada Lovelace');
        expect(csv.join('\n')).toContain('Grace Hopper');
      });

      const phone = await phoneContextLike(chromium(), context);
      const small = await phone.newPage();
      problems.push(...watchPage(small));
      await small.goto(`${live.base}/app/campaigns/${fair.id}/answers`);
      const cards = small.getByRole('list', { name: 'Answers, newest first' }).getByRole('listitem');
      await cards.first().waitFor();
      expect(await small.getByRole('table').isVisible()).toBe(false);
      expect(await cards.count()).toBe(2);
      // Newest first, every question under its label, a field left empty as a dash.
      const pairs = async (i: number) => {
        const card = cards.nth(i);
        const terms = await card.locator('dt').allTextContents();
        const values = await card.locator('dd').allTextContents();
        return terms.map((term, j) => `${term}: ${values[j]}`);
      };
      expect(await pairs(0)).toEqual(['Your name: Grace Hopper', 'Email: grace@example.com', 'Guests: —', 'T-shirt size: —', 'Notes: —', 'I agree to be contacted: Yes']);
      expect((await pairs(1))[0]).toBe('Your name: Ada Lovelace');
      await expectAxeClean(small, 'answers at 390 px');
      // Nothing scrolls sideways, the page or a card.
      expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await small.screenshot({ path: `.tmp/answers-390-${dialect}.png`, fullPage: true });
      await page.screenshot({ path: `.tmp/answers-1280-${dialect}.png`, fullPage: true });
      expect(problems).toEqual([]);
      await phone.close();
      await context.close();
    },
    120_000,
  );
});
