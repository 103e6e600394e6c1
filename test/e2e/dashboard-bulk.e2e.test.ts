// Bulk creation in Chromium: 50 pasted links, one of them bad: the server's dry run names the
// row before anything exists; once fixed, the ZIP holds 50 SVGs that each decode to their row's
// public URL, and a manifest matching what the API stores. A CSV with names gives PNGs, and the
// manifest keeps formula-looking names inert. A link pasted twice is a warning per line, not an
// error: both rows still get a code. A template whose logo is too large to copy into every code of
// the batch is refused by the check, with the reason beside the Design field. A batch name typed
// with the batch is stored (trimmed) as the batch's name and shown with the result; a refused one
// is said beside the field; a blank one is not sent, and the batch is created unnamed.
import { randomBytes } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { decodeSvg } from '../helpers/decode-qr.ts';
import { parseCsv } from '../helpers/csv.ts';
import { describeDialects } from '../helpers/dialects.ts';
import {
  atDesktopAndPhone,
  chromiumAvailable,
  chromiumForFile,
  decodeImage,
  downloadBytes,
  expectAxeClean,
  liveAppPerTest,
  signedInContext,
  watchPage,
  withFailureScreenshot,
} from '../helpers/dashboard-browser.ts';

describeDialects('dashboard bulk creation in Chromium', (dialect) => {
  const chromium = chromiumForFile();
  const startApp = liveAppPerTest(dialect);

  it.skipIf(!chromiumAvailable)(
    'checks 50 pasted links, names the bad row, then creates a ZIP of 50 decodable SVGs and a matching manifest',
    async () => {
      const live = await startApp();
      const browser = chromium();
      const { context, cookie } = await signedInContext(browser, live);
      const page = await context.newPage();
      const problems = watchPage(page);
      const urls = Array.from({ length: 50 }, (_, i) => `https://tickets.example/event/${i + 1}?seat=${String.fromCharCode(65 + (i % 26))}${i}`);
      let zip: Record<string, Uint8Array> = {};
      let batchId = '';
      await withFailureScreenshot(page, `bulk-${dialect}`, async () => {
        await page.goto(`${live.base}/app/bulk`);
        const textarea = page.getByLabel('Paste links, one per line');
        await textarea.fill(urls.map((u, i) => (i === 6 ? 'tickets/event/7' : u)).join('\n'));
        await page.getByRole('button', { name: 'Check 50 links' }).click();
        const rowErrors = page.getByTestId('row-errors');
        await rowErrors.waitFor();
        expect(await rowErrors.textContent()).toContain('Line 7');
        expect(await rowErrors.textContent()).toContain('absolute URL');
        // Only checked: nothing was to be created yet.
        await page.getByText('1 of 50 rows needs fixing before anything can be created').waitFor();
        expect(await page.getByText('nothing was created').count()).toBe(0);
        expect(await page.getByTestId('row-duplicates').count()).toBe(0);

        await textarea.fill(urls.join('\n'));
        // Spaces are no name: the request leaves batch_name out (the API would refuse a blank one).
        // The check sends what the creation sends; only an intercepted request shows its body.
        await page.getByLabel('Batch name').fill('   ');
        const sent: unknown[] = [];
        await page.route('**/api/v1/qrs/bulk', (route) => {
          sent.push(route.request().postDataJSON());
          return route.continue();
        });
        await page.getByRole('button', { name: 'Check 50 links' }).click();
        await page.getByText('All 50 links are valid.').waitFor();
        await page.unroute('**/api/v1/qrs/bulk');
        expect(sent).toHaveLength(1);
        expect(sent[0]).toMatchObject({ dry_run: true });
        expect(Object.keys(sent[0] as object)).not.toContain('batch_name');
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: 'Create 50 codes' }).click()]);
        await page.getByRole('heading', { name: '50 codes created', exact: true }).waitFor();
        expect(download.suggestedFilename()).toMatch(/^tessera-bat_\w+\.zip$/);
        batchId = /bat_\w+/.exec(download.suggestedFilename())![0];
        zip = unzipSync(new Uint8Array(await downloadBytes(download)));
      });
      const batch = await live.app.inject({ method: 'GET', url: `/api/v1/qrs/batches/${batchId}`, headers: { cookie } });
      expect(batch.json()).toMatchObject({ batch_id: batchId, codes: 50, name: null });

      const names = Object.keys(zip).sort();
      expect(names).toHaveLength(51);
      expect(names).toContain('manifest.csv');
      const manifest = parseCsv(strFromU8(zip['manifest.csv']!));
      expect(manifest[0]).toEqual(['name', 'short_code', 'public_url', 'destination']);
      const rows = manifest.slice(1);
      expect(rows.map((r) => r[3])).toEqual(urls);
      const listed = await live.app.inject({ method: 'GET', url: '/api/v1/campaigns?limit=100', headers: { cookie } });
      const stored = new Map((listed.json().data as Array<{ short_code: string; destination: string; public_url: string; name: string }>).map((c) => [c.short_code, c]));
      expect(stored.size).toBe(50);
      const svgs = names.filter((n) => n.endsWith('.svg'));
      expect(svgs).toHaveLength(50);
      for (const [i, row] of rows.entries()) {
        const [name, shortCode, publicUrl, destination] = row as [string, string, string, string];
        expect(stored.get(shortCode)).toMatchObject({ name, public_url: publicUrl, destination });
        expect(publicUrl).toBe(`${live.base}/${shortCode}`);
        // Files are numbered in list order and carry the short code.
        expect(svgs[i]).toMatch(new RegExp(`^${String(i + 1).padStart(3, '0')}-.*-${shortCode}\\.svg$`));
        const decoded = await decodeSvg(strFromU8(zip[svgs[i]!]!));
        expect(decoded.zxing, svgs[i]).toBe(publicUrl);
      }
      expect(problems).toEqual([]);
      await context.close();
    },
    180_000,
  );

  it.skipIf(!chromiumAvailable)(
    'takes a CSV with names, makes PNGs at the chosen width, and keeps formula-looking names inert',
    async () => {
      const live = await startApp();
      const browser = chromium();
      const { context } = await signedInContext(browser, live);
      const page = await context.newPage();
      let zip: Record<string, Uint8Array> = {};
      const csv = 'name,url\r\nFront door,https://shop.example/a\r\n"=HYPERLINK(""http://evil.example"")",https://shop.example/b\r\n"Back, left",https://shop.example/c\r\n';
      await withFailureScreenshot(page, `bulk-csv-${dialect}`, async () => {
        await page.goto(`${live.base}/app/bulk`);
        // One row is counted in the singular ("1 rows", "Check 1 links", "All 1 links are valid" read wrong).
        await page.locator('#bulk-csv').setInputFiles({ name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from('url\r\nhttps://shop.example/only\r\n') });
        await page.getByText('one.csv · 1 row', { exact: true }).waitFor();
        await page.getByRole('button', { name: 'Check 1 link', exact: true }).click();
        await page.getByText('The link is valid.').waitFor();
        await page.locator('#bulk-csv').setInputFiles({ name: 'codes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByText('3 rows').waitFor();
        await page.getByLabel('Files').selectOption('png');
        await page.getByLabel('PNG width').selectOption('512');
        await page.getByLabel('Design').selectOption('dots');
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: 'Create 3 codes' }).click()]);
        zip = unzipSync(new Uint8Array(await downloadBytes(download)));
      });
      const manifest = parseCsv(strFromU8(zip['manifest.csv']!)).slice(1);
      expect(manifest.map((r) => r[0])).toEqual(['Front door', `'=HYPERLINK("http://evil.example")`, 'Back, left']);
      const pngs = Object.keys(zip)
        .filter((n) => n.endsWith('.png'))
        .sort();
      expect(pngs).toHaveLength(3);
      for (const [i, file] of pngs.entries()) {
        const png = Buffer.from(zip[file]!);
        expect(png.readUInt32BE(16)).toBe(512);
        expect(await decodeImage(png)).toEqual([manifest[i]![2]]);
      }
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'warns about a link pasted twice on its line, says a refused creation created nothing, and still creates every row',
    async () => {
      const live = await startApp();
      const browser = chromium();
      const { context, cookie } = await signedInContext(browser, live);
      await atDesktopAndPhone(browser, context, `bulk-duplicates-${dialect}`, async (page, width) => {
        await page.goto(`${live.base}/app/bulk`);
        const textarea = page.getByLabel('Paste links, one per line');
        await textarea.fill(['https://shop.example/a', 'not a link', 'https://shop.example/b', 'shop.example/a'].join('\n'));
        // Creating straight away: refused, and the result says nothing was created.
        await page.getByRole('button', { name: 'Create 4 codes' }).click();
        await page.getByText('1 of 4 rows needs fixing; nothing was created').waitFor();
        const duplicates = page.getByTestId('row-duplicates');
        await duplicates.waitFor();
        expect(await duplicates.textContent()).toContain('1 row repeats a link');
        expect(await duplicates.textContent()).toContain('Line 4: the same link as line 1');
        // A warning, not an error: it is no alert, and not among the rows to fix.
        expect(await duplicates.getAttribute('role')).toBeNull();
        expect(await page.getByTestId('row-errors').textContent()).not.toContain('Line 4');
        await expectAxeClean(page, `bulk with a repeated link at ${width}`);
        await page.screenshot({ path: `.tmp/bulk-duplicates-${width}-${dialect}.png`, fullPage: true });

        // Checked and refused: Create stays enabled, says why it will not create, and pressing it
        // points at the rows to fix instead of sending a batch the server refuses.
        await textarea.fill(['https://shop.example/a', 'not a link', 'https://shop.example/b', 'shop.example/a'].join('\n'));
        await page.getByRole('button', { name: 'Check 4 links' }).click();
        await page.getByText('1 of 4 rows needs fixing before anything can be created').waitFor();
        await page.getByText('Fix the 1 row listed under Links first: nothing is created until every row is valid.').waitFor();
        await textarea.focus();
        const sent: string[] = [];
        page.on('request', (request) => {
          if (request.method() === 'POST') sent.push(request.url());
        });
        await page.getByRole('button', { name: 'Create 4 codes' }).click();
        await expect.poll(() => page.evaluate(() => document.activeElement?.querySelector('[data-testid="row-errors"]') !== null)).toBe(true);
        expect(sent).toEqual([]);
        expect(await page.getByText('nothing was created').count()).toBe(0);
        await expectAxeClean(page, `bulk refused by the check at ${width}`);
        await page.screenshot({ path: `.tmp/bulk-create-refused-${width}-${dialect}.png`, fullPage: true });

        // Lines typed as link,name (audit): split where the name has a space, asked about where it has none.
        await textarea.fill(['https://shop.example/a, Spring poster', 'https://shop.example/c,東京店'].join('\n'));
        const commas = page.getByTestId('row-commas');
        await commas.waitFor();
        expect(await commas.textContent()).toContain('2 lines have a comma: check where their links end');
        expect(await commas.textContent()).toContain('Line 1: named Spring posterhttps://shop.example/a');
        expect(await commas.textContent()).toContain('Line 2https://shop.example/c,東京店');
        await expectAxeClean(page, `bulk with a comma in a link at ${width}`);
        await page.screenshot({ path: `.tmp/bulk-commas-${width}-${dialect}.png`, fullPage: true });

        // The second line as a spreadsheet copies it: link and name in tab-separated cells.
        await textarea.fill(['https://shop.example/a', 'https://shop.example/c\tSpring poster', 'https://shop.example/b', 'shop.example/a'].join('\n'));
        expect(await duplicates.count()).toBe(0);
        expect(await commas.count()).toBe(0);
        await page.getByRole('button', { name: 'Check 4 links' }).click();
        await page.getByText('All 4 links are valid.').waitFor();
        expect(await duplicates.textContent()).toContain('Line 4: the same link as line 1');
        if (width === 390) return;
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: 'Create 4 codes' }).click()]);
        await page.getByRole('heading', { name: '4 codes created' }).waitFor();
        const manifest = parseCsv(strFromU8(unzipSync(new Uint8Array(await downloadBytes(download)))['manifest.csv']!));
        expect(manifest[2]?.[0]).toBe('Spring poster');
        expect(manifest[2]?.[3]).toBe('https://shop.example/c');
      });
      const listed = await live.app.inject({ method: 'GET', url: '/api/v1/campaigns?limit=100', headers: { cookie } });
      expect((listed.json().data as Array<{ destination: string }>).map((c) => c.destination).sort()).toEqual([
        'https://shop.example/a',
        'https://shop.example/a',
        'https://shop.example/b',
        'https://shop.example/c',
      ]);
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    'names the batch: a refused name is said beside the field, the stored name is trimmed and shown with the result',
    async () => {
      const live = await startApp();
      const browser = chromium();
      const { context, cookie } = await signedInContext(browser, live);
      const links = ['https://fair.example/stand/1', 'https://fair.example/stand/2', 'https://fair.example/stand/3'];
      let batchId = '';
      await atDesktopAndPhone(browser, context, `bulk-batch-name-${dialect}`, async (page, width) => {
        await page.goto(`${live.base}/app/bulk`);
        await page.getByLabel('Paste links, one per line').fill(links.join('\n'));
        const name = page.getByLabel('Batch name');
        expect(await name.getAttribute('maxlength')).toBe('200');
        const hint = await page.locator(`#${await name.getAttribute('aria-describedby')}`).textContent();
        expect(hint).toContain('Up to 200 characters');
        await name.fill('  Spring fair, 14 March ');
        await expectAxeClean(page, `bulk with a batch name at ${width}`);

        // A name the server refuses (made blank behind the page's back) is said beside the field, as a refused design is.
        const sent: unknown[] = [];
        await page.route('**/api/v1/qrs/bulk', (route) => {
          const body = route.request().postDataJSON();
          sent.push(body);
          return route.continue({ postData: JSON.stringify({ ...body, batch_name: ' ' }) });
        });
        await page.getByRole('button', { name: 'Check 3 links' }).click();
        const refusal = page.getByRole('alert').filter({ hasText: 'The links could not be checked' });
        await refusal.getByText('The batch name cannot be used: see the reason under Batch name.').waitFor();
        expect(await name.getAttribute('aria-invalid')).toBe('true');
        const reason = await page.locator(`#${(await name.getAttribute('aria-describedby'))!.split(' ')[0]}`).textContent();
        expect(reason).toBe('must not be blank');
        // What the page itself sent: the name trimmed, with the links.
        expect(sent).toEqual([expect.objectContaining({ dry_run: true, urls: links, batch_name: 'Spring fair, 14 March' })]);
        await expectAxeClean(page, `bulk with a refused batch name at ${width}`);
        await page.unroute('**/api/v1/qrs/bulk');
        // Editing the name clears the refusal.
        await name.fill('Spring fair, 14 March');
        expect(await name.getAttribute('aria-invalid')).toBeNull();
        expect(await refusal.count()).toBe(0);

        // Naming the batch after checking keeps the check's verdict: a name cannot make a link invalid.
        await page.getByRole('button', { name: 'Check 3 links' }).click();
        await page.getByText('All 3 links are valid.').waitFor();
        await name.fill(' Spring fair, 14 March  ');
        await page.getByText('All 3 links are valid.').waitFor();
        if (width === 390) return;

        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: 'Create 3 codes' }).click()]);
        await page.getByRole('heading', { name: '3 codes created for “Spring fair, 14 March”' }).waitFor();
        expect(download.suggestedFilename()).toMatch(/^tessera-Spring-fair-14-March-bat_\w+\.zip$/);
        batchId = /bat_\w+/.exec(download.suggestedFilename())![0];
        await expectAxeClean(page, 'bulk result with a batch name');
      });
      const batch = await live.app.inject({ method: 'GET', url: `/api/v1/qrs/batches/${batchId}`, headers: { cookie } });
      expect(batch.statusCode).toBe(200);
      expect(batch.json()).toMatchObject({ batch_id: batchId, codes: 3, name: 'Spring fair, 14 March', first_destination: links[0] });
      // Only the 1280 px run created anything: a check creates nothing.
      const listed = await live.app.inject({ method: 'GET', url: '/api/v1/qrs/batches', headers: { cookie } });
      expect(listed.json().data).toHaveLength(1);
      await context.close();
    },
    120_000,
  );

  it.skipIf(!chromiumAvailable)(
    "says beside Design when a template's logo is too large for this many codes, and creates nothing",
    async () => {
      const live = await startApp();
      const browser = chromium();
      const { context, cookie, csrfToken } = await signedInContext(browser, live);
      // The audit's logo: 250×250 noise, ~250 KB as a data URI, which one code may carry.
      const png = await sharp(randomBytes(250 * 250 * 3), { raw: { width: 250, height: 250, channels: 3 } })
        .png()
        .toBuffer();
      const template = await live.app.inject({
        method: 'POST',
        url: '/api/v1/templates',
        headers: { cookie, 'x-csrf-token': csrfToken, origin: live.base },
        payload: { name: 'Big logo', design_config: { logo: { src: `data:image/png;base64,${png.toString('base64')}`, size: 0.2 } } },
      });
      expect(template.statusCode).toBe(201);
      const page = await context.newPage();
      await withFailureScreenshot(page, `bulk-budget-${dialect}`, async () => {
        await page.goto(`${live.base}/app/bulk`);
        await page.getByLabel('Paste links, one per line').fill(Array.from({ length: 300 }, (_, i) => `https://shop.example/${i}`).join('\n'));
        const design = page.getByLabel('Design');
        await design.selectOption({ label: 'Big logo' });
        await page.getByRole('button', { name: 'Check 300 links' }).click();
        await page.getByText('The design does not suit this batch: see the reason under Design.').waitFor();
        const reason = await page.locator(`#${await design.getAttribute('aria-describedby')}`).textContent();
        expect(reason).toMatch(
          /^300 codes would each carry their own copy of the design and its inline SVG .*Use a template with a logo of at most [\d,]+ characters as a data URI \(a file of about [\d.]+ KB; .* for 300 codes, or send at most \d+ codes per request\.$/,
        );
        expect(await design.getAttribute('aria-invalid')).toBe('true');
        await expectAxeClean(page, 'bulk with a design too large for the batch');
      });
      const listed = await live.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: { cookie } });
      expect(listed.json().data).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
