import { afterEach, expect, it } from 'vitest';
import { appendRows, appendRowsSharing } from '../../src/db/append.ts';
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
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('accounts')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
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

  it('appendRowsSharing stores each row with its shared tuple, atomically, batch after batch on one connection', async () => {
    database = await createTestDatabase(dialect);
    const db = database.handle.db;
    const columns = ['id', 'slug', 'created_at'];
    const sharedColumns = ['name', 'updated_at'];
    const stored = () => db.selectFrom('accounts').select(['id', 'slug', 'name', 'created_at', 'updated_at']).orderBy('id').execute();
    // 1,300 rows over three tuples (more than one statement holds), then a second batch with other tuples.
    const shared = [
      ['A', 1],
      ['B', 2],
      ['C', 3],
    ];
    const rows = Array.from({ length: 1300 }, (_, i) => [`acc_${String(i).padStart(4, '0')}`, `s-${i}`, 1000 + i, i % 3]);
    await appendRowsSharing(db, 'accounts', columns, sharedColumns, rows, shared);
    await appendRowsSharing(db, 'accounts', columns, sharedColumns, [['acc_x', 's-x', 7, 0]], [['X', 9]]);
    const all = await stored();
    expect(all).toHaveLength(1301);
    expect(all[1298]).toEqual({ id: 'acc_1298', slug: 's-1298', name: 'C', created_at: 2298, updated_at: 3 });
    expect(all[1299]).toEqual({ id: 'acc_1299', slug: 's-1299', name: 'A', created_at: 2299, updated_at: 1 });
    expect(all[1300]).toEqual({ id: 'acc_x', slug: 's-x', name: 'X', created_at: 7, updated_at: 9 });
    // Rows that mostly bring a tuple of their own are bound whole instead (another path on SQLite): same rows.
    const own = Array.from({ length: 600 }, (_, i) => [`acc_v${String(i).padStart(3, '0')}`, `s-v${i}`, i, i % 400]);
    const tuples = Array.from({ length: 400 }, (_, k) => [`V${k}`, k]);
    await appendRowsSharing(db, 'accounts', columns, sharedColumns, own, tuples);
    const varied = (await stored()).filter((row) => row.id.startsWith('acc_v'));
    expect(varied).toHaveLength(600);
    expect(varied[599]).toEqual({ id: 'acc_v599', slug: 's-v599', name: 'V199', created_at: 599, updated_at: 199 });
    await db.deleteFrom('accounts').where('id', 'like', 'acc_v%').execute();
    // A bad tuple index or a failing row writes nothing.
    await expect(
      appendRowsSharing(
        db,
        'accounts',
        columns,
        sharedColumns,
        [
          ['acc_y', 's-y', 1, 0],
          ['acc_z', 's-z', 1, 5],
        ],
        shared,
      ),
    ).rejects.toThrow(/shared tuple/);
    await expect(
      appendRowsSharing(
        db,
        'accounts',
        columns,
        sharedColumns,
        [
          ['acc_y', 's-y', 1, 0],
          ['acc_0000', 's-0', 1, 1],
        ],
        shared,
      ),
    ).rejects.toThrow();
    // Inside a transaction the rows join it and go with its rollback.
    await expect(
      db.transaction().execute(async (trx) => {
        await appendRowsSharing(trx, 'accounts', columns, sharedColumns, [['acc_t', 's-t', 1, 0]], shared);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await stored()).toHaveLength(1301);
    await expect(appendRowsSharing(db, 'accounts; drop table accounts', columns, sharedColumns, [['x', 's', 1, 0]], shared)).rejects.toThrow(/invalid identifier/);
  });
});
