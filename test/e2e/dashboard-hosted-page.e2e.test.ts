// A campaign's hosted page made in the dashboard, in Chromium on a real server: written from an
// empty editor (blocks added from the keyboard, a form with an email and a choice question),
// published under an address made from the campaign's name, reordered, then filled in as a
// visitor would; the answer arrives under the names the editor gave the questions. The server's
// refusals (a reserved address, an empty heading, a non-web link) show beside their fields and
// in the summary; removing the page takes it offline and keeps the answers. Once published, the
// page offers to take the code's scans (asking first, naming the destination it replaces): the
// short link then answers 302 to the page, and the campaign editor says so. Live tickets are
// offered the same; static codes are told why not. axe-clean at 1280 and 390 px.
import { expect, it } from 'vitest';
import {
  atDesktopAndPhone,
  chromiumAvailable,
  chromiumForFile,
  expectAxeClean,
  liveAppPerTest,
  phoneContextLike,
  signedInContext,
  watchPage,
  withFailureScreenshot,
} from '../helpers/dashboard-browser.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('dashboard hosted page editor in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'writes, publishes and reorders a page with a form, and a visitor answers it',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Spring fair', destination: 'https://example.com/' } });
      expect(created.statusCode, created.body).toBe(201);
      const campaignId = created.json().id as string;
      const stored = async () => (await live.app.inject({ method: 'GET', url: `/api/v1/campaigns/${campaignId}`, headers })).json();

      const page = await context.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `hosted-page-${dialect}`, async () => {
        await page.goto(`${live.base}/app/campaigns/${campaignId}`);
        await page.getByRole('link', { name: 'Add a page' }).click();
        await page.getByRole('heading', { name: 'Hosted page', level: 1 }).waitFor();
        await page.getByText('This campaign has no page yet').waitFor();
        expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Spring fair');
        await expectAxeClean(page, 'page editor, new');

        await page.getByLabel('Title', { exact: true }).fill('Spring fair 2027');
        // A block added from the keyboard takes the focus: typing goes into it.
        await page.getByRole('button', { name: 'Heading', exact: true }).click();
        await page.keyboard.type('Welcome');
        await page.getByRole('button', { name: 'Text', exact: true }).click();
        await page.keyboard.type('Leave your email for the raffle.');
        await page.getByRole('button', { name: 'Link', exact: true }).click();
        await page.keyboard.type('Programme');
        const link = page.getByRole('region', { name: 'Link 1' });
        await link.getByLabel('Leads to', { exact: true }).fill('example.com/programme');
        await link.getByLabel('Leads to', { exact: true }).blur();
        expect(await link.getByLabel('Leads to', { exact: true }).inputValue()).toBe('https://example.com/programme');

        await page.getByLabel('Ask people to fill in a form', { exact: true }).check();
        await page.getByRole('button', { name: 'Add a question' }).click();
        await page.keyboard.type('Email address');
        const first = page.getByRole('region', { name: 'Question 1' });
        await first.getByLabel('Answer', { exact: true }).selectOption('email');
        await first.getByLabel('An answer is required', { exact: true }).check();
        await expect.poll(() => first.getByText('Answers are kept as “email_address”').count()).toBe(1);
        await page.getByRole('button', { name: 'Add a question' }).click();
        await page.keyboard.type('T-shirt size');
        const second = page.getByRole('region', { name: 'Question 2' });
        await second.getByLabel('Answer', { exact: true }).selectOption('select');
        await second.getByLabel('Choices', { exact: true }).fill('S\nM\nL');

        // Publishing offers an address made from the campaign's name.
        await page.getByLabel('Published', { exact: true }).check();
        expect(await page.getByLabel('Address', { exact: true }).inputValue()).toBe('spring-fair');
        await expectAxeClean(page, 'page editor, filled');
        await page.getByRole('button', { name: 'Create the page' }).click();
        await page.getByText('Page saved and published').first().waitFor();

        let campaign = await stored();
        expect(campaign.slug).toBe('spring-fair');
        expect(campaign.hosted_page.title).toBe('Spring fair 2027');
        expect(campaign.hosted_page.published).toBe(true);
        expect(campaign.destination).toBe('https://example.com/');

        // Published, the page offers to take the code's scans; the confirmation names what it replaces.
        await page.getByText('People who scan it still go to https://example.com/').waitFor();
        await expectAxeClean(page, 'page editor, published, scans elsewhere');
        await page.screenshot({ path: `.tmp/hosted-page-send-1280-${dialect}.png` });
        await page.getByRole('button', { name: 'Send scans to this page' }).click();
        const confirm = page.getByRole('alertdialog', { name: 'Send scans to this page?' });
        await expect.poll(() => confirm.textContent()).toContain(`will land on ${campaign.hosted_page_url} instead of https://example.com/`);
        await expectAxeClean(page, 'send scans confirmation');
        await page.screenshot({ path: `.tmp/hosted-page-send-confirm-1280-${dialect}.png` });
        await confirm.getByRole('button', { name: 'Send scans to this page' }).click();
        await page.getByText('Scans now lead to this page').first().waitFor();
        await page.getByRole('heading', { name: 'Scans lead to this page' }).waitFor();
        expect(await page.getByRole('button', { name: 'Send scans to this page' }).count()).toBe(0);
        // The pressed button is gone: focus is on the sentence that took its place, not lost.
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Scans lead to this page');
        expect((await stored()).destination).toBe(campaign.hosted_page_url);
        // The short link now leads to the page.
        const followed = await fetch(`${live.base}/${campaign.short_code}`, { redirect: 'manual' });
        expect(followed.status).toBe(302);
        expect(followed.headers.get('location')).toBe(campaign.hosted_page_url);
        expect(await (await fetch(followed.headers.get('location')!)).text()).toContain('Spring fair 2027');
        expect(campaign.hosted_page.blocks).toEqual([
          { type: 'heading', text: 'Welcome', level: 2 },
          { type: 'paragraph', text: 'Leave your email for the raffle.' },
          { type: 'link', text: 'Programme', url: 'https://example.com/programme' },
        ]);
        expect(campaign.hosted_page.form.fields.map((f: { name: string; type: string; required: boolean; options: string[] | null }) => [f.name, f.type, f.required, f.options])).toEqual([
          ['email_address', 'email', true, null],
          ['t_shirt_size', 'select', false, ['S', 'M', 'L']],
        ]);

        // Reordered with the row buttons; a saved question keeps its stored name when relabelled.
        // Moving a row to the top disables its up arrow: focus goes to its down arrow, not the page.
        await page.getByRole('button', { name: 'Move Link 1 up' }).click();
        await page.getByRole('button', { name: 'Move Link 1 up' }).click();
        expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Link 1 down');
        await page.getByRole('button', { name: 'Move Link 1 down' }).click();
        await page.getByRole('region', { name: 'Question 1' }).getByLabel('Question', { exact: true }).fill('Your email');
        await page.getByRole('button', { name: 'Save changes' }).click();
        // (The first save's toast may still be up: wait for this save to land instead.)
        await expect.poll(async () => (await stored()).hosted_page.blocks.map((b: { type: string }) => b.type)).toEqual(['heading', 'link', 'paragraph']);
        await expect.poll(() => page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
        campaign = await stored();
        expect(campaign.hosted_page.form.fields[0]).toMatchObject({ name: 'email_address', label: 'Your email' });

        // The preview is the server's page, in a new tab, marked as such, its form sending nothing.
        const [preview] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: /^Preview/ }).click()]);
        await preview.getByRole('heading', { name: 'Spring fair 2027', level: 1 }).waitFor();
        await preview.getByText('Preview of the published page').waitFor();
        expect(await preview.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
        await expectAxeClean(preview, 'hosted page preview');
        await preview.screenshot({ path: `.tmp/hosted-page-preview-${dialect}.png`, fullPage: true });
        await preview.close();

        const open = page.getByRole('link', { name: 'Open the page' });
        expect(await open.getAttribute('href')).toBe(campaign.hosted_page_url);
        expect(campaign.hosted_page_url).toMatch(/\/p\/[a-z0-9-]+\/spring-fair$/);
      });

      // A visitor answers on the public page.
      const visitor = await chromium().newContext();
      const publicPage = await visitor.newPage();
      await publicPage.goto((await stored()).hosted_page_url);
      await publicPage.getByRole('heading', { name: 'Spring fair 2027' }).waitFor();
      await publicPage.getByLabel('Your email').fill('ada@example.com');
      await publicPage.getByLabel('T-shirt size').selectOption('M');
      await publicPage.getByRole('button', { name: 'Send' }).click();
      // The heading says the answer was sent; the default thank-you message does not say it again.
      await publicPage.getByRole('heading', { level: 1, name: 'Your answer has been sent' }).waitFor();
      expect(await publicPage.getByRole('status').textContent()).toBe('Thank you!');
      await visitor.close();
      const answers = (await live.app.inject({ method: 'GET', url: `/api/v1/forms/campaign/${campaignId}`, headers })).json().data;
      expect(answers.map((a: { data: unknown }) => a.data)).toEqual([{ email_address: 'ada@example.com', t_shirt_size: 'M' }]);

      const phone = await phoneContextLike(chromium(), context);
      const small = await phone.newPage();
      problems.push(...watchPage(small));
      await small.goto(`${live.base}/app/campaigns/${campaignId}/page`);
      await small.getByRole('region', { name: 'Question 2' }).waitFor();
      await expectAxeClean(small, 'page editor at 390 px');
      expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await small.screenshot({ path: `.tmp/hosted-page-390-${dialect}.png`, fullPage: true });
      await page.screenshot({ path: `.tmp/hosted-page-1280-${dialect}.png`, fullPage: true });

      // Where the destination is, the campaign says it is the page.
      for (const [tab, width] of [
        [page, 1280],
        [small, 390],
      ] as const) {
        await tab.goto(`${live.base}/app/campaigns/${campaignId}`);
        const hint = tab.getByText('Scans lead to this campaign’s hosted page.');
        await hint.waitFor();
        expect(await tab.getByLabel('Destination', { exact: true }).inputValue()).toBe((await stored()).hosted_page_url);
        expect(await tab.getByLabel('Destination', { exact: true }).getAttribute('aria-describedby')).toContain(await hint.getAttribute('id'));
        await expectAxeClean(tab, `campaign editor leading to its page at ${width} px`);
        await tab.screenshot({ path: `.tmp/hosted-page-destination-${width}-${dialect}.png`, fullPage: true });
      }
      expect(problems).toEqual([]);
      await phone.close();
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'an empty form reads as something to do and links to "Add a question"; the address loses its trailing hyphen',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Spring menu', destination: 'https://example.com/' } });
      expect(created.statusCode, created.body).toBe(201);
      const campaignId = created.json().id as string;
      const phone = await phoneContextLike(chromium(), context);
      for (const [tab, width] of [
        [await context.newPage(), 1280],
        [await phone.newPage(), 390],
      ] as const) {
        await withFailureScreenshot(tab, `hosted-page-empty-form-${width}-${dialect}`, async () => {
          await tab.goto(`${live.base}/app/campaigns/${campaignId}/page`);
          await tab.getByRole('heading', { name: 'Hosted page', level: 1 }).waitFor();
          const address = tab.getByRole('textbox', { name: /^Address/ });
          await address.fill('Spring Menu!!');
          expect(await address.inputValue()).toBe('spring-menu-');
          await address.blur();
          expect(await address.inputValue()).toBe('spring-menu');

          await tab.getByLabel('Ask people to fill in a form', { exact: true }).check();
          await tab.getByRole('button', { name: 'Create the page' }).click();
          const item = tab.getByRole('link', { name: 'Form: add at least one question (up to 30)' });
          await item.waitFor();
          await tab.getByText('add at least one question (up to 30)', { exact: true }).waitFor();
          await expectAxeClean(tab, `page editor, empty form at ${width} px`);
          await tab.screenshot({ path: `.tmp/hosted-page-empty-form-${width}-${dialect}.png`, fullPage: true });
          await item.click();
          expect(await tab.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Add a question');
        });
      }
      await phone.close();
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'offers no address made of digits alone for a name in another script; publishing then asks for one beside the field',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const name = '春のメニュー ポスター — 本店 2026 限定版';
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name, destination: 'https://example.com/' } });
      expect(created.statusCode, created.body).toBe(201);
      const campaignId = created.json().id as string;
      await atDesktopAndPhone(chromium(), context, `hosted-page-address-${dialect}`, async (page, width) => {
        await page.goto(`${live.base}/app/campaigns/${campaignId}/page`);
        const address = page.getByRole('textbox', { name: /^Address/ });
        await address.waitFor();
        // Not "2026": the example, and the rule in the hint.
        expect(await address.getAttribute('placeholder')).toBe('spring-fair');
        await page.getByText('Lowercase letters, digits and hyphens.').waitFor();
        await page.getByLabel('Published', { exact: true }).check();
        expect(await address.inputValue()).toBe('');
        await address.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `.tmp/hosted-page-address-${width}.png` });
        await expectAxeClean(page, `page editor, name in Japanese, at ${width} px`);
      });
      // Published with no address: the server's refusal stands beside the field, and one typed there is taken.
      const page = await context.newPage();
      await page.goto(`${live.base}/app/campaigns/${campaignId}/page`);
      const address = page.getByRole('textbox', { name: /^Address/ });
      await page.getByLabel('Published', { exact: true }).check();
      await page.getByRole('button', { name: 'Create the page' }).click();
      await expect.poll(() => address.getAttribute('aria-invalid')).toBe('true');
      await address.fill('haru-menu');
      await page.getByRole('button', { name: 'Create the page' }).click();
      await page.getByText('Page saved and published').first().waitFor();
      expect((await live.app.inject({ method: 'GET', url: `/api/v1/campaigns/${campaignId}`, headers })).json().slug).toBe('haru-menu');
      await context.close();
    },
    60_000,
  );

  it.skipIf(!chromiumAvailable)(
    "shows the server's refusals beside their fields, and removing the page takes it offline",
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({
        method: 'POST',
        url: '/api/v1/campaigns',
        headers,
        payload: {
          name: 'Menu',
          slug: 'menu',
          destination: 'https://example.com/',
          hosted_page: { title: 'Menu', published: true, form: { fields: [{ name: 'dish', label: 'Dish', type: 'text' }] } },
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { id: campaignId, hosted_page_url: pageUrl, short_code: shortCode } = created.json();
      const sent = await live.app.inject({ method: 'POST', url: `/api/v1/forms/submit/${shortCode}`, payload: { dish: 'Soup' } });
      expect(sent.statusCode, sent.body).toBe(201);

      const page = await context.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `hosted-page-errors-${dialect}`, async () => {
        await page.goto(`${live.base}/app/campaigns/${campaignId}/page`);
        await page.getByLabel('Title', { exact: true }).waitFor();
        // A reserved address: refused before the page is looked at.
        await page.getByLabel('Address', { exact: true }).fill('docs');
        await page.getByRole('button', { name: 'Save changes' }).click();
        const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
        await summary.getByText('Address is reserved; choose another').waitFor();
        expect(await page.getByLabel('Address', { exact: true }).getAttribute('aria-invalid')).toBe('true');
        expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('There is a problem');
        // Editing puts the refusal away.
        await page.getByLabel('Address', { exact: true }).fill('menu');
        await expect.poll(() => summary.count()).toBe(0);
        // Typed as people type it, the address stays one it can be: spaces and capitals become
        // what the rule allows as they go.
        const address = page.getByLabel('Address', { exact: true });
        await address.fill('');
        await address.pressSequentially('Menu du Jour ');
        expect(await address.inputValue()).toBe('menu-du-jour-');
        await address.fill('menu');

        // An empty heading and a link that is not a web address: each named where it is.
        await page.getByRole('button', { name: 'Heading', exact: true }).click();
        await page.getByRole('button', { name: 'Link', exact: true }).click();
        await page.keyboard.type('Order');
        const link = page.getByRole('region', { name: 'Link 1' });
        await link.getByLabel('Leads to', { exact: true }).fill('ftp://example.com/menu.pdf');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await summary.waitFor();
        const heading = page.getByRole('region', { name: 'Heading 1' });
        expect(await heading.getByLabel('Heading text', { exact: true }).getAttribute('aria-invalid')).toBe('true');
        expect(await link.getByLabel('Leads to', { exact: true }).getAttribute('aria-invalid')).toBe('true');
        expect(await summary.textContent()).toMatch(/Heading 1: text must not be empty/);
        expect(await summary.textContent()).toMatch(/Link 1: address/);
        await expectAxeClean(page, 'page editor with errors');
        expect((await live.app.inject({ method: 'GET', url: `/api/v1/campaigns/${campaignId}`, headers })).json().hosted_page.blocks).toEqual([]);

        // Leaving an address field untouched keeps the refusal on screen.
        await link.getByLabel('Leads to', { exact: true }).focus();
        await page.keyboard.press('Tab');
        expect(await summary.count()).toBe(1);
        // A removed row gives focus to the row that took its place.
        await page.getByRole('button', { name: 'Remove Heading 1' }).click();
        expect(await page.evaluate(() => document.activeElement?.closest('section')?.getAttribute('aria-label'))).toBe('Link 1');
        await link.getByLabel('Leads to', { exact: true }).fill('https://example.com/menu.pdf');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText('Page saved and published').first().waitFor();

        await page.getByRole('button', { name: 'Remove the page' }).click();
        await page.getByRole('alertdialog').getByRole('button', { name: 'Remove the page' }).click();
        await page.getByText('Page removed').first().waitFor();
        await page.getByText('This campaign has no page yet').waitFor();
      });
      const after = (await live.app.inject({ method: 'GET', url: `/api/v1/campaigns/${campaignId}`, headers })).json();
      expect(after.hosted_page).toBeNull();
      expect((await fetch(pageUrl)).status).toBe(404);
      // The answers outlive the page.
      const answers = (await live.app.inject({ method: 'GET', url: `/api/v1/forms/campaign/${campaignId}`, headers })).json().data;
      expect(answers).toHaveLength(1);
      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'offers a live ticket the way to its page, warns when scans lead to an unpublished page, and tells a static code why not',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const create = async (payload: object) => {
        const response = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload });
        expect(response.statusCode, response.body).toBe(201);
        return response.json();
      };
      const stored = async (id: string) => (await live.app.inject({ method: 'GET', url: `/api/v1/campaigns/${id}`, headers })).json();
      const page = { title: 'Door', published: true };
      const ticket = await create({ name: 'Gala ticket', slug: 'gala', qr_type: 'morphing', destination: 'https://example.com/gala', hosted_page: page });
      const fixed = await create({ name: 'Wi-Fi card', slug: 'wifi', qr_type: 'static', destination: 'https://example.com/wifi', hosted_page: page });

      const tab = await context.newPage();
      const problems = watchPage(tab);
      await withFailureScreenshot(tab, `hosted-page-kinds-${dialect}`, async () => {
        // A live ticket leads on through Tessera (with its live token): it can be sent to the page.
        const phone = await phoneContextLike(chromium(), context);
        const small = await phone.newPage();
        problems.push(...watchPage(small));
        await small.goto(`${live.base}/app/campaigns/${ticket.id}/page`);
        await small.getByRole('button', { name: 'Send scans to this page' }).click();
        await small.getByRole('alertdialog', { name: 'Send scans to this page?' }).waitFor();
        await expectAxeClean(small, 'send scans confirmation at 390 px');
        expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await small.screenshot({ path: `.tmp/hosted-page-send-confirm-390-${dialect}.png` });
        await small.keyboard.press('Escape');
        await small.screenshot({ path: `.tmp/hosted-page-send-390-${dialect}.png` });
        await phone.close();

        await tab.goto(`${live.base}/app/campaigns/${ticket.id}/page`);
        await tab.getByText('People who scan it still go to https://example.com/gala').waitFor();
        await tab.getByRole('button', { name: 'Send scans to this page' }).click();
        const confirm = tab.getByRole('alertdialog', { name: 'Send scans to this page?' });
        await expect.poll(() => confirm.textContent()).toContain('instead of https://example.com/gala');
        await confirm.getByRole('button', { name: 'Send scans to this page' }).click();
        await tab.getByRole('heading', { name: 'Scans lead to this page' }).waitFor();
        expect((await stored(ticket.id)).destination).toBe(ticket.hosted_page_url);

        // Unpublished while scans lead to it: a warning, and removing the page says what scans will meet.
        await tab.getByLabel('Published', { exact: true }).uncheck();
        await tab.getByRole('button', { name: 'Save changes' }).click();
        await tab.getByRole('alert').filter({ hasText: 'Scans lead to this page, but it is not published' }).waitFor();
        await expectAxeClean(tab, 'page editor, scans lead to an unpublished page');
        await tab.screenshot({ path: `.tmp/hosted-page-unpublished-target-1280-${dialect}.png` });
        await tab.getByRole('button', { name: 'Remove the page' }).click();
        await expect.poll(() => tab.getByRole('alertdialog').textContent()).toContain('Scans of the code lead to this page');
        await tab.keyboard.press('Escape');

        // A static code holds its destination: no action, one sentence saying why.
        await tab.goto(`${live.base}/app/campaigns/${fixed.id}/page`);
        await tab.getByText('This code cannot lead to the page').waitFor();
        expect(await tab.getByRole('button', { name: 'Send scans to this page' }).count()).toBe(0);
        await expectAxeClean(tab, 'page editor of a static code');
        await tab.screenshot({ path: `.tmp/hosted-page-static-1280-${dialect}.png` });
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'keeps a page saved after the session ended: sign-in, then the editor holds it again, with no leave prompt in the way',
    async () => {
      const live = await startApp();
      const { context, cookie, csrfToken, email, password } = await signedInContext(chromium(), live);
      const headers = { cookie, 'x-csrf-token': csrfToken, origin: live.base };
      const created = await live.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: 'Summer draw', destination: 'https://example.com/' } });
      expect(created.statusCode, created.body).toBe(201);
      const campaignId = created.json().id as string;
      const page = await context.newPage();
      const problems = watchPage(page);
      await withFailureScreenshot(page, `hosted-page-session-ended-${dialect}`, async () => {
        const editorUrl = `${live.base}/app/campaigns/${campaignId}/page`;
        await page.goto(editorUrl);
        await page.getByRole('heading', { name: 'Hosted page', level: 1 }).waitFor();
        await page.getByLabel('Title', { exact: true }).fill('Win a summer voucher');
        await page.getByRole('button', { name: 'Text', exact: true }).click();
        await page.getByRole('region', { name: 'Text 1' }).getByLabel('Text', { exact: true }).fill('One winner on 31 August.');
        // The session's lifetime passes while the page is being written.
        live.clock.advance(337 * 3_600_000);
        await page.getByRole('button', { name: 'Create the page' }).click();
        await page.waitForURL(/\/login\?/);
        await page.getByText('Your session has ended').waitFor();
        expect(await page.getByText('Leave without saving?').count()).toBe(0);
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(editorUrl);
        await page.getByText('Your unsaved changes are back').first().waitFor();
        expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Win a summer voucher');
        expect(await page.getByRole('region', { name: 'Text 1' }).getByLabel('Text', { exact: true }).inputValue()).toBe('One winner on 31 August.');
        await page.getByRole('button', { name: 'Create the page' }).click();
        await page.getByText('Page saved').first().waitFor();
        const stored = (
          await live.app.inject({
            method: 'GET',
            url: `/api/v1/campaigns/${campaignId}`,
            headers: { cookie: `tessera_session=${(await context.cookies()).find((c) => c.name === 'tessera_session')!.value}` },
          })
        ).json();
        expect(stored.hosted_page.title).toBe('Win a summer voucher');
        expect(stored.hosted_page.blocks).toEqual([{ type: 'paragraph', text: 'One winner on 31 August.' }]);
        // Taken back once: a reload shows the saved page, with nothing left to restore.
        await page.reload();
        await page.getByLabel('Title', { exact: true }).waitFor();
        expect(await page.getByText('Your unsaved changes are back').count()).toBe(0);
      });
      expect(problems).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
