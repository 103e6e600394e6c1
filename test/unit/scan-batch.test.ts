import { expect, it } from 'vitest';
import { decodeScanBatch, encodeScanBatch, transferablesOf } from '../../src/modules/scans/scan-batch.ts';
import type { ScanEvent } from '../../src/modules/scans/index.ts';

const event = (overrides: Partial<ScanEvent>): ScanEvent => ({
  campaignId: 'cmp_a',
  accountId: 'acc_1',
  occurredAt: 1_795_000_000_123,
  userAgent: 'Mozilla/5.0 (iPhone)',
  referrer: null,
  ip: '203.0.113.9',
  country: null,
  kind: 'scan',
  ...overrides,
});

it('a batch decodes to the events it was encoded from, nulls, repeats and stale scans included', () => {
  const events = [
    event({}),
    event({ campaignId: 'cmp_b', referrer: 'https://t.co/x', country: 'DE', occurredAt: 1_795_000_000_124 }),
    event({ userAgent: null, ip: null, kind: 'stale' }),
    event({ userAgent: '', referrer: '' }), // empty strings stay empty strings, not nulls
    event({}),
  ];
  const batch = encodeScanBatch(events);
  // Repeated values travel once.
  expect(batch.strings.filter((s) => s === 'Mozilla/5.0 (iPhone)')).toHaveLength(1);
  expect(decodeScanBatch(structuredClone(batch, { transfer: transferablesOf(batch) }))).toEqual(events);
});

it('an event without a kind is a scan; an empty batch stays empty', () => {
  const { kind: _, ...bare } = event({});
  expect(decodeScanBatch(encodeScanBatch([bare]))).toEqual([{ ...bare, kind: 'scan' }]);
  expect(decodeScanBatch(encodeScanBatch([]))).toEqual([]);
});

it('ids given before a write and the retried mark survive the trip to the writer thread', () => {
  const events = [event({ id: 'scn_00000000a1', retried: true }), event({ id: 'scn_00000000a2' }), event({})];
  const batch = encodeScanBatch(events);
  expect(decodeScanBatch(structuredClone(batch, { transfer: transferablesOf(batch) }))).toEqual(events);
});
