// docs/operations.md is the operator's reference: it must name every variable Tessera reads and
// explain every metric an instance exposes, so neither can be added without documenting it.
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { workerCommand } from '../../src/cli/worker.ts';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.ts';
import { Metrics } from '../../src/http/metrics.ts';

const doc = fs.readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');

const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** A variable's row as both tables write it: name, default, description, and the range checked. */
function configRow(v: (typeof CONFIG_VARIABLES)[number]): string {
  const range = v.range ? ` From ${v.range[0].toLocaleString('en')} to ${v.range[1].toLocaleString('en')}.` : '';
  return `| \`${v.name}\` | ${v.default} | ${v.description}${range} |`;
}

it('lists every configuration variable with its default', () => {
  for (const v of CONFIG_VARIABLES) expect(doc, `${v.name} missing from docs/operations.md`).toContain(`| \`${v.name}\` | ${v.default} |`);
});

it('writes the configuration table of the README and of this guide as CONFIG_VARIABLES says, row for row', () => {
  // The README's copy had fallen behind: its TESSERA_CORS_ORIGINS row did not say which methods
  // and headers a listed origin gets, after the guide's and config.ts's did.
  const table = (text: string) => text.split('\n').filter((line) => CONFIG_VARIABLES.some((v) => line.startsWith(`| \`${v.name}\` |`)));
  const expected = CONFIG_VARIABLES.map(configRow);
  expect(table(doc)).toEqual(expected);
  expect(table(readme)).toEqual(expected);
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
  // The README's command table still said "any number on PostgreSQL, one per SQLite file".
  const workerRow = readme.split('\n').find((line) => line.startsWith('| `tessera worker` |'));
  expect(workerRow).toMatch(/none on SQLite, where `serve` runs them and refuses a worker beside it/);
  expect(readme).not.toMatch(/one per SQLite file/);
});

it('documents only metrics an instance exports, each with the labels it carries', async () => {
  // The other direction of the tests above: a metric renamed or a label added in the code leaves
  // a row an operator would build a dashboard or an alert on, which would then never fire.
  const registry = new Metrics({ defaultMetrics: true }).registry;
  const section = doc.slice(doc.indexOf('## Metrics'), doc.indexOf('## Sizing'));
  const rows = section.split('\n').filter((line) => line.startsWith('| `tessera_'));
  expect(rows.length).toBeGreaterThan(15);
  let named = 0;
  for (const row of rows) {
    const cell = row.split(' | ')[0]!;
    for (const [, name, labels] of cell.matchAll(/`(tessera_[a-z0-9_]+)(?:\{([a-z_,]+)\})?`/g)) {
      named++;
      const metric = registry.getSingleMetric(name!) as unknown as { labelNames?: string[] } | undefined;
      expect(metric, `${name} is documented but not exported`).toBeDefined();
      if (labels !== undefined) expect([...(metric!.labelNames ?? [])].sort(), `${name}'s labels`).toEqual(labels.split(',').sort());
    }
  }
  expect(named).toBe((await registry.getMetricsAsJSON()).length);
  // Tessera's own labelled metrics name their labels in the table.
  for (const metric of await new Metrics({ defaultMetrics: false }).registry.getMetricsAsJSON()) {
    const labelNames = (registry.getSingleMetric(metric.name) as unknown as { labelNames: string[] }).labelNames;
    if (labelNames.length) expect(section, metric.name).toContain(`\`${metric.name}{${labelNames.join(',')}}\``);
  }
});

it('upgrades a compose deployment one web instance at a time, with the services compose.yaml has', () => {
  // "Replace instances one at a time (or `docker compose up -d`)": a plain `up -d` recreates web1
  // and web2 together, so the proxy had no instance for the seconds they took to start.
  const services = Object.keys((parse(fs.readFileSync(new URL('../../compose.yaml', import.meta.url), 'utf8'), { merge: true }) as { services: object }).services);
  const steps = doc.slice(doc.indexOf('## Upgrades and migrations across instances'), doc.indexOf('Migration numbers skip 0013'));
  expect(steps).not.toMatch(/or `docker compose up -d`\)/);
  for (const command of ['docker compose run --rm migrate', 'docker compose up -d --no-deps web1', 'docker compose up -d --no-deps worker']) {
    expect(steps).toContain(command);
    expect(services).toContain(command.split(' ').at(-1));
  }
  expect(services).toContain('web2');
});
