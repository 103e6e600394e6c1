import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
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

  it('0018 makes every campaign that existed before it live, and later ones say their mode', async () => {
    database = await createTestDatabase(dialect, { migrate: false });
    const db = database.handle.db;
    const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
    expect((await migrator.migrateTo('0017_item_password_clients')).error).toBeUndefined();
    await db.insertInto('accounts').values({ id: 'acc_1', slug: 'old', name: 'A', created_at: 1, updated_at: 1 }).execute();
    // A printed code made before campaigns had a mode, with a prd key or a tst key alike: nothing recorded which.
    await sql`insert into campaigns (id, account_id, name, qr_type, status, destination, short_code, design_config, created_at, updated_at)
      values ('cmp_old', 'acc_1', 'Poster', 'dynamic', 'active', 'https://example.com/', 'OLDCODE', '{}', 1, 1)`.execute(db);
    expect((await migrateToLatest(db))[0]).toBe('0018_campaign_livemode');
    expect(await db.selectFrom('campaigns').select(['id', 'livemode']).execute()).toEqual([{ id: 'cmp_old', livemode: 1 }]);
    await db
      .insertInto('campaigns')
      .values({
        id: 'cmp_new',
        account_id: 'acc_1',
        name: 'Trial',
        slug: null,
        qr_type: 'dynamic',
        status: 'active',
        destination: 'https://example.com/',
        short_code: 'NEWCODE',
        design_config: '{}',
        template_id: null,
        batch_id: null,
        created_at: 2,
        updated_at: 2,
        archived_at: null,
        active_from: null,
        active_until: null,
        livemode: 0,
      })
      .execute();
    expect(await db.selectFrom('campaigns').select(['id', 'livemode']).orderBy('id').execute()).toEqual([
      { id: 'cmp_new', livemode: 0 },
      { id: 'cmp_old', livemode: 1 },
    ]);
    // Down and up again keeps the data it can: the mode goes with the column, back to live.
    expect((await migrator.migrateTo('0017_item_password_clients')).error).toBeUndefined();
    expect((await migrateToLatest(db))[0]).toBe('0018_campaign_livemode');
    expect(await db.selectFrom('campaigns').select(['id', 'livemode']).orderBy('id').execute()).toEqual([
      { id: 'cmp_new', livemode: 1 },
      { id: 'cmp_old', livemode: 1 },
    ]);
  });

  it('0020 makes every template that existed before it live, and later ones say their mode', async () => {
    database = await createTestDatabase(dialect, { migrate: false });
    const db = database.handle.db;
    const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
    expect((await migrator.migrateTo('0019_item_password_backoff')).error).toBeUndefined();
    await db.insertInto('accounts').values({ id: 'acc_1', slug: 'old', name: 'A', created_at: 1, updated_at: 1 }).execute();
    // A template saved before templates had a mode, with a prd key or a tst key alike: nothing recorded which.
    await sql`insert into templates (id, account_id, name, design_config, created_at, updated_at) values ('tpl_old', 'acc_1', 'Brand', '{}', 1, 1)`.execute(db);
    expect((await migrateToLatest(db))[0]).toBe('0020_template_livemode');
    expect(await db.selectFrom('templates').select(['id', 'livemode']).execute()).toEqual([{ id: 'tpl_old', livemode: 1 }]);
    await db.insertInto('templates').values({ id: 'tpl_new', account_id: 'acc_1', name: 'Trial', design_config: '{}', created_at: 2, updated_at: 2, livemode: 0 }).execute();
    expect(await db.selectFrom('templates').select(['id', 'livemode']).orderBy('id').execute()).toEqual([
      { id: 'tpl_new', livemode: 0 },
      { id: 'tpl_old', livemode: 1 },
    ]);
    // Down and up again keeps the templates: the mode goes with the column, back to live.
    expect((await migrator.migrateTo('0019_item_password_backoff')).error).toBeUndefined();
    expect((await migrateToLatest(db))[0]).toBe('0020_template_livemode');
    expect(await db.selectFrom('templates').select(['id', 'livemode']).orderBy('id').execute()).toEqual([
      { id: 'tpl_new', livemode: 1 },
      { id: 'tpl_old', livemode: 1 },
    ]);
  });

  it('0025 leaves every existing key for every event, lets only a check-in key name one, and goes down and up again', async () => {
    database = await createTestDatabase(dialect, { migrate: false });
    const db = database.handle.db;
    const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
    expect((await migrator.migrateTo('0024_api_key_scope')).error).toBeUndefined();
    await db.insertInto('accounts').values({ id: 'acc_1', slug: 'old', name: 'A', created_at: 1, updated_at: 1 }).execute();
    const key = (id: string, scope: string) =>
      sql`insert into api_keys (id, account_id, kid, env, type, scope, key_hash, display_mask, status, created_at)
        values (${id}, 'acc_1', ${`kid_${id}`}, 'prd', 'secret', ${scope}, ${`hash_${id}`}, 'mask', 'active', 1)`.execute(db);
    await key('key_all', 'all');
    await key('key_door', 'checkin');
    expect((await migrateToLatest(db))[0]).toBe('0025_api_key_event');
    expect(await db.selectFrom('api_keys').select(['id', 'scope', 'batch_id']).orderBy('id').execute()).toEqual([
      { id: 'key_all', scope: 'all', batch_id: null },
      { id: 'key_door', scope: 'checkin', batch_id: null },
    ]);
    await db.updateTable('api_keys').set({ batch_id: 'bat_1' }).where('id', '=', 'key_door').execute();
    await expect(db.updateTable('api_keys').set({ batch_id: 'bat_1' }).where('id', '=', 'key_all').execute()).rejects.toThrow();
    // Down forgets the event (the key works for every event again, as before 0025); up again adds the column empty.
    expect((await migrator.migrateTo('0024_api_key_scope')).error).toBeUndefined();
    expect((await migrateToLatest(db))[0]).toBe('0025_api_key_event');
    expect(await db.selectFrom('api_keys').select(['id', 'batch_id']).orderBy('id').execute()).toEqual([
      { id: 'key_all', batch_id: null },
      { id: 'key_door', batch_id: null },
    ]);
  });

  it('an older release on a database a newer one migrated is refused in those words, not as corrupted', async () => {
    database = await createTestDatabase(dialect);
    const db = database.handle.db;
    // What a newer release's migration leaves in Kysely's bookkeeping.
    await sql`insert into kysely_migration (name, timestamp) values ('0999_from_the_future', '2027-01-01T00:00:00.000Z')`.execute(db);
    await expect(migrateToLatest(db)).rejects.toThrow(
      'this database was migrated by a newer release of Tessera (it has migration 0999_from_the_future, which this release does not know): start the newer release here, on every instance',
    );
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
