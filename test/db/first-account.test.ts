// "Only while no account exists" holds under concurrency: the accounts table is locked against
// writers before it is counted, so a transaction that saw it empty is never overtaken by another
// that also saw it empty. On PostgreSQL the second waits on the lock (visible in pg_locks) and
// then finds the first one's account; without the lock it would insert a second.
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { lockTableAgainstWriters } from '../../src/db/lock.ts';
import { anyAccountExists, insertAccountWithOwner, insertFirstAccountWithOwner } from '../../src/modules/accounts/account.repo.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';

function rows(n: number) {
  const now = Date.parse('2026-03-01T12:00:00Z');
  return {
    account: { id: `acc_${n}`, slug: `acct-${n}`, name: `a${n}`, created_at: now, updated_at: now },
    user: { id: `usr_${n}`, email: `u${n}@example.com`, password_hash: 'x', name: `u${n}`, created_at: now, updated_at: now },
  };
}

describeDialects('first account', (dialect) => {
  const opened: TestDatabase[] = [];
  afterEach(async () => {
    for (const d of opened.splice(0)) await d.destroy();
  });

  it('inserts only into an empty instance', async () => {
    const database = await createTestDatabase(dialect);
    opened.push(database);
    const { db } = database.handle;
    expect(await insertFirstAccountWithOwner(db, dialect, rows(1).account, rows(1).user)).toBe(true);
    expect(await insertFirstAccountWithOwner(db, dialect, rows(2).account, rows(2).user)).toBe(false);
    expect(await db.selectFrom('users').select('id').execute()).toEqual([{ id: 'usr_1' }]);
  });

  it.runIf(dialect === 'postgres')('a second transaction waits for the first one that saw the table empty, then sees its account', async () => {
    const database = await createTestDatabase(dialect);
    opened.push(database);
    const other = database.connectAgain();
    try {
      const { db } = database.handle;
      let second: Promise<boolean> | undefined;
      await db.transaction().execute(async (trx) => {
        await lockTableAgainstWriters(trx, dialect, 'accounts');
        expect(await anyAccountExists(trx)).toBe(false);
        second = insertFirstAccountWithOwner(other.db, dialect, rows(2).account, rows(2).user);
        // Proceed once the second transaction is queued behind this one's lock.
        for (let polls = 0; polls < 500; polls++) {
          const { rows: waiting } = await sql<{ n: number }>`select count(*)::int as n from pg_locks where relation = 'accounts'::regclass and not granted`.execute(db);
          if (waiting[0]!.n > 0) break;
        }
        await insertAccountWithOwner(trx, rows(1).account, rows(1).user);
      });
      expect(await second).toBe(false);
      expect((await db.selectFrom('accounts').select('id').execute()).map((r) => r.id)).toEqual(['acc_1']);
    } finally {
      await other.close();
    }
  });
});
