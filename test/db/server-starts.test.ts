import { afterEach, expect, it } from 'vitest';
import { recordServerStart, serverStarts } from '../../src/db/server-starts.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';

describeDialects('server start marker', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.destroy();
    database = undefined;
  });

  it('is absent on a fresh database, then keeps the first start and the latest', async () => {
    database = await createTestDatabase(dialect);
    const db = database.handle.db;
    expect(await serverStarts(db)).toBeNull();
    await recordServerStart(db, 1_000);
    expect(await serverStarts(db)).toEqual({ first: 1_000, last: 1_000 });
    await recordServerStart(db, 5_000);
    expect(await serverStarts(db)).toEqual({ first: 1_000, last: 5_000 });
  });

  it.runIf(dialect === 'postgres')('instances starting at once all record without a conflict', async () => {
    database = await createTestDatabase(dialect);
    const others = [database.connectAgain(), database.connectAgain(), database.connectAgain()];
    try {
      await Promise.all(others.map((o, i) => recordServerStart(o.db, 2_000 + i)));
      expect(await serverStarts(database.handle.db)).toMatchObject({ first: expect.any(Number), last: expect.any(Number) });
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });
});
