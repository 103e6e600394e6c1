// A PNG with an SVG logo is drawn in a child process (src/modules/render/png.ts). A child stuck in
// librsvg cannot notice that its parent exited, so the parent kills its children on exit: else a
// server that stops while drawing a logo that never finishes leaves a process drawing it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, it } from 'vitest';

// Twenty full-size rectangles through twenty wide blurs: minutes to draw.
const SLOW_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="2048" height="2048" viewBox="0 0 2048 2048"><defs><filter id="f" x="-50%" y="-50%" width="200%" height="200%">' +
  Array.from({ length: 20 }, (_, i) => `<feGaussianBlur stdDeviation="${50 + i}"/>`).join('') +
  '</filter></defs>' +
  '<rect width="2048" height="2048" filter="url(#f)"/>'.repeat(20) +
  '</svg>';

// A density no other test draws at, so the child is found among every process on the machine.
const MARK = '71.98765';

function childrenAlive(): number {
  let alive = 0;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes('png-child') && cmdline.includes(MARK)) alive++;
    } catch {
      // The process ended while we looked.
    }
  }
  return alive;
}

it.runIf(process.platform === 'linux')('a process that exits while a PNG is drawn in a child takes the child with it', async () => {
  const script = `
    import { rasteriseIsolated } from ${JSON.stringify(new URL('../../src/modules/render/rasterise-isolated.ts', import.meta.url).href)};
    rasteriseIsolated(${JSON.stringify(SLOW_SVG)}, ${MARK}, 120_000).catch(() => {});
    setTimeout(() => process.exit(0), 1500);
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  expect(run.status, run.stderr).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(childrenAlive()).toBe(0);
});
