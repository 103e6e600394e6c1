// The door page's words for a ticket that came early: when admission opens, from the API's opens_at.
import { expect, it } from 'vitest';
import { verdictOf } from '../../web/src/checkins/verdict.ts';

it('tells the steward when admission opens, and keeps the plain words for answers without opens_at', () => {
  const now = Date.parse('2026-05-02T16:00:00Z');
  const early = verdictOf({ reason: 'not_yet_active', admission: null, opens_at: '2026-05-02T18:00:00Z' }, now);
  expect(early.title).toBe('Not valid yet');
  expect(early.detail).toMatch(/^Do not let them in yet: admission opens in 2 hours \(.+2026.+\)\.$/);
  // A device clock ahead of the server's names the time, not "opens just now".
  expect(verdictOf({ reason: 'not_yet_active', admission: null, opens_at: '2026-05-02T15:59:00Z' }, now).detail).toMatch(/^Do not let them in yet: admission opens at .+2026.+\.$/);
  const older = verdictOf({ reason: 'not_yet_active', admission: null, opens_at: null }, now);
  expect(older.detail).toBe('Do not let them in yet: admission for this ticket has not started.');
  expect(verdictOf({ reason: 'admitted', admission: null, opens_at: null }, now).detail).toBe('Let them in.');
});
