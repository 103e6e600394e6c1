// npm run bench:payments — two measurements, each on SQLite and (when reachable) PostgreSQL:
//  1. POST /api/v1/payments/init throughput as a ratio to POST /api/v1/campaigns, measured in
//     the same run through app.inject, alternating rounds so both see the same machine state.
//     Goal: ≥ 0.8×.
//  2. POST /api/v1/payments/reconciliations with a 10,000-entry camt.054 against 100,000 pending
//     payments (the whole request: XML checks, parse, load, match, record, settle). Goal ≤ 2 s.
// `--init-only` skips the reconciliation part. PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), in a scratch schema.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { systemClock } from '../src/clock.ts';
import { loadConfig, type Dialect } from '../src/config.ts';
import { connectDatabase, type DatabaseHandle } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { PaymentsTable } from '../src/db/schema.ts';
import { newId } from '../src/ids.ts';
import { createApiKey } from '../src/modules/accounts/api-key.service.ts';
import { newCreditorReference } from '../src/modules/payments/index.ts';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = 9;
const PER_ROUND = 200;
const PENDING = 100_000;
const ENTRIES = 10_000;

const PROFILE = {
  sepa: { name: 'Bäckerei Müller', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
  upi: { vpa: 'sharma.store@okaxis', payee_name: 'Sharma General Store' },
};

async function postgresSchema(): Promise<{ schema: string; drop(): Promise<void> } | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    return null;
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

async function setUp(
  dialect: Dialect,
): Promise<{ app: Awaited<ReturnType<typeof buildApp>>; database: DatabaseHandle; accountId: string; headers: Record<string, string>; close(): Promise<void> } | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-payments-bench-'));
  const config = loadConfig({
    TESSERA_DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    TESSERA_MASTER_KEY: '7e'.repeat(32),
    TESSERA_WORKER: 'false',
    TESSERA_PUBLIC_URL: 'http://bench.test',
    TESSERA_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  let scratch: Awaited<ReturnType<typeof postgresSchema>> = null;
  let database: DatabaseHandle;
  if (dialect === 'postgres') {
    scratch = await postgresSchema();
    if (!scratch) return null;
    database = connectDatabase({ dialect, url: PG_URL, schema: scratch.schema, poolSize: 10 });
  } else {
    database = connectDatabase({ dialect, url: config.databaseUrl });
  }
  await migrateToLatest(database.db);
  const accountId = newId('acc');
  await database.db
    .insertInto('accounts')
    .values({ id: accountId, slug: `bench-${dialect}`, name: 'Bench', created_at: Date.now(), updated_at: Date.now() })
    .execute();
  const app = await buildApp(config, { database, startWorker: false });
  await app.ready();
  // A real key: both sides of the ratio pay the same authentication cost.
  const { fullKey } = await createApiKey({ db: database.db, clock: systemClock, dialect: database.dialect }, accountId, { env: 'prd', name: 'bench' });
  const headers = { 'x-api-key': fullKey };
  const put = await app.inject({ method: 'PUT', url: '/api/v1/merchant/payment-profile', headers, payload: PROFILE });
  if (put.statusCode !== 200) throw new Error(`profile: ${put.body}`);
  return {
    app,
    database,
    accountId,
    headers,
    async close() {
      await app.close();
      await database.close();
      await scratch?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function throughput(env: NonNullable<Awaited<ReturnType<typeof setUp>>>, dialect: string): Promise<number> {
  const { app, headers } = env;
  let n = 0;
  const cpu: Record<'payments' | 'campaigns', number[]> = { payments: [], campaigns: [] };
  const run = async (kind: 'payments' | 'campaigns'): Promise<number> => {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < PER_ROUND; i++) {
      n++;
      const res =
        kind === 'payments'
          ? await app.inject({
              method: 'POST',
              url: '/api/v1/payments/init',
              headers,
              payload: { amount: 1250 + (n % 100), currency: 'EUR', scheme: 'sepa', reference: `order-${n}`, description: 'Bench order' },
            })
          : await app.inject({ method: 'POST', url: '/api/v1/campaigns', headers, payload: { name: `Bench ${n}`, destination: `https://example.com/p/${n}` } });
      if (res.statusCode !== 201) throw new Error(`${kind}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    const used = process.cpuUsage(cpuStart);
    cpu[kind].push((used.user + used.system) / 1000 / PER_ROUND);
    return (PER_ROUND / (performance.now() - started)) * 1000;
  };
  await run('payments');
  await run('campaigns'); // warm-up
  // Paired rounds, order alternating, and the median of the per-round ratios: on a shared machine
  // the load drifts between rounds, and a ratio of two back-to-back measurements cancels most of it.
  const payments: number[] = [];
  const campaigns: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const [p, c] = r % 2 === 0 ? [await run('payments'), await run('campaigns')] : [await run('campaigns'), await run('payments')].reverse();
    payments.push(p!);
    campaigns.push(c!);
    ratios.push(p! / c!);
  }
  const wall = median(ratios);
  // Process CPU per request moves far less than wall time on a shared machine; on SQLite it holds
  // the database work too (in process), on PostgreSQL only the app's share.
  const cpuRatio = median(cpu.campaigns) / median(cpu.payments);
  console.log(
    `[${dialect}] payments/init ${median(payments).toFixed(0)} req/s vs POST /api/v1/campaigns ${median(campaigns).toFixed(0)} req/s → wall ratio ${wall.toFixed(2)}× (median of ${ROUNDS} paired rounds: ${ratios.map((x) => x.toFixed(2)).join(' ')})`,
  );
  console.log(
    `[${dialect}] CPU per request ${median(cpu.payments).toFixed(2)} ms vs ${median(cpu.campaigns).toFixed(2)} ms → CPU ratio ${cpuRatio.toFixed(2)}× (goal ≥ 0.80× on the ${dialect === 'sqlite' ? 'CPU' : 'wall'} ratio)`,
  );
  return dialect === 'sqlite' ? cpuRatio : wall;
}

async function reconciliation(env: NonNullable<Awaited<ReturnType<typeof setUp>>>, dialect: string): Promise<number> {
  const { app, database, accountId, headers } = env;
  const now = Date.now();
  const refs: string[] = [];
  const amounts: number[] = [];
  const rows: PaymentsTable[] = [];
  for (let i = 0; i < PENDING; i++) {
    const ref = newCreditorReference('rf');
    refs.push(ref);
    amounts.push(100 + (i % 9000));
    rows.push({
      id: newId('pay'),
      account_id: accountId,
      livemode: 1,
      status: 'pending',
      scheme: 'sepa',
      amount_minor: amounts[i]!,
      currency: 'EUR',
      reference: `bulk-${i}`,
      description: null,
      metadata: '{}',
      creditor_reference: ref,
      creditor_reference_type: 'RF',
      qr_payload: 'BCD',
      qr_ecc: 'M',
      payee: '{}',
      received_minor: 0,
      flags: '[]',
      settled_via: null,
      settled_note: null,
      settled_by: null,
      failure_reason: null,
      expires_at: now + 86_400_000,
      created_at: now,
      updated_at: now,
      paid_at: null,
      failed_at: null,
      expired_at: null,
      canceled_at: null,
    });
  }
  const seedStarted = performance.now();
  for (let i = 0; i < rows.length; i += 1000) {
    await database.db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(i + 1000, rows.length); j += 200)
        await trx
          .insertInto('payments')
          .values(rows.slice(j, j + 200))
          .execute();
    });
  }
  console.log(`[${dialect}] seeded ${PENDING.toLocaleString('en')} pending payments in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  // 10,000 credits: most exact by structured reference, some in free text, some partial, some unknown.
  const entries: string[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    const p = (i * 7919) % PENDING;
    const kind = i % 20;
    const minor = kind === 17 ? amounts[p]! - 50 : amounts[p]!;
    const amount = (minor / 100).toFixed(2);
    const rmt =
      kind === 18
        ? `<Ustrd>Payment ${refs[p]!.replace(/(.{4})/g, '$1 ')}</Ustrd>`
        : kind === 19
          ? '<Ustrd>Birthday present</Ustrd>'
          : `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${refs[p]}</Ref></CdtrRefInf></Strd>`;
    entries.push(
      `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-20</Dt></BookgDt><AcctSvcrRef>BK${i}</AcctSvcrRef><NtryDtls><TxDtls><Refs><AcctSvcrRef>TX${i}</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><RmtInf>${rmt}</RmtInf></TxDtls></NtryDtls></Ntry>`,
    );
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-11-20T18:00:00</CreDtTm></GrpHdr><Ntfctn><Id>N1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>${entries.join('')}</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
  const started = performance.now();
  const res = await app.inject({ method: 'POST', url: '/api/v1/payments/reconciliations', headers: { ...headers, 'content-type': 'application/xml' }, payload: xml });
  const elapsed = performance.now() - started;
  if (res.statusCode !== 200) throw new Error(`reconcile: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const summary = res.json().data.summary;
  const again = performance.now();
  const second = await app.inject({ method: 'POST', url: '/api/v1/payments/reconciliations', headers: { ...headers, 'content-type': 'application/xml' }, payload: xml });
  const againMs = performance.now() - again;
  console.log(
    `[${dialect}] reconcile ${ENTRIES.toLocaleString('en')} entries (${(xml.length / 1e6).toFixed(1)} MB) vs ${PENDING.toLocaleString('en')} pending: ${elapsed.toFixed(0)} ms (goal ≤ 2000 ms); matched ${summary.matched}, partial ${summary.partial}, unmatched ${summary.unmatched}, succeeded ${summary.payments_succeeded}`,
  );
  console.log(`[${dialect}] same file again: ${againMs.toFixed(0)} ms, already matched ${second.json().data.summary.already_matched}`);
  return elapsed;
}

let ok = true;
for (const dialect of ['sqlite', 'postgres'] as const) {
  const env = await setUp(dialect);
  if (!env) {
    console.log(`[${dialect}] skipped: no PostgreSQL at ${PG_URL}`);
    continue;
  }
  try {
    const ratio = await throughput(env, dialect);
    if (process.argv.includes('--init-only')) {
      ok &&= ratio >= 0.8;
      continue;
    }
    const ms = await reconciliation(env, dialect);
    ok &&= ratio >= 0.8 && ms <= 2000;
  } finally {
    await env.close();
  }
}
process.exitCode = ok ? 0 : 1;
