// Three real `tessera serve` processes on one PostgreSQL schema with one Redis, plus two
// `tessera worker` processes and a fourth `serve` running the jobs itself (the one killed
// mid-delivery), on loopback: the scale-out claims of docs/operations.md, measured.
// Rate limits are shared; a destination change reaches every instance at once through
// LISTEN/NOTIFY (bound measured; the 1 s cache TTL stays the fallback); each webhook event is
// delivered once although two workers compete; each ticket is checked in once; every answered
// scan is stored once; an instance SIGKILLed mid-delivery has its claimed deliveries resent by a
// surviving worker once the claims expire; SIGKILL of one instance under load loses no
// acknowledged write and the others keep answering. Bounded in time: every wait has a deadline.
// Real processes need real time, so these tests wait (with deadlines) instead of moving a clock.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { liveUrl } from '../../src/modules/morph/morph.service.ts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_MASTER_KEY, testConfig } from '../helpers/app.ts';
import { createTestSchema, TEST_DATABASE_URL } from '../helpers/postgres.ts';
import { type Receiver, startReceiver } from '../helpers/webhook-receiver.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// High enough for every other test's calls; the rate-limit test uses an account of its own.
const RATE_LIMIT = 300;

interface Proc {
  name: string;
  child: ChildProcess;
  output(): string;
  base: string;
}

const procs: Proc[] = [];

function launch(name: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['src/main.ts', ...args], { env: { ...process.env, ...env } });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const proc = { name, child, output: () => out, base: '' };
  procs.push(proc);
  return proc;
}

const METRICS_TOKEN = 'multi-instance-metrics-token';

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

async function serve(name: string, env: Record<string, string>): Promise<Proc> {
  const proc = launch(name, ['serve'], env);
  // Generous: five processes start at once, on a shared 2-core machine.
  await until(`${name} to be ready`, () => proc.output().includes('Tessera is ready') || (proc.child.exitCode !== null && Promise.reject(new Error(proc.output()))), 90_000, 50);
  proc.base = `http://127.0.0.1:${/Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(proc.output())![1]}`;
  return proc;
}

describe.runIf(inject('postgres'))('several instances on one PostgreSQL with Redis', () => {
  let drop: () => Promise<void>;
  let sql: pg.Client;
  let instances: Proc[];
  let workers: Proc[];
  /** A fourth instance that also runs the jobs, with 2 s delivery leases: the one killed mid-delivery. */
  let doomed: Proc;
  let receiver: Receiver;
  let apiKey: string;
  let limitedKey: string;
  let env: Record<string, string>;
  const auth = () => ({ authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' });

  beforeAll(async () => {
    const schema = await createTestSchema();
    drop = schema.drop;
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema.schema}`);
    env = {
      DATABASE_URL: url.toString(),
      REDIS_URL,
      TESSERA_REDIS_PREFIX: `multi:${randomBytes(6).toString('hex')}:`,
      TESSERA_MASTER_KEY: TEST_MASTER_KEY,
      TESSERA_PUBLIC_URL: 'http://tessera.test',
      TESSERA_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      TESSERA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      TESSERA_SCAN_FLUSH_MS: '100',
      TESSERA_METRICS_TOKEN: METRICS_TOKEN,
      TESSERA_WORKER: 'false',
      LOG_LEVEL: 'info',
      PORT: '0',
      NODE_ENV: 'test',
    };
    const migrate = launch('migrate', ['migrate'], env);
    expect(await new Promise((resolve) => migrate.child.once('exit', resolve)), migrate.output()).toBe(0);
    const account = launch('account', ['account', 'create', '--email', 'ops@example.com', '--password', 'correct horse battery', '--json'], env);
    expect(await new Promise((resolve) => account.child.once('exit', resolve)), account.output()).toBe(0);
    apiKey = JSON.parse(account.output().slice(account.output().indexOf('{'), account.output().lastIndexOf('}') + 1)).api_key;
    const second = launch('account', ['account', 'create', '--email', 'limits@example.com', '--password', 'correct horse battery', '--json'], env);
    expect(await new Promise((resolve) => second.child.once('exit', resolve)), second.output()).toBe(0);
    limitedKey = JSON.parse(second.output().slice(second.output().indexOf('{'), second.output().lastIndexOf('}') + 1)).api_key;
    [doomed, ...instances] = await Promise.all([serve('web4', { ...env, TESSERA_WORKER: 'true', TESSERA_WEBHOOK_LEASE_SECONDS: '2' }), ...['web1', 'web2', 'web3'].map((name) => serve(name, env))]);
    workers = [launch('worker1', ['worker'], env), launch('worker2', ['worker'], env)];
    sql = new pg.Client({ connectionString: url.toString() });
    await sql.connect();
    receiver = await startReceiver();
  }, 240_000);

  afterAll(async () => {
    for (const proc of procs) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await receiver?.close();
    await sql?.end();
    await drop?.();
  });

  const createCampaign = async (via: Proc, destination = 'https://example.com/a') => {
    const response = await fetch(`${via.base}/api/v1/campaigns`, { method: 'POST', headers: auth(), body: JSON.stringify({ name: 'multi', destination }) });
    return { status: response.status, body: (await response.json()) as { id: string; short_code: string } };
  };
  const locationAt = async (via: Proc, code: string) => (await fetch(`${via.base}/${code}`, { redirect: 'manual' })).headers.get('location');
  const metricsOf = async (via: Proc) => (await fetch(`${via.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const metric = (text: string, line: RegExp) => Number(line.exec(text)?.[1] ?? NaN);
  const LISTENER_UP = /^tessera_campaign_change_listener_connected\{channel="tessera_campaign_changed"\} (\d+)$/m;
  const NOTIFICATIONS = /^tessera_campaign_change_notifications_total\{channel="tessera_campaign_changed"\} (\d+)$/m;

  it('shares rate limits across instances (Redis)', async () => {
    // A fresh window, so the count starts at zero on every instance.
    const windowMs = 60_000;
    await until('a fresh rate-limit window', () => Date.now() % windowMs < windowMs - 10_000, 11_000, 200);
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 15; i++) {
      const via = instances[i % instances.length]!;
      statuses.push((await fetch(`${via.base}/api/v1/campaigns?limit=1`, { headers: { authorization: `Bearer ${limitedKey}` } })).status);
    }
    // Each instance alone would have allowed all of them.
    expect(statuses.filter((s) => s === 200)).toHaveLength(RATE_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  }, 30_000);

  it('shows a destination change on every instance at once (LISTEN/NOTIFY), well inside the 1 s cache TTL', async () => {
    await until('every instance listening', async () => (await Promise.all(instances.map(metricsOf))).every((text) => metric(text, LISTENER_UP) === 1), 10_000, 50);
    const heardBefore = await Promise.all(instances.map(async (via) => metric(await metricsOf(via), NOTIFICATIONS)));
    const { body: campaign } = await createCampaign(instances[0]!, 'https://example.com/v0');
    const rounds = 5;
    const delays: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const writer = instances[round % 3]!;
      const destination = `https://example.com/v${round}`;
      // Every instance holds the current destination in its cache before the change.
      for (const via of instances) await until(`${via.name} to cache v${round - 1}`, async () => (await locationAt(via, campaign.short_code)) === `https://example.com/v${round - 1}`, 3_000, 10);
      const changed = await fetch(`${writer.base}/api/v1/campaigns/${campaign.id}`, { method: 'PUT', headers: auth(), body: JSON.stringify({ destination }) });
      expect(changed.status).toBe(200);
      const t0 = performance.now();
      // The instance that made the change answers with it at once.
      expect(await locationAt(writer, campaign.short_code)).toBe(destination);
      for (const delay of await Promise.all(
        instances.map(async (via) => {
          await until(`${via.name} to follow v${round}`, async () => (await locationAt(via, campaign.short_code)) === destination, 3_000, 2);
          return performance.now() - t0;
        }),
      )) {
        delays.push(delay);
      }
    }
    const worst = Math.max(...delays);
    console.log(
      `multi-instance: destination change seen on all 3 instances within ${worst.toFixed(0)} ms (max of ${rounds} rounds; median ${delays.sort((x, y) => x - y)[Math.floor(delays.length / 2)]!.toFixed(0)} ms)`,
    );
    // NOTIFY, not the TTL: every instance heard the changes the others made…
    const heard = await Promise.all(instances.map(async (via) => metric(await metricsOf(via), NOTIFICATIONS)));
    instances.forEach((via, i) => expect(heard[i]! - heardBefore[i]!, via.name).toBeGreaterThanOrEqual(rounds - Math.ceil(rounds / 3)));
    // …and the bound is inside the 1 s TTL it improves on (ADR 0026): 101–161 ms on this machine
    // alone, 284 ms once with the whole suite and a decoder sweep sharing its two cores, 509 ms
    // with three more test suites running beside it. The counters above prove the mechanism; this
    // bound only says it never took as long as the TTL would.
    expect(worst).toBeLessThan(900);
  }, 40_000);

  it('delivers each webhook event once although several workers compete', async () => {
    const post = (via: Proc, path: string, body?: object) => fetch(`${via.base}${path}`, { method: 'POST', headers: auth(), ...(body ? { body: JSON.stringify(body) } : {}) });
    await post(instances[0]!, '/api/v1/merchant/webhooks/secret');
    const endpoint = ((await (await post(instances[0]!, '/api/v1/merchant/webhooks/endpoints', { url: `${receiver.url}/hook` })).json()) as { data: { id: string } }).data;
    const events: string[] = [];
    for (let i = 0; i < 24; i++) {
      const response = await post(instances[i % 3]!, `/api/v1/merchant/webhooks/endpoints/${endpoint.id}/test`);
      expect(response.status).toBe(202);
      events.push(((await response.json()) as { data: { event_id: string } }).data.event_id);
    }
    await until('every event delivered', () => events.every((id) => receiver.received.some((r) => r.headers['webhook-id'] === id)), 20_000, 50);
    // Two more worker cycles: nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids.filter((id) => events.includes(id as string))).toHaveLength(events.length);
    expect(new Set(ids).size).toBe(ids.length);
  }, 40_000);

  it('stores every answered scan once, and counts it once', async () => {
    const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    const { body: campaign } = await createCampaign(instances[0]!);
    let answered = 0;
    await Promise.all(
      instances.map(async (via) => {
        for (let i = 0; i < 60; i++) if ((await fetch(`${via.base}/${campaign.short_code}`, { redirect: 'manual', headers: { 'user-agent': PHONE } })).status === 302) answered++;
      }),
    );
    expect(answered).toBe(180);
    const count = async () => Number((await sql.query('select count(*) as n from scans where campaign_id = $1', [campaign.id])).rows[0].n);
    // Drained: no instance holds a scan in memory any more, so the count is final, not a moment
    // between flushes; a scan stored twice would show as more than answered.
    const buffered = async (via: Proc) => {
      const text = await (await fetch(`${via.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      return Number(/^tessera_scan_buffer_events (\d+)$/m.exec(text)?.[1] ?? NaN);
    };
    await until('every instance drained', async () => (await Promise.all(instances.map(buffered))).every((n) => n === 0) && (await count()) >= answered, 10_000, 50);
    expect(await count()).toBe(answered);
    // Counted once too: the analytics every instance reports (rollups three writers added to)
    // show the answered scans, from one visitor (this test's one address and agent; a phone's,
    // since scans by HTTP tools count as bots, which reports leave out).
    for (const via of instances) {
      const timeline = (await (await fetch(`${via.base}/api/v1/analytics/campaign/${campaign.id}/timeline`, { headers: auth() })).json()) as { data: { scans: number; unique_scans: number }[] };
      expect(timeline.data.reduce((sum, day) => sum + day.scans, 0)).toBe(answered);
      expect(timeline.data.reduce((sum, day) => sum + day.unique_scans, 0)).toBe(1);
    }
  }, 30_000);

  it('checks each ticket in once although three instances race for it', async () => {
    const response = await fetch(`${instances[0]!.base}/api/v1/campaigns`, {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ name: 'Attendee 0042', destination: 'https://example.com/ticket/42', qr_type: 'morphing' }),
    });
    expect(response.status).toBe(201);
    const ticket = (await response.json()) as { id: string; short_code: string };
    // What a gate scanner reads from the live image now (the instances share this master key).
    const payload = liveUrl({ config: { ...testConfig(), masterKey: Buffer.from(TEST_MASTER_KEY, 'hex') } }, { id: ticket.id, accountId: '', shortCode: ticket.short_code }, 1, Date.now());
    const answers = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const via = instances[i % 3]!;
        const answer = await fetch(`${via.base}/api/v1/checkins`, { method: 'POST', headers: auth(), body: JSON.stringify({ payload, scanner_id: `gate-${i % 3}` }) });
        return { status: answer.status, result: ((await answer.json()) as { result: string }).result };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    expect(answers.filter((a) => a.result === 'ok')).toHaveLength(1);
    expect(answers.filter((a) => a.result === 'already_redeemed')).toHaveLength(29);
    const { rows } = await sql.query('select inside, entries from ticket_state where campaign_id = $1', [ticket.id]);
    expect(rows.map((r: { inside: number; entries: number }) => [Number(r.inside), Number(r.entries)])).toEqual([[1, 1]]);
    expect(Number((await sql.query('select count(*) as n from checkins where campaign_id = $1', [ticket.id])).rows[0].n)).toBe(30);
  }, 30_000);

  it('resends the deliveries a SIGKILLed instance had claimed, once their lease expires', async () => {
    // A receiver that holds every request open while `holding`: the instance dies mid-delivery.
    let holding = true;
    const held: string[] = [];
    const answered: string[] = [];
    const hold = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const id = String(req.headers['webhook-id']);
        if (holding) return void held.push(id);
        answered.push(id);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => hold.listen(0, '127.0.0.1', resolve));
    const post = (path: string, body?: object, method = 'POST') => fetch(`${instances[0]!.base}${path}`, { method, headers: auth(), ...(body ? { body: JSON.stringify(body) } : {}) });
    await post('/api/v1/merchant/webhooks/secret'); // 201, or 409 when an earlier test made it
    const hookUrl = `http://127.0.0.1:${(hold.address() as AddressInfo).port}/hold`;
    // Subscribed to a type no test emits: only the pings below reach it.
    const endpoint = ((await (await post('/api/v1/merchant/webhooks/endpoints', { url: hookUrl, event_types: ['payment.failed'] })).json()) as { data: { id: string } }).data;
    // Deliveries due now: any left would share the victim's first batch with the pings.
    const pending = async () => Number((await sql.query("select count(*) as n from webhook_deliveries where status = 'pending' and coalesce(next_attempt_at, 0) <= $1", [Date.now()])).rows[0].n);
    const victim = doomed;
    try {
      // The regular workers pause (SIGSTOP), so the victim alone claims the pings.
      await until('the due deliveries to drain', async () => (await pending()) === 0, 15_000, 50);
      for (const worker of workers) worker.child.kill('SIGSTOP');
      const events: string[] = [];
      for (let i = 0; i < 4; i++) events.push(((await (await post(`/api/v1/merchant/webhooks/endpoints/${endpoint.id}/test`)).json()) as { data: { event_id: string } }).data.event_id);
      await until('the victim to be mid-delivery of every ping', () => events.every((id) => held.includes(id)), 20_000, 20);
      victim.child.kill('SIGKILL');
      const killedAt = performance.now();
      holding = false;
      for (const worker of workers) worker.child.kill('SIGCONT');
      await until('every ping delivered by a surviving worker', () => events.every((id) => answered.includes(id)), 20_000, 20);
      const resentAfter = performance.now() - killedAt;
      console.log(`multi-instance: ${events.length} deliveries held by the SIGKILLed instance resent ${resentAfter.toFixed(0)} ms after the kill (lease 2 s)`);
      // Each answered once; each attempted twice (the attempt that died counts).
      expect(answered.filter((id) => events.includes(id)).sort()).toEqual([...events].sort());
      // The survivor records its answer just after the receiver sent it.
      const outcome = async () => (await sql.query('select status, attempts from webhook_deliveries where event_id = any($1)', [events])).rows;
      await until('the resends recorded', async () => (await outcome()).every((r: { status: string }) => r.status !== 'pending'), 10_000, 50);
      expect(await outcome()).toEqual(events.map(() => ({ status: 'succeeded', attempts: 2 })));
    } finally {
      for (const worker of workers) worker.child.kill('SIGCONT');
      if (victim.child.exitCode === null) victim.child.kill('SIGKILL');
      await post(`/api/v1/merchant/webhooks/endpoints/${endpoint.id}`, undefined, 'DELETE');
      hold.closeAllConnections();
      await new Promise((resolve) => hold.close(resolve));
    }
  }, 60_000);

  it('loses no acknowledged write when one instance is SIGKILLed under load, and the others keep answering', async () => {
    const acknowledged: string[] = [];
    let failedOnVictim = 0;
    let afterKill = 0;
    let killed = false;
    const victim = instances[2]!;
    const load = Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (lane) => {
        for (let i = 0; i < 25; i++) {
          const via = instances[(lane + i) % 3]!;
          try {
            const { status, body } = await createCampaign(via);
            if (status === 201) {
              acknowledged.push(body.id);
              if (killed && via !== victim) afterKill++;
            }
          } catch {
            // The killed instance: its connection drops; nothing was acknowledged.
            expect(via).toBe(victim);
            failedOnVictim++;
          }
        }
      }),
    );
    await until('some writes acknowledged', () => acknowledged.length >= 30, 20_000, 5);
    victim.child.kill('SIGKILL');
    killed = true;
    await load;
    expect(failedOnVictim).toBeGreaterThan(0);
    expect(afterKill).toBeGreaterThan(0);
    const { rows } = await sql.query('select id from campaigns where id = any($1)', [acknowledged]);
    expect(rows.map((r: { id: string }) => r.id).sort()).toEqual([...acknowledged].sort());
    // The survivors still serve reads of everything acknowledged.
    const sample = acknowledged.slice(-5);
    for (const id of sample) expect((await fetch(`${instances[0]!.base}/api/v1/campaigns/${id}`, { headers: auth() })).status).toBe(200);
  }, 60_000);
});
