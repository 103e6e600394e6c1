// The item-wide limit on wrong passwords, at the repository: its windows lengthen with the wrong
// passwords the item has answered over its life (migration 0019). Without argon2id in the loop, so
// a whole 30-day item's worth of guessing runs in a moment on both dialects.
import { afterEach, expect, it } from 'vitest';
import type { ItemsTable } from '../../src/db/schema.ts';
import { consumeView, countWrongPassword, type ItemPasswordLimit, insertItem } from '../../src/modules/items/items.repo.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';

const MINUTE = 60_000;
const LIMIT: ItemPasswordLimit = { windowMs: 15 * MINUTE, max: 50, longestWindowMs: 16 * 60 * MINUTE };
const T0 = Date.UTC(2026, 11, 1);

const item = (id: string): ItemsTable => ({
  id,
  magic_hash: `hash-${id}`,
  account_id: null,
  ciphertext: 'v1.x',
  content_hmac: '00',
  content_bytes: 1,
  password_protected: 1,
  password_hash: '$argon2id$…',
  delete_token_hash: '00',
  view_count: 0,
  view_limit: null,
  created_at: T0,
  expires_at: T0 + 720 * 60 * MINUTE,
  finalized_at: null,
  archived_at: null,
  password_attempts: 0,
  password_window_start: null,
  password_failures: 0,
  password_window_ms: null,
});

describeDialects('item password windows', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.destroy();
    database = undefined;
  });

  // Guesses as fast as the limit answers them, from T0 to the item's expiry: how many were answered.
  async function guessForLife(id: string, perWindow: number): Promise<{ answered: number; windows: number[] }> {
    const db = database!.handle.db;
    let now = T0;
    let answered = 0;
    const windows: number[] = [];
    while (now < T0 + 720 * 60 * MINUTE) {
      for (let i = 0; i < perWindow; i++) if (await countWrongPassword(db, id, now, LIMIT)) answered++;
      const row = await db.selectFrom('items').select(['password_window_start', 'password_window_ms']).where('id', '=', id).executeTakeFirstOrThrow();
      windows.push(Number(row.password_window_ms) / MINUTE);
      now = Number(row.password_window_start) + Number(row.password_window_ms);
    }
    return { answered, windows };
  }

  it('doubles each window for every fifty wrong passwords answered, up to 16 hours: a 30-day item answers 2,550 guesses, not 144,000', async () => {
    database = await createTestDatabase(dialect);
    await insertItem(database.handle.db, item('itm_a'));
    const { answered, windows } = await guessForLife('itm_a', 51);
    expect(windows.slice(0, 9)).toEqual([15, 30, 60, 120, 240, 480, 960, 960, 960]);
    // 7 windows in the first 31.75 hours, then one every 16 hours: 50 answers each (the 51st guess of each window is refused).
    expect(answered).toBe(50 * (7 + Math.ceil((720 - 31.75) / 16)));
    expect(answered).toBe(2_550);
  });

  it('lengthens with the wrong passwords, not the locks: forty-nine a window (never locked) reach 16 hours too', async () => {
    database = await createTestDatabase(dialect);
    await insertItem(database.handle.db, item('itm_b'));
    const { answered, windows } = await guessForLife('itm_b', 49);
    // 0, 49, 98 and 147 answered before the first four windows opened.
    expect(windows.slice(0, 4)).toEqual([15, 15, 30, 60]);
    expect(windows.at(-1)).toBe(960);
    expect(answered).toBeLessThan(2_550);
  });

  it('a locked item spends no view until its window ends; a row from before the windows grew reads as 15 minutes', async () => {
    database = await createTestDatabase(dialect);
    const db = database.handle.db;
    await insertItem(db, { ...item('itm_c'), password_failures: 0, password_window_ms: null, password_attempts: 50, password_window_start: T0 });
    expect(await consumeView(db, 'hash-itm_c', T0 + 15 * MINUTE - 1, LIMIT)).toBeUndefined();
    expect(await countWrongPassword(db, 'itm_c', T0 + 15 * MINUTE - 1, LIMIT)).toBe(false);
    expect((await consumeView(db, 'hash-itm_c', T0 + 15 * MINUTE, LIMIT))?.view_count).toBe(1);
  });
});
