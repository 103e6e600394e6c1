// inTransaction runs a transaction again when SQLite finds its snapshot outdated at its first
// write (another connection, such as the scan writer thread, committed after its first read):
// SQLITE_BUSY_SNAPSHOT came back at once, as a 503, whatever busy_timeout said. PostgreSQL runs
// the same transaction once.
import { afterEach, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { sqliteFilePath } from '../../src/db/sqlite-file.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { tenant } from '../helpers/tenants.ts';

describeDialects('transactions', (dialect) => {
  let t: TestApp | undefined;
  let other: DatabaseHandle | null = null;
  afterEach(async () => {
    await other?.close();
    other = null;
    await t?.close();
    t = undefined;
  });

  it('a transaction whose snapshot another connection outdated runs again instead of failing', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    const db = t.app.ctx.db;
    const file = dialect === 'sqlite' ? await sqliteFilePath(db) : null;
    if (dialect === 'sqlite') expect(file).toBeTruthy();
    // Another connection to the same database: a second SQLite connection, or another pooled PostgreSQL one.
    other = file ? connectDatabase({ dialect: 'sqlite', url: file }) : null;
    const elsewhere = (other?.db ?? db).updateTable('accounts').set({ name: 'Renamed elsewhere' }).where('id', '=', me.accountId);
    let attempts = 0;
    const result = await inTransaction(db, async (trx) => {
      attempts++;
      await trx.selectFrom('accounts').select('name').where('id', '=', me.accountId).executeTakeFirstOrThrow();
      if (attempts === 1) await elsewhere.execute();
      await trx.updateTable('accounts').set({ updated_at: 42 }).where('id', '=', me.accountId).execute();
      return attempts;
    });
    expect(result).toBe(dialect === 'sqlite' ? 2 : 1);
    expect(await db.selectFrom('accounts').select(['name', 'updated_at']).where('id', '=', me.accountId).executeTakeFirstOrThrow()).toEqual({ name: 'Renamed elsewhere', updated_at: 42 });
  });

  it('any other error fails the transaction at once, rolled back', async () => {
    t = await createTestApp(dialect);
    const me = await tenant(t);
    let attempts = 0;
    await expect(
      inTransaction(t.app.ctx.db, async (trx) => {
        attempts++;
        await trx.updateTable('accounts').set({ updated_at: 7 }).where('id', '=', me.accountId).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(attempts).toBe(1);
    expect((await t.app.ctx.db.selectFrom('accounts').select('updated_at').where('id', '=', me.accountId).executeTakeFirstOrThrow()).updated_at).not.toBe(7);
  });
});
