// The door page's words for a ticket that came early: when admission opens, from the API's opens_at.
import { expect, it } from 'vitest';
import { verdictOf } from '../../web/src/checkins/verdict.ts';

it('tells the steward when admission opens, and keeps the plain words for answers without opens_at', () => {
  const now = new Date(2026, 4, 2, 16, 0).getTime();
  const at = (h: number, m: number, day = 2) => new Date(2026, 4, day, h, m).toISOString();
  const opens = (iso: string, when = now) => verdictOf({ reason: 'not_yet_active', admission: null, opens_at: iso }, when).detail;
  expect(verdictOf({ reason: 'not_yet_active', admission: null, opens_at: at(18, 0) }, now).title).toBe('Not valid yet');
  expect(opens(at(18, 0))).toMatch(/^Do not let them in yet: admission opens at (18:00|6:00 PM) today \(in 2 hours\)\.$/);
  expect(opens(at(16, 40))).toMatch(/opens at (16:40|4:40 PM) today \(in 40 minutes\)\.$/);
  expect(opens(at(9, 30, 3))).toMatch(/opens at (09:30|9:30 AM) tomorrow\.$/);
  expect(opens(at(9, 30, 20))).toMatch(/opens at (09:30|9:30 AM) on 20 May\.$|opens at (09:30|9:30 AM) on May 20\.$/);
  // A device clock ahead of the server's: the time, not "in a moment" or "ago".
  expect(opens(at(15, 59))).toMatch(/opens at (15:59|3:59 PM) today\.$/);
  const older = verdictOf({ reason: 'not_yet_active', admission: null, opens_at: null }, now);
  expect(older.detail).toBe('Do not let them in yet: admission for this ticket has not started.');
  expect(verdictOf({ reason: 'admitted', admission: null, opens_at: null }, now).detail).toBe('Let them in.');
});

it('tells the steward at an exit whether the ticket can come back in', () => {
  const left = (reentry: boolean | null | undefined) => verdictOf({ reason: 'left', admission: null, opens_at: null, reentry });
  expect(left(false)).toEqual({ tone: 'go', title: 'Left for good', detail: 'Checked out. Tell them they cannot come back in: re-entry is off for this ticket.' });
  expect(left(true)).toEqual({ tone: 'go', title: 'Left', detail: 'Checked out: they can come back in with this ticket.' });
  // Exits logged before the API said so: the plain words.
  expect(left(null).detail).toBe('Checked out: the ticket is recorded as having left.');
  expect(left(undefined).title).toBe('Left');
});
