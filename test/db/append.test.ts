import { afterEach, expect, it } from 'vitest';
import { appendRows } from '../../src/db/append.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';

describeDialects('appendRows', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.destroy();
    database = undefined;
  });

  it('inserts more rows than one statement holds, all or nothing, inside or outside a transaction', async () => {
    database = await createTestDatabase(dialect);
    const db = database.handle.db;
    const rows = Array.from({ length: 1234 }, (_, i) => [`acc_${i}`, `slug-${i}`, `Name ${i}`, 1_700_000_000_000 + i, 1_700_000_000_000 + i]);
    await appendRows(db, 'accounts', ['id', 'slug', 'name', 'created_at', 'updated_at'], rows);
    const count = async () => Number((await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(1234);
    const stored = await db.selectFrom('accounts').selectAll().where('id', '=', 'acc_1233').executeTakeFirstOrThrow();
    expect(stored).toEqual({ id: 'acc_1233', slug: 'slug-1233', name: 'Name 1233', created_at: 1_700_000_001_233, updated_at: 1_700_000_001_233 });
    // A duplicate in the second statement rolls back the first one too.
    const clash = [...Array.from({ length: 600 }, (_, i) => [`new_${i}`, `new-${i}`, 'n', 1, 1]), ['acc_0', 'dup', 'n', 1, 1]];
    await expect(appendRows(db, 'accounts', ['id', 'slug', 'name', 'created_at', 'updated_at'], clash)).rejects.toThrow();
    expect(await count()).toBe(1234);
    await db.transaction().execute(async (trx) => {
      await appendRows(trx, 'accounts', ['id', 'slug', 'name', 'created_at', 'updated_at'], [['acc_t', 'in-trx', 'n', 1, 1]]);
    });
    expect(await count()).toBe(1235);
    await expect(appendRows(db, 'accounts; drop table accounts', ['id'], [['x']])).rejects.toThrow(/invalid identifier/);
  });
});
