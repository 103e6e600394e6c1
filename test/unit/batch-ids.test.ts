// Ids for rows made in one request: the usual opaque shape, and in the order given when listed
// newest first (`id desc` among rows sharing created_at); the order lives in trailing digits.
import { describe, expect, it } from 'vitest';
import { newBatchIds, newId } from '../../src/ids.ts';

describe('newBatchIds', () => {
  it.each([1, 2, 10, 999, 1000, 1001, 12_345])('gives %i ids of the usual shape that sort descending in the order given', (count) => {
    const ids = newBatchIds('cmp', count);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    for (const id of ids) expect(id).toMatch(/^cmp_[0-9A-Za-z]{22}$/);
    expect(newId('cmp')).toHaveLength(ids[0]!.length);
    const sorted = [...ids].sort().reverse();
    expect(sorted).toEqual(ids);
    // Within a batch the ids differ only in their last digits, so any collation orders them alike
    // (the bulk API test checks the listed order on PostgreSQL too).
    const width = Math.max(3, String(count - 1).length);
    expect(new Set(ids.map((id) => id.slice(0, -width))).size).toBe(1);
    expect(ids.every((id) => /^\d+$/.test(id.slice(-width)))).toBe(true);
  });

  it('draws a new shared part for every batch', () => {
    const a = newBatchIds('cmp', 3);
    const b = newBatchIds('cmp', 3);
    expect(a[0]!.slice(0, 20)).not.toBe(b[0]!.slice(0, 20));
  });
});
