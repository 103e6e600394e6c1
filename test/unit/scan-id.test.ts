import { expect, it } from 'vitest';
import { batchToken, scanIdBoundAt, scanIdsOf } from '../../src/modules/scans/scan-id.ts';

const scanIds = (times: number[]) => scanIdsOf(times, batchToken());

it('scan ids sort by time as text, and the bound at a time splits earlier scans from the rest', () => {
  const times = [0, 1, 35, 36, 1_795_000_000_000, 1_795_000_000_001, 1_795_000_000_999, 99_999_999_999_999];
  const ids = scanIds(times);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(ids);
  for (const [i, ms] of times.entries()) {
    const bound = scanIdBoundAt(ms);
    expect(ids.filter((id) => id < bound)).toEqual(ids.slice(0, i));
  }
  // Two scans in the same millisecond get different ids, both at or above that millisecond's bound.
  const [a, b] = scanIds([1_795_000_000_000, 1_795_000_000_000]);
  expect(a).not.toBe(b);
  expect(a! >= scanIdBoundAt(1_795_000_000_000) && b! >= scanIdBoundAt(1_795_000_000_000)).toBe(true);
  expect(a! < scanIdBoundAt(1_795_000_000_001) && b! < scanIdBoundAt(1_795_000_000_001)).toBe(true);
});

it('ids of one batch are all distinct and well formed, however many share a millisecond', () => {
  const ids = scanIds(Array.from({ length: 5000 }, (_, i) => 1_795_000_000_000 + Math.floor(i / 100)));
  expect(new Set(ids).size).toBe(5000);
  for (const id of ids) expect(id).toMatch(/^scn_[0-9a-z]{9}[A-Za-z0-9_-]{16}$/);
  expect([...ids].sort((a, b) => (a.slice(0, 13) < b.slice(0, 13) ? -1 : a.slice(0, 13) > b.slice(0, 13) ? 1 : 0))).toEqual(ids);
});

it('a batch token names each scan by its place: distinct, well formed, time-ordered, and the same again for a retry', async () => {
  const { batchToken, nameScans, scanIdsOf } = await import('../../src/modules/scans/scan-id.ts');
  const token = batchToken();
  expect(token).toMatch(/^[A-Za-z0-9_-]{12}$/);
  const times = Array.from({ length: 5000 }, (_, i) => 1_795_000_000_000 + Math.floor(i / 100));
  const ids = scanIdsOf(times, token);
  expect(new Set(ids).size).toBe(5000);
  for (const id of ids) expect(id).toMatch(/^scn_[0-9a-z]{9}[A-Za-z0-9_-]{16}$/);
  expect([...ids].sort()).toEqual(ids);
  for (const [i, ms] of times.entries()) expect(ids[i]! >= scanIdBoundAt(ms) && ids[i]! < scanIdBoundAt(ms + 1)).toBe(true);
  // Another batch's token names the same places differently; given ids win.
  expect(scanIdsOf(times.slice(0, 3), batchToken())).not.toEqual(ids.slice(0, 3));
  expect(scanIdsOf([1, 2], token, ['scn_given', undefined])).toEqual(['scn_given', scanIdsOf([1, 2], token)[1]]);
  // After a failed write the events take the ids that write used, and are marked retried.
  const events: Array<{ occurredAt: number; id?: string; retried?: boolean }> = [{ occurredAt: times[0]! }, { occurredAt: times[1]!, id: 'scn_earlier' }, { occurredAt: times[2]! }];
  nameScans(events, token);
  expect(events).toEqual([
    { occurredAt: times[0], id: ids[0], retried: true },
    { occurredAt: times[1], id: 'scn_earlier', retried: true },
    { occurredAt: times[2], id: ids[2], retried: true },
  ]);
  expect(() => scanIdsOf([1], 'short')).toThrow(/token/);
});
