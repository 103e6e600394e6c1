import { afterEach, expect, it } from 'vitest';
import { migrateToLatest, pendingMigrations } from '../../src/db/migrate.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';
import { createTestSchema } from '../helpers/postgres.ts';

describeDialects('schema isolation', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.destroy();
    database = undefined;
  });

  // Parallel test files (and several Tessera schemas on one server) create and drop schemas
  // while others migrate; migrations must only ever look at their own schema.
  it.runIf(dialect === 'postgres')(
    'migrates while other schemas are created and dropped around it',
    async () => {
      let churning = true;
      const churn = (async () => {
        while (churning) {
          const other = await createTestSchema();
          const d = await createTestDatabase('postgres');
          await Promise.all([other.drop(), d.destroy()]);
        }
      })();
      try {
        for (let i = 0; i < 8; i++) {
          const fresh = await createTestDatabase('postgres', { migrate: false });
          await migrateToLatest(fresh.handle.db);
          expect(await pendingMigrations(fresh.handle.db)).toEqual([]);
          await fresh.destroy();
        }
      } finally {
        churning = false;
        await churn;
      }
      // Sixteen full migrations with churn around them: seconds on a quiet machine, more on a busy CI host.
    },
    120_000,
  );
});
