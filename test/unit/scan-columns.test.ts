// The recorder's columnar queue must hand the writer exactly the events recorded, in order, and
// after a failed write give them back, named by the ids that write used, ahead of newer ones.
import { expect, it } from 'vitest';
import { decodeScanBatch, nameBatch, type ScanBatch } from '../../src/modules/scans/scan-batch.ts';
import { ScanBuffer } from '../../src/modules/scans/scan-buffer.ts';
import { ScanColumns } from '../../src/modules/scans/scan-columns.ts';
import type { ScanEvent } from '../../src/modules/scans/index.ts';
import { scanIdsOf } from '../../src/modules/scans/scan-id.ts';

const event = (i: number, overrides: Partial<ScanEvent> = {}): ScanEvent => ({
  campaignId: `cmp_${i % 3}`,
  accountId: 'acc_1',
  occurredAt: 1_795_000_000_000 + i,
  userAgent: i % 4 === 0 ? null : `agent ${i % 5}`,
  referrer: i % 2 ? 'https://t.co/x' : null,
  ip: `203.0.113.${i % 7}`,
  country: i % 3 ? 'DE' : '',
  kind: i % 10 === 9 ? 'stale' : 'scan',
  ...overrides,
});

it('takes what was recorded as one batch, in order, and starts empty again (columns grow past their first size)', () => {
  const columns = new ScanColumns();
  const events = Array.from({ length: 3000 }, (_, i) => event(i));
  for (const e of events) columns.push(e);
  expect(columns.length).toBe(3000);
  const batch = columns.take();
  expect(batch.token).toMatch(/^[A-Za-z0-9_-]{12}$/);
  expect(decodeScanBatch(batch)).toEqual(events);
  expect(columns.length).toBe(0);
  columns.push(event(5));
  expect(decodeScanBatch(columns.take())).toEqual([event(5)]);
});

it('puts a failed batch back, named as that write named it, ahead of scans recorded since, within the bound', () => {
  const columns = new ScanColumns();
  for (let i = 0; i < 5; i++) columns.push(event(i));
  const failed = columns.take();
  const ids = scanIdsOf(failed.occurredAt, failed.token);
  columns.push(event(5));
  nameBatch(failed);
  columns.restore(failed, 3); // room for the last three only
  columns.push(event(6));
  expect(columns.length).toBe(5);
  const retry = columns.take();
  expect(decodeScanBatch(retry)).toEqual([{ ...event(2), id: ids[2], retried: true }, { ...event(3), id: ids[3], retried: true }, { ...event(4), id: ids[4], retried: true }, event(5), event(6)]);
  // The scans recorded since keep the retry's token for their ids; the named ones keep theirs.
  expect(scanIdsOf(retry.occurredAt, retry.token, retry.ids).slice(0, 3)).toEqual(ids.slice(2));
});

it('in a ScanBuffer: a batch whose write failed is written again with the same ids', async () => {
  const written: Array<{ ids: string[]; times: number[] }> = [];
  let fail = true;
  const buffer = new ScanBuffer<ScanEvent, ScanBatch>(
    async (batch) => {
      const ids = scanIdsOf(batch.occurredAt, batch.token, batch.ids);
      written.push({ ids, times: [...batch.occurredAt] });
      if (fail) {
        nameBatch(batch);
        throw new Error('database down');
      }
    },
    { intervalMs: 60_000 },
    new ScanColumns(),
  );
  buffer.record(event(1));
  buffer.record(event(2));
  await buffer.flush();
  fail = false;
  buffer.record(event(3));
  await buffer.flush();
  await buffer.close();
  expect(written[1]!.ids.slice(0, 2)).toEqual(written[0]!.ids);
  expect(written[1]!.times).toEqual([event(1).occurredAt, event(2).occurredAt, event(3).occurredAt]);
  expect(new Set(written[1]!.ids).size).toBe(3);
});
