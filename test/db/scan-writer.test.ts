import { spawnSync } from 'node:child_process';
import { threadId } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { newId } from '../../src/ids.ts';
import { batchToken, nameScans } from '../../src/modules/scans/scan-id.ts';
import { createScanWriter, workerWriter } from '../../src/modules/scans/scan-writer.ts';
import type { ScanEvent } from '../../src/modules/scans/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { tenant } from '../helpers/tenants.ts';

describeDialects('scan writer', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function campaignFor(app: TestApp) {
    const me = await tenant(app);
    const response = await app.app.inject({ method: 'POST', url: '/api/v1/campaigns', headers: me.headers, payload: { name: 'c', destination: 'https://example.com' } });
    return { accountId: me.accountId, campaignId: response.json().id as string };
  }

  it('writes 1,200 events (several statements) with time-ordered ids, and reports a failed batch', async () => {
    t = await createTestApp(dialect);
    const { accountId, campaignId } = await campaignFor(t);
    const writer = createScanWriter(t.app.ctx);
    expect(writer.threadId()).toBeNull();
    const events: ScanEvent[] = Array.from({ length: 1200 }, (_, i) => ({
      campaignId,
      accountId,
      occurredAt: t!.clock.now() + i,
      userAgent: `ua ${i}`,
      referrer: null,
      ip: '198.51.100.23',
      country: 'fr',
    }));
    await writer.write(events);
    const rows = await t.app.ctx.db.selectFrom('scans').selectAll().orderBy('id').execute();
    expect(rows).toHaveLength(1200);
    expect(rows.map((r) => r.occurred_at)).toEqual(events.map((e) => e.occurredAt));
    expect(rows[0]).toMatchObject({ ip: '198.51.100.0', country: 'FR', kind: 'scan', user_agent: 'ua 0' });
    // A batch that cannot be stored fails as a whole, and the writer says so.
    await sql`alter table scans rename to scans_away`.execute(t.app.ctx.db);
    await expect(writer.write([{ ...events[0]!, occurredAt: 5 }])).rejects.toThrow();
    await sql`alter table scans_away rename to scans`.execute(t.app.ctx.db);
    expect(await t.app.ctx.db.selectFrom('scans').select('id').where('occurred_at', '=', 5).execute()).toEqual([]);
    await writer.close();
  });

  it('stores a batch once when it is written again after a write that committed but was not acknowledged', async () => {
    t = await createTestApp(dialect);
    const { accountId, campaignId } = await campaignFor(t);
    const writer = createScanWriter(t.app.ctx);
    const db = t.app.ctx.db;
    const scan = (at: number): ScanEvent => ({ campaignId, accountId, occurredAt: at, userAgent: 'ua', referrer: null, ip: '198.51.100.23', country: null });
    const rolledUp = async () =>
      Number(
        (
          await db
            .selectFrom('scan_rollups')
            .select((eb) => eb.fn.sum<number | string>('scans').as('n'))
            .executeTakeFirstOrThrow()
        ).n ?? 0,
      );
    const events = [scan(1), scan(2), scan(3)];
    // Scans that already carry ids (a batch put back after a failed write): the ids are kept.
    nameScans(events, batchToken());
    await writer.write(events); // committed; suppose its answer never arrived
    const perScan = (await rolledUp()) / 3;
    expect(perScan).toBeGreaterThan(0);
    const retry = [...events, scan(4)];
    nameScans(retry, batchToken()); // the buffer's next try: the same three and a newcomer
    await writer.write(retry);
    const rows = await db.selectFrom('scans').select(['id', 'occurred_at']).orderBy('occurred_at').execute();
    expect(rows.map((r) => r.occurred_at)).toEqual([1, 2, 3, 4]);
    expect(rows.slice(0, 3).map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(await rolledUp()).toBe(perScan * 4);
    // A retry of a batch that had not committed stores it.
    const lost = [scan(5)];
    nameScans(lost, batchToken());
    nameScans(lost, batchToken());
    await writer.write(lost);
    expect((await db.selectFrom('scans').select('id').where('occurred_at', '=', 5).execute()).map((r) => r.id)).toEqual([lost[0]!.id]);
    await writer.close();
  });

  it('names a batch by its token: a retry under the same token, after a write that committed unanswered, stores nothing twice', async () => {
    t = await createTestApp(dialect);
    const { accountId, campaignId } = await campaignFor(t);
    const writer = createScanWriter(t.app.ctx);
    const db = t.app.ctx.db;
    const scan = (at: number): ScanEvent => ({ campaignId, accountId, occurredAt: at, userAgent: 'ua', referrer: null, ip: '198.51.100.23', country: null });
    // As the recorder does: one token for the batch; ids only when the write reports a failure.
    const events = [scan(1), scan(2), scan(3)];
    const token = batchToken();
    await writer.write(events, token); // committed; suppose its answer never arrived
    nameScans(events, token);
    await writer.write([...events, scan(4)], batchToken());
    const rows = await db.selectFrom('scans').select(['id', 'occurred_at']).orderBy('occurred_at').execute();
    expect(rows.map((r) => r.occurred_at)).toEqual([1, 2, 3, 4]);
    expect(rows.slice(0, 3).map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(new Set(rows.map((r) => r.id)).size).toBe(4);
    await writer.close();
  });

  it('drops the scans of a campaign that no longer exists and stores the rest of the batch', async () => {
    t = await createTestApp(dialect);
    const { accountId, campaignId } = await campaignFor(t);
    const writer = createScanWriter(t.app.ctx);
    const scan = (campaign: string, at: number): ScanEvent => ({ campaignId: campaign, accountId, occurredAt: at, userAgent: 'ua', referrer: null, ip: '198.51.100.23', country: null });
    // A campaign deleted between the scan and the flush (here: one never stored) must not make the
    // batch fail on every retry, nor leave rows pointing nowhere.
    await writer.write([scan(campaignId, 1), scan(newId('cmp'), 2), scan(campaignId, 3)]);
    const rows = await t.app.ctx.db.selectFrom('scans').select(['campaign_id', 'occurred_at']).orderBy('occurred_at').execute();
    expect(rows).toEqual([
      { campaign_id: campaignId, occurred_at: 1 },
      { campaign_id: campaignId, occurred_at: 3 },
    ]);
    const rollups = await t.app.ctx.db.selectFrom('scan_rollups').select('campaign_id').distinct().execute();
    expect(rollups.map((r) => r.campaign_id).sort()).toEqual(['', campaignId]);
    // A batch of only such scans stores nothing and does not fail.
    await writer.write([scan(newId('cmp'), 4)]);
    expect(await t.app.ctx.db.selectFrom('scans').select('id').execute()).toHaveLength(2);
    await writer.close();
  });

  it.runIf(dialect === 'sqlite')('on SQLite the rows are written by a worker thread on its own connection', async () => {
    t = await createTestApp(dialect);
    const { accountId, campaignId } = await campaignFor(t);
    const writer = workerWriter(t.app.ctx);
    expect(writer.threadId()).toBeNull(); // started lazily
    await writer.write([{ campaignId, accountId, occurredAt: 1, userAgent: null, referrer: null, ip: null, country: null }]);
    expect(writer.threadId()).toBeGreaterThan(threadId);
    const count = await t.app.ctx.db
      .selectFrom('scans')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    await writer.close();
    expect(writer.threadId()).toBeNull();
  });

  it.runIf(dialect === 'sqlite')('close() while the thread is still starting closes it once it has written the batch that started it', async () => {
    t = await createTestApp(dialect);
    const { accountId, campaignId } = await campaignFor(t);
    const writer = workerWriter(t.app.ctx);
    const written = writer.write([{ campaignId, accountId, occurredAt: 1, userAgent: null, referrer: null, ip: null, country: null }]);
    await writer.close();
    await written;
    expect(writer.threadId()).toBeNull();
    expect(await t.app.ctx.db.selectFrom('scans').select('occurred_at').execute()).toEqual([{ occurred_at: 1 }]);
  });

  it.runIf(dialect === 'sqlite')('close() with a batch in flight keeps the process alive until the thread has written it and exited', () => {
    // Its own process: under Vitest the test runner's channel would keep the process alive anyway.
    const run = spawnSync(process.execPath, ['test/db/fixtures/close-with-batch-in-flight.ts'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).not.toMatch(/unsettled top-level await/);
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: '2001\n' });
  });
});
