import { threadId } from 'node:worker_threads';
import { afterEach, expect, it } from 'vitest';
import { newId } from '../../src/ids.ts';
import { createScanWriter, workerWriter } from '../../src/modules/scans/scan-writer.ts';
import type { ScanEvent } from '../../src/modules/scans/scan.service.ts';
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
    // A campaign that does not exist violates the foreign key: the batch fails as a whole.
    await expect(writer.write([{ ...events[0]!, campaignId: newId('cmp') }])).rejects.toThrow();
    await writer.close();
  });

  it.runIf(dialect === 'sqlite')('on SQLite the rows are written by a worker thread on its own connection', async () => {
    t = await createTestApp(dialect);
    const { accountId, campaignId } = await campaignFor(t);
    const writer = workerWriter(t.app.ctx);
    expect(writer.threadId()).toBeNull(); // started lazily
    await writer.write([{ campaignId, accountId, occurredAt: 1, userAgent: null, referrer: null, ip: null, country: null }]);
    expect(writer.threadId()).toBeGreaterThan(threadId);
    const count = await t.app.ctx.db.selectFrom('scans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    await writer.close();
    expect(writer.threadId()).toBeNull();
  });
});
