// The master key's check value is recorded once per database and read back by every later start.
import { afterEach, expect, it } from 'vitest';
import { recordedKeyCheck } from '../../src/db/master-key-check.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';

describeDialects('master key check', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.destroy();
    database = undefined;
  });

  it('keeps the first check value it is given, also against a second instance racing it', async () => {
    database = await createTestDatabase(dialect);
    const other = database.connectAgain();
    try {
      const [a, b] = await Promise.all([recordedKeyCheck(database.handle.db, 'aa', 1), recordedKeyCheck(other.db, 'bb', 1)]);
      expect(a).toBe(b);
      expect(await recordedKeyCheck(database.handle.db, 'cc', 2)).toBe(a);
    } finally {
      await other.close();
    }
  });
});
