// View consumption is one conditional UPDATE: concurrent resolves can never overspend.
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { createItemViaApi, resolveViaApi } from '../helpers/items.ts';

describeDialects('items concurrency', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    // The second instance shares the first one's database: close it first.
    for (const app of apps.reverse()) await app.close();
    apps.length = 0;
  });

  // Every request here comes from one address: its budget of password checks a minute (right or
  // wrong, items-check-limit.test.ts) is raised so what is measured is the item's own counting.
  const env = { TESSERA_ITEM_PASSWORD_CHECKS_PER_MINUTE: '10000' };

  /** One app, and on PostgreSQL a second on the same database (its own pool), so requests can be split across instances. */
  async function startInstances(): Promise<TestApp[]> {
    const first = await createTestApp(dialect, { env });
    apps.push(first);
    if (dialect !== 'postgres') return [first];
    const second = await createTestApp(dialect, { database: first.database, clock: first.clock, env });
    apps.push(second);
    return [first, second];
  }

  it('200 concurrent resolves of an item with viewLimit 5: exactly 5 succeed', async () => {
    const instances = await startInstances();
    const first = instances[0]!;
    const item = await createItemViaApi(first.app, { content: 'five times only', ttlHours: 1, viewLimit: 5 });
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => resolveViaApi(instances[i % instances.length]!.app, item.magic)));
    const ok = results.filter((r) => r.statusCode === 200);
    const gone = results.filter((r) => r.statusCode === 410);
    expect(ok).toHaveLength(5);
    expect(gone).toHaveLength(195);
    expect(ok.map((r) => r.json().viewCount).sort()).toEqual([1, 2, 3, 4, 5]);
    for (const r of ok) expect(r.json().content).toBe('five times only');
    for (const r of gone) expect(r.json()).toMatchObject({ code: 'item_exhausted', viewCount: 5, viewLimit: 5 });
    const row = await first.database.handle.db.selectFrom('items').select('view_count').executeTakeFirstOrThrow();
    expect(row.view_count).toBe(5);
  });

  it('200 concurrent resolves of a password-protected item with viewLimit 5: exactly 5 succeed', async () => {
    const instances = await startInstances();
    const first = instances[0]!;
    const item = await createItemViaApi(first.app, { content: 'guarded', password: 'pw', ttlHours: 1, viewLimit: 5 });
    // 40 at a time: every request carries the right password, which is verified (argon2id) before spending.
    const codes: number[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => resolveViaApi(instances[i % instances.length]!.app, item.magic, 'pw')));
      codes.push(...results.map((r) => r.statusCode));
    }
    expect(codes.filter((c) => c === 200)).toHaveLength(5);
    // Right passwords are never counted as guesses: nothing here is throttled.
    expect(codes.filter((c) => c === 410)).toHaveLength(195);
  });

  it('only wrong passwords count, atomically: 30 parallel right ones all succeed, 30 parallel wrong ones get exactly 10 answers, and the 429 states the true wait', async () => {
    const instances = await startInstances();
    const first = instances[0]!;
    const on = (i: number) => instances[i % instances.length]!.app;
    const item = await createItemViaApi(first.app, { content: 'guarded', password: 'right', ttlHours: 1 });
    const right = await Promise.all(Array.from({ length: 30 }, (_, i) => resolveViaApi(on(i), item.magic, 'right')));
    expect(right.map((r) => r.statusCode)).toEqual(Array(30).fill(200));

    // Three wrong ones open the window; ten minutes later a parallel burst fills it.
    for (let i = 0; i < 3; i++) expect((await resolveViaApi(on(i), item.magic, `early-${i}`)).statusCode).toBe(401);
    first.clock.advance(10 * 60_000);
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => resolveViaApi(on(i), item.magic, i % 3 === 0 ? 'right' : `guess-${i}`)));
    const wrong = burst.filter((_, i) => i % 3 !== 0).map((r) => r.statusCode);
    expect(wrong.filter((c) => c === 401)).toHaveLength(7);
    expect(wrong.filter((c) => c === 429)).toHaveLength(13);
    // A right password is answered 200 while the limit holds, 429 once it is reached: never 401.
    expect(burst.filter((_, i) => i % 3 === 0).every((r) => r.statusCode === 200 || r.statusCode === 429)).toBe(true);
    const row = await first.database.handle.db.selectFrom('items').select(['password_attempts', 'view_count']).executeTakeFirstOrThrow();
    expect(row.password_attempts).toBe(10);

    // The lock lifts 15 minutes after the first wrong password, and every 429 says so.
    first.clock.advance(60_000);
    for (const password of ['right', 'another guess']) {
      const locked = await resolveViaApi(on(1), item.magic, password);
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['retry-after']).toBe('240');
      expect(locked.json()).toMatchObject({ code: 'too_many_attempts', retryAfterSeconds: 240 });
      expect(locked.json().detail).toContain('240 seconds');
    }
    first.clock.advance(240_000);
    expect((await resolveViaApi(on(0), item.magic, 'right')).statusCode).toBe(200);
  });

  it.runIf(dialect === 'postgres')('the password limit is shared by two instances: a parallel burst split across both gets exactly 10 checks', async () => {
    const first = await createTestApp(dialect, { env });
    apps.push(first);
    const second = await createTestApp(dialect, { database: first.database, clock: first.clock, env });
    apps.push(second);
    const item = await createItemViaApi(first.app, { content: 'x', password: 'right', ttlHours: 1 });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => resolveViaApi((i % 2 ? second : first).app, item.magic, `guess-${i}`)));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(10);
    expect(codes.filter((c) => c === 429)).toHaveLength(30);
    for (const instance of [first, second]) expect((await resolveViaApi(instance.app, item.magic, 'right')).statusCode).toBe(429);
  });
});
