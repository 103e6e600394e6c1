// Items throughput against a baseline measured in the same process: resolve, public page and
// create, each as a ratio of GET /healthz. Run: node bench/items.bench.ts [sqlite|postgres]
// @ts-expect-error autocannon ships no type declarations (and @types/autocannon is not installed)
import autocannon from 'autocannon';
import { createTestApp } from '../test/helpers/app.ts';

const dialect = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const t = await createTestApp(dialect);
await t.app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
const json = { 'content-type': 'application/json' };
const created = await (await fetch(`${base}/api/v0/items`, { method: 'POST', headers: json, body: JSON.stringify({ content: 'Hello, World. Resolved exactly as intended.', ttlHours: 1 }) })).json();

type Result = { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number };
function measure(url: string, extra: Record<string, unknown> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 20, duration: 4, ...extra }, (error: unknown, result: Result) => (error ? reject(error) : resolve(result)));
  });
}

const baseline = await measure(`${base}/healthz`);
const cases: Array<[string, string, Record<string, unknown>?]> = [
  ['GET /api/v0/items/{magic}', `${base}/api/v0/items/${created.magic}`],
  ['GET /i/{magic} (page)', `${base}/i/${created.magic}`],
  ['POST /api/v0/items', `${base}/api/v0/items`, { method: 'POST', headers: json, body: JSON.stringify({ content: 'Hello, World.', ttlHours: 1, viewLimit: 5 }) }],
];
console.log(`${dialect}: GET /healthz baseline ${Math.round(baseline.requests.average)} req/s`);
for (const [name, url, extra] of cases) {
  const r = await measure(url, extra);
  console.log(
    `${name.padEnd(28)} ${Math.round(r.requests.average)} req/s (${(r.requests.average / baseline.requests.average).toFixed(2)}× baseline)  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  non-2xx ${r.non2xx}`,
  );
}
await t.close();
