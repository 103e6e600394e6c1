// Hosted page serving: GET /p/{account}/{campaign} (one joined lookup, render, CSP hash) against
// GET /healthz on the same listening app as the baseline (same client, same process), plus the renderer alone per call.
//   node bench/hosted-page.ts [seconds]      (PostgreSQL pass when 127.0.0.1:5432 answers)
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import type { Dialect } from '../src/config.ts';
import { savePage } from '../src/modules/pages/page.service.ts';
import { validatePageConfig } from '../src/modules/pages/page-config.ts';
import { translator } from '../src/http/page/language.ts';
import { NO_BRANDING } from '../src/http/page/shell.ts';
import { renderHostedPage } from '../src/modules/pages/page-html.ts';
import { testConfig } from '../test/helpers/app.ts';
import { createTestDatabase } from '../test/helpers/dialects.ts';
import { samplePage } from '../test/helpers/pages.ts';
import { postgresReachable } from '../test/helpers/postgres.ts';

const SECONDS = Number(process.argv[2] ?? 5);

// Ten keep-alive clients in a loop for SECONDS (fetch reuses connections); every answer must be 200.
async function requestsPerSecond(url: string): Promise<number> {
  const until = performance.now() + SECONDS * 1000;
  let done = 0;
  const client = async () => {
    while (performance.now() < until) {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: 10 }, client));
  return (done * 1000) / (performance.now() - start);
}

const parsed = validatePageConfig(samplePage());
if (!parsed.ok) throw new Error('sample page invalid');
const RENDERS = 20_000;
const start = performance.now();
const context = { t: translator('en'), branding: NO_BRANDING };
for (let i = 0; i < RENDERS; i++) renderHostedPage(context, parsed.config, '/api/v1/forms/submit/abc');
const renderUs = ((performance.now() - start) * 1000) / RENDERS;
console.log(`renderer: ${renderUs.toFixed(1)} µs per page (${renderHostedPage(context, parsed.config, '/x').html.length} bytes of HTML)`);

for (const dialect of ['sqlite', ...((await postgresReachable()) ? ['postgres'] : [])] as Dialect[]) {
  const database = await createTestDatabase(dialect);
  const app = await buildApp(testConfig({ LOG_LEVEL: 'silent' }), { database: database.handle, startWorker: false });
  try {
    const { db, clock } = app.ctx;
    const now = clock.now();
    await db.insertInto('accounts').values({ id: 'acc_bench', slug: 'bench', name: 'bench', created_at: now, updated_at: now }).execute();
    await db
      .insertInto('campaigns')
      .values({
        id: 'cmp_bench',
        account_id: 'acc_bench',
        name: 'b',
        slug: 'fair',
        qr_type: 'dynamic',
        status: 'active',
        destination: 'https://example.com/',
        short_code: 'Bench23',
        design_config: '{}',
        template_id: null,
        batch_id: null,
        created_at: now,
        updated_at: now,
        archived_at: null,
        active_from: null,
        active_until: null,
        livemode: 1,
      })
      .execute();
    await savePage({ db, clock }, { accountId: 'acc_bench', campaignId: 'cmp_bench', campaignSlug: 'fair', input: samplePage() });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const baseline = await requestsPerSecond(`${address}/healthz`);
    const page = await requestsPerSecond(`${address}/p/bench/fair`);
    console.log(`${dialect}: /healthz ${baseline.toFixed(0)} req/s, /p/bench/fair ${page.toFixed(0)} req/s (${(page / baseline).toFixed(2)}× the baseline)`);
  } finally {
    await app.close();
    await database.destroy();
  }
}
