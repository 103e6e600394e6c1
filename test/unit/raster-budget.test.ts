// The pixel budget PNG renders share: a burst of large renders waits its turn in order instead
// of holding all their pixels at once, and past the queue bound is refused with a 503.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { RasterBudget } from '../../src/modules/render/raster-budget.ts';

/** A render that ends when its test says so. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, render: () => opened };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RasterBudget', () => {
  it('runs renders within the budget at once and the rest in order as pixels free up', async () => {
    const budget = new RasterBudget(100, 1000);
    const started: string[] = [];
    const gates = { a: gate(), b: gate(), c: gate(), d: gate() };
    const run = (name: keyof typeof gates, pixels: number) =>
      budget.run(pixels, async () => {
        started.push(name);
        await gates[name].render();
        return name;
      });
    const done = [run('a', 60), run('b', 40), run('c', 70), run('d', 10)];
    await settle();
    // a and b fill the budget; c waits, and d, which would fit later, waits behind it (order holds).
    expect(started).toEqual(['a', 'b']);
    expect(budget.load).toEqual({ inUse: 100, queued: 80 });
    gates.a.open();
    await settle();
    expect(started).toEqual(['a', 'b']); // 40 + 70 > 100
    gates.b.open();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    gates.c.open();
    gates.d.open();
    expect(await Promise.all(done)).toEqual(['a', 'b', 'c', 'd']);
    expect(budget.load).toEqual({ inUse: 0, queued: 0 });
  });

  it('runs a render larger than the whole budget alone, and frees its pixels when it fails', async () => {
    const budget = new RasterBudget(100, 1000);
    await expect(
      budget.run(500, async () => {
        throw new Error('librsvg failed');
      }),
    ).rejects.toThrow('librsvg failed');
    expect(budget.load).toEqual({ inUse: 0, queued: 0 });
    expect(await budget.run(500, async () => 'drawn')).toBe('drawn');
  });

  it('refuses with 503 server_busy and Retry-After once too much waits', async () => {
    const budget = new RasterBudget(100, 150);
    const held = gate();
    const running = budget.run(100, held.render);
    const waiting = [budget.run(100, async () => 1), budget.run(50, async () => 2)];
    const refused = await budget.run(1, async () => 3).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'server_busy', status: 503, headers: { 'retry-after': '2' } });
    held.open();
    await running;
    expect(await Promise.all(waiting)).toEqual([1, 2]);
  });
});

describe('renderPng', () => {
  it('draws within the budget it is given: a second render while the first runs waits, or past the bound is refused', async () => {
    const { renderPng } = await import('../../src/modules/render/png.ts');
    const { renderSvg } = await import('../../src/qr/index.ts');
    const { svg } = renderSvg('https://example.com/budget');
    const budget = new RasterBudget(256 * 256, 0);
    const first = renderPng(svg, 256, budget);
    const second = renderPng(svg, 256, budget).catch((error: unknown) => error);
    expect(await second).toMatchObject({ code: 'server_busy' });
    expect((await first).subarray(1, 4).toString()).toBe('PNG');
    expect(budget.load).toEqual({ inUse: 0, queued: 0 });
  });
});
