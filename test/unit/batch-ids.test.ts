// Ids for rows made in one request: the usual opaque shape, and in the order given when listed
// newest first (`id desc` among rows sharing created_at), on any collation (the order lives in digits).
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
    // Case-insensitive collations (PostgreSQL's en_US) see the same order: the ids differ only in digits.
    expect([...ids].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase()))).toEqual(ids);
  });

  it('draws a new shared part for every batch', () => {
    const a = newBatchIds('cmp', 3);
    const b = newBatchIds('cmp', 3);
    expect(a[0]!.slice(0, 20)).not.toBe(b[0]!.slice(0, 20));
  });
});
