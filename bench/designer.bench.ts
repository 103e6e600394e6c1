// Designer re-render benchmark: `npm run bench:designer`. Opens the designer in Debian's
// Chromium on a version-10 code and times each design change from the click to the first frame
// painted after the preview shows the new code (React render, engine, image decode). Goal:
// ≤ 16 ms per change. Baseline in the same run: a change that redraws the page but not the code
// (typing in the Name field), so the ratio says what the live preview adds.
import { encodeQr, renderSvg } from '../src/qr/index.ts';
import { startDemoInstance } from '../scripts/demo-instance.ts';
import { ensureWebBuild } from '../scripts/web-build.ts';
import { launchChromium } from '../test/helpers/browser.ts';

const CHANGES = 80;
const ROUNDS = 5;

/** A static destination whose code is version 10 at ECC M. */
function version10Url(): string {
  for (let n = 150; n < 400; n++) {
    const url = `https://example.com/${'a'.repeat(n)}`;
    if (encodeQr(url, { ecc: 'M' }).version === 10) return url;
  }
  throw new Error('no version-10 length found');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

await ensureWebBuild((line) => process.stderr.write(`${line}\n`));
const destination = version10Url();
const demo = await startDemoInstance();
const browser = await launchChromium();
try {
  const login = await fetch(`${demo.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demo.email, password: demo.password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
  const created = await fetch(`${demo.base}/api/v1/campaigns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, origin: demo.base },
    body: JSON.stringify({ name: 'Benchmark', qr_type: 'static', destination, design_config: { preset: 'liquid' } }),
  });
  const campaign = (await created.json()) as { id: string };
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: 'tessera_session', value: cookie.split('=')[1]!, url: demo.base }]);
  const page = await context.newPage();
  await page.goto(`${demo.base}/app/campaigns/${campaign.id}`);
  await page.getByText('Version 10 · ECC M').waitFor();

  // Engine alone, in Node, for the same code and designs (the part of a change that is ours).
  const engine: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    renderSvg(destination, { shapes: i % 2 ? 'dots' : 'liquid', eyes: 'extra-rounded', eye_pupils: 'circle', color: '#7e22ce' });
    engine.push(performance.now() - started);
  }

  const measure = (kind: 'shape' | 'name') =>
    page.evaluate(
      async ({ kind, changes }) => {
        const preview = () => document.querySelector<HTMLImageElement>('[data-testid=qr-preview]')!;
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const labels = Array.from(document.querySelectorAll('fieldset'))
          .find((f) => f.querySelector('legend')?.textContent === 'Module shape')!
          .querySelectorAll('label');
        const name = Array.from(document.querySelectorAll('label')).find((l) => l.textContent === 'Name')!;
        const nameInput = document.getElementById(name.htmlFor) as HTMLInputElement;
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const times: number[] = [];
        const work: number[] = [];
        for (let i = 0; i < changes; i++) {
          await frame();
          const before = preview().src;
          const started = performance.now();
          if (kind === 'shape') {
            labels[i % 2 ? 1 : 0]!.click(); // square ↔ dots (the campaign starts as liquid)
            while (preview().src === before) {
              if (performance.now() - started > 5000) throw new Error('the preview did not change');
              await new Promise((resolve) => setTimeout(resolve, 0));
            }
            await preview().decode();
          } else {
            setter.call(nameInput, `Benchmark ${i}`);
            nameInput.dispatchEvent(new Event('input', { bubbles: true }));
            // React commits a controlled input's change synchronously within the event.
          }
          work.push(performance.now() - started);
          await new Promise((resolve) => requestAnimationFrame(resolve));
          times.push(performance.now() - started);
        }
        return { times, work };
      },
      { kind, changes: CHANGES },
    );

  const workMedians: number[] = [];
  const paintMedians: number[] = [];
  const baseMedians: number[] = [];
  let allWork: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const shape = await measure('shape');
    const base = await measure('name');
    allWork = allWork.concat(shape.work);
    workMedians.push(median(shape.work));
    paintMedians.push(median(shape.times));
    baseMedians.push(median(base.times));
    console.log(
      `round ${round + 1}: change → new preview decoded ${median(shape.work).toFixed(1)} ms (p95 ${p95(shape.work).toFixed(1)}), → next frame ${median(shape.times).toFixed(1)} ms; baseline (name typed) → next frame ${median(base.times).toFixed(1)} ms`,
    );
  }
  const work = median(workMedians);
  console.log(`\nversion-10 code (${destination.length} characters, ECC M), ${ROUNDS} rounds of ${CHANGES} changes`);
  console.log(`engine renderSvg alone (Node): median ${median(engine).toFixed(2)} ms`);
  console.log(`design change → preview redrawn and decoded: median ${work.toFixed(1)} ms, p95 ${p95(allWork).toFixed(1)} ms (goal ≤ 16 ms)`);
  console.log(
    `→ painted: median ${median(paintMedians).toFixed(1)} ms, against ${median(baseMedians).toFixed(1)} ms for a change that redraws no code (ratio ${(median(paintMedians) / median(baseMedians)).toFixed(2)}×; both wait for the next 60 Hz frame)`,
  );
  await context.close();
} finally {
  await browser.close();
  await demo.close();
}
