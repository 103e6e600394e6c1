// Screenshots of every public page (items, hosted pages, thank-you, code and ticket errors) into
// docs/screenshots/pages/, from a seeded Tessera on SQLite with a fixed clock, in Debian's Chromium.
//   npm run screenshots:pages                          every page at 320, 390 and 1280 px, light and dark
//   npm run screenshots:pages -- --only item-revealed  one page
//   npm run screenshots:pages -- --widths 390 --schemes dark
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createTestApp } from '../test/helpers/app.ts';
import { freePort, launchChromium } from '../test/helpers/browser.ts';
import { routeUnavailablePage, startImageHost, seedPublicPages } from '../test/helpers/public-pages.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    widths: { type: 'string', default: '320,390,1280' },
    schemes: { type: 'string', default: 'light,dark' },
    out: { type: 'string', default: 'docs/screenshots/pages' },
  },
});
const widths = values.widths.split(',').map(Number);
const schemes = values.schemes.split(',') as Array<'light' | 'dark'>;
const out = path.resolve(values.out);
fs.mkdirSync(out, { recursive: true });

// docs/screenshots/pages.md: every page at 390 px (light and dark) and 1280 px, linked to all sizes.
function writeGallery(pages: Array<{ name: string; title: string }>): void {
  const dir = path.relative(path.resolve('docs/screenshots'), out);
  const img = (name: string, width: number, scheme: string, alt: string) => `<img src="${dir}/${name}-${width}-${scheme}.png" width="${width === 1280 ? 420 : 200}" alt="${alt}">`;
  const lines = [
    '# Public pages, as strangers see them',
    '',
    "Written by `npm run screenshots:pages` (a seeded Tessera on SQLite, Debian's Chromium, a fixed clock, the visitor in London).",
    `Every page exists at ${widths.join(', ')} px in ${schemes.join(' and ')} mode in \`${dir}/\`. What the pages say and why: [public-pages.md](../public-pages.md).`,
    '',
  ];
  for (const p of pages) {
    lines.push(`## ${p.title}`, '', `\`${p.name}\` · ${widths.flatMap((w) => schemes.map((s) => `[${w} ${s}](${dir}/${p.name}-${w}-${s}.png)`)).join(' · ')}`, '');
    lines.push(`${img(p.name, 390, 'light', `${p.title}, 390 px, light`)} ${img(p.name, 390, 'dark', `${p.title}, 390 px, dark`)} ${img(p.name, 1280, 'light', `${p.title}, 1280 px, light`)}`, '');
  }
  fs.writeFileSync(path.resolve('docs/screenshots/pages.md'), lines.join('\n'));
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const images = await startImageHost();
const t = await createTestApp('sqlite', { env: { TESSERA_PUBLIC_URL: base } });
routeUnavailablePage(t);
await t.app.listen({ port, host: '127.0.0.1' });
const browser = await launchChromium();
try {
  const cases = (await seedPublicPages(t, base, images.base)).filter((c) => !values.only || c.name === values.only);
  let written = 0;
  for (const c of cases) {
    for (const scheme of schemes) {
      // One visit per case and scheme (some visits post a form and spend a view), then every width.
      const context = await browser.newContext({
        colorScheme: scheme,
        locale: c.language ? c.language.split(',')[0]!.trim() : 'en-GB',
        timezoneId: 'Europe/London',
        extraHTTPHeaders: c.language ? { 'accept-language': c.language } : {},
      });
      await context.clock.setFixedTime(t.clock.now());
      const page = await context.newPage();
      await page.setViewportSize({ width: widths[0]!, height: 800 });
      const status = await c.visit(page);
      if (status !== c.status) throw new Error(`${c.name}: status ${status}, expected ${c.status}`);
      await page.evaluate(() => document.fonts.ready);
      for (const width of widths) {
        await page.setViewportSize({ width, height: width < 600 ? 780 : 900 });
        const file = path.join(out, `${c.name}-${width}-${scheme}.png`);
        // A palette PNG is a third of the size and looks the same for flat UI.
        await sharp(await page.screenshot({ fullPage: true }))
          .png({ palette: true, quality: 95, effort: 8 })
          .toFile(file);
        written++;
      }
      await context.close();
    }
  }
  console.log(`${written} screenshots of ${cases.length} pages in ${path.relative(process.cwd(), out)}/`);
  if (!values.only) writeGallery(cases.map((c) => ({ name: c.name, title: c.title })));
} finally {
  await browser.close();
  await t.close();
  await images.close();
}
