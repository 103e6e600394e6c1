// The one pagination tail: fetch limit + 1, issue a cursor only when a next page exists, and
// shape {data, next_cursor}; plus the one ISO conversion.
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, fetchPage, mapPage, pageJson } from '../../src/http/cursor.ts';
import { toIso } from '../../src/http/iso.ts';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `x_${n - i}`, created_at: 1000 * (n - i) }));

describe('fetchPage', () => {
  it('asks for one row more than the page and issues the cursor of its last row when there is more', async () => {
    let asked = 0;
    const page = await fetchPage(2, async (take) => {
      asked = take;
      return rows(5).slice(0, take);
    });
    expect(asked).toBe(3);
    expect(page.items.map((r) => r.id)).toEqual(['x_5', 'x_4']);
    expect(decodeCursor(page.nextCursor!)).toEqual({ createdAt: 4000, id: 'x_4' });
  });

  it('issues no cursor on the last page, full or not', async () => {
    expect((await fetchPage(2, async () => rows(2))).nextCursor).toBeNull();
    expect((await fetchPage(2, async () => rows(1))).nextCursor).toBeNull();
    expect(await fetchPage(2, async () => [])).toEqual({ items: [], nextCursor: null });
  });

  it('mapPage converts the items and keeps the cursor; pageJson shapes the reply', async () => {
    const page = mapPage(await fetchPage(1, async () => rows(2)), (r) => r.id);
    expect(page).toEqual({ items: ['x_2'], nextCursor: encodeCursor({ createdAt: 2000, id: 'x_2' }) });
    expect(pageJson(page, (id) => ({ id }))).toEqual({ data: [{ id: 'x_2' }], next_cursor: page.nextCursor });
  });

  it('a cursor the API did not issue is a 400 naming the parameter', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(() => decodeCursor('garbage')).toThrow(/cursor is not valid/);
  });
});

describe('toIso', () => {
  it('writes epoch milliseconds as ISO 8601 UTC; null stays null', () => {
    expect(toIso(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(toIso(Date.UTC(2026, 2, 1, 12))).toBe('2026-03-01T12:00:00.000Z');
    expect(toIso(null)).toBeNull();
  });
});
