// docs/operations.md is the operator's reference: it must name every variable Tessera reads and
// explain every metric an instance exposes, so neither can be added without documenting it.
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { workerCommand } from '../../src/cli/worker.ts';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.ts';
import { Metrics } from '../../src/http/metrics.ts';

const doc = fs.readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');

it('lists every configuration variable with its default', () => {
  for (const v of CONFIG_VARIABLES) expect(doc, `${v.name} missing from docs/operations.md`).toContain(`| \`${v.name}\` | ${v.default} |`);
});

it('states the range of every integer variable, as the configuration checks it', () => {
  const ranged = CONFIG_VARIABLES.filter((v) => v.range);
  expect(ranged.length).toBeGreaterThan(10);
  for (const v of ranged) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${v.name}\` |`));
    expect(row, v.name).toContain(`From ${v.range![0].toLocaleString('en')} to ${v.range![1].toLocaleString('en')}.`);
  }
  // The bounds stated are the ones enforced.
  const [min, max] = CONFIG_VARIABLES.find((v) => v.name === 'TESSERA_SCAN_FLUSH_MS')!.range!;
  expect(() => loadConfig({ TESSERA_SCAN_FLUSH_MS: String(min - 1) })).toThrow(`between ${min} and ${max}`);
  expect(loadConfig({ TESSERA_SCAN_FLUSH_MS: String(max) }).scanFlushMs).toBe(max);
});

it("explains every one of Tessera's own metrics", async () => {
  const metrics = new Metrics({ defaultMetrics: false });
  const names = (await metrics.registry.getMetricsAsJSON()).map((m) => m.name);
  expect(names.length).toBeGreaterThan(10);
  for (const name of names) expect(doc, `${name} missing from docs/operations.md`).toMatch(new RegExp(`\`${name}(\\{|\`)`));
});

it("names every process and Node.js metric an instance exposes (prom-client's, prefixed)", async () => {
  const ownNames = new Set((await new Metrics({ defaultMetrics: false }).registry.getMetricsAsJSON()).map((m) => m.name));
  const names = (await new Metrics({ defaultMetrics: true }).registry.getMetricsAsJSON()).map((m) => m.name).filter((name) => !ownNames.has(name));
  expect(names.length).toBeGreaterThan(20);
  for (const name of names) expect(doc, `${name} missing from docs/operations.md`).toContain(`\`${name}\``);
});

it('agrees with `tessera worker --help` that SQLite takes one process per file, so no worker beside serve', () => {
  // The usage said "run one per SQLite file", which read as if a worker beside serve were fine.
  expect(doc).toMatch(/One process per SQLite file: a second\s+`serve` or `worker` on the same file is not supported/);
  expect(workerCommand.usage).toContain('one process per SQLite file, so no worker beside it');
  expect(workerCommand.usage).not.toMatch(/run one per SQLite file/);
});
