import { afterEach, expect, it } from 'vitest';
import { isForeignKeyViolation, isUniqueViolation } from '../../src/db/dialect.ts';
import { migrateToLatest, pendingMigrations } from '../../src/db/migrate.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';

describeDialects('migrations', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.destroy();
    database = undefined;
  });

  it('apply every migration once; a second run is a no-op', async () => {
    database = await createTestDatabase(dialect, { migrate: false });
    expect(await pendingMigrations(database.handle.db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(database.handle.db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(database.handle.db)).toEqual([]);
    expect(await pendingMigrations(database.handle.db)).toEqual([]);
  });

  // better-sqlite3 is synchronous, so two SQLite connections in one process would block each
  // other's event loop; the SQLite case runs as two processes in test/cli.
  it.runIf(dialect === 'postgres')('two instances migrating at once both succeed and apply each migration once', async () => {
    database = await createTestDatabase(dialect, { migrate: false });
    const other = database.connectAgain();
    try {
      const [a, b] = await Promise.all([migrateToLatest(database.handle.db), migrateToLatest(other.db)]);
      expect([...a, ...b].sort()).toEqual(Object.keys(migrations).sort());
    } finally {
      await other.close();
    }
  });

  it('recognises a unique violation on this dialect', async () => {
    database = await createTestDatabase(dialect);
    const row = { id: 'acc_1', slug: 'same', name: 'A', created_at: 1, updated_at: 1 };
    await database.handle.db.insertInto('accounts').values(row).execute();
    const error = await database.handle.db
      .insertInto('accounts')
      .values({ ...row, id: 'acc_2' })
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });

  it('recognises a foreign-key violation on this dialect', async () => {
    database = await createTestDatabase(dialect);
    const error = await database.handle.db
      .insertInto('account_members')
      .values({ account_id: 'acc_missing', user_id: 'usr_missing', role: 'owner', created_at: 1 })
      .execute()
      .catch((e: unknown) => e);
    expect(isForeignKeyViolation(error)).toBe(true);
    expect(isUniqueViolation(error)).toBe(false);
  });

  it('stores millisecond timestamps as numbers', async () => {
    database = await createTestDatabase(dialect);
    const at = Date.parse('2026-11-23T10:00:00.123Z');
    await database.handle.db.insertInto('accounts').values({ id: 'acc_1', slug: 'ts', name: 'A', created_at: at, updated_at: at }).execute();
    const row = await database.handle.db.selectFrom('accounts').selectAll().executeTakeFirstOrThrow();
    expect(row.created_at).toBe(at);
  });
});
