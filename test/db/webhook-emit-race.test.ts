// An event emitted while its endpoint is being deleted (found by the fuzz sweep on PostgreSQL):
// the endpoints were read, a DELETE committed, then the delivery's insert met the foreign key and
// the change that emitted the event failed with a 500. Now the endpoints read are held until the
// deliveries are written (FOR KEY SHARE): the DELETE waits for the emitting transaction, then
// takes the endpoint's deliveries with it (ON DELETE CASCADE). SQLite's writers are serialised by
// the database lock, so this is PostgreSQL's.
import { type KyselyPlugin, sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { emitEvent } from '../../src/modules/webhooks/index.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';
import { insertAccountWithEndpoint } from '../helpers/webhook-rows.ts';

describeDialects('an event emitted while its endpoint is deleted', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await insertAccountWithEndpoint(database.handle.db, 'acc_emit', 'whk_emit');
  });
  afterEach(() => database.destroy());

  it.skipIf(dialect !== 'postgres')('the DELETE waits for the event to be written; nothing fails and no delivery is left to a missing endpoint', async () => {
    const db = database.handle.db;
    let deleting: Promise<unknown> | undefined;
    // Once the emit has read the endpoint, another connection deletes it, and the emit goes on
    // only when that DELETE has committed or is waiting for a lock.
    const deleteAfterRead: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        const rows = args.result.rows as Array<{ id?: unknown }>;
        if (deleting === undefined && rows.some((row) => row.id === 'whk_emit')) {
          let settled = false;
          deleting = db
            .deleteFrom('webhook_endpoints')
            .where('id', '=', 'whk_emit')
            .execute()
            .finally(() => {
              settled = true;
            });
          for (let i = 0; i < 500 && !settled; i++) {
            const { rows: waiting } = await sql<{
              n: number;
            }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like 'delete from "webhook_endpoints"%'`.execute(db);
            if (waiting[0]!.n > 0) break;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        }
        return args.result;
      },
    };
    const emitted = await db
      .withPlugin(deleteAfterRead)
      .transaction()
      .execute((trx) => emitEvent(trx, { accountId: 'acc_emit', type: 'campaign.created', data: { id: 'cmp_1' }, occurredAt: 1_000 }));
    expect(emitted.deliveries).toBe(1);
    await deleting;
    expect(await db.selectFrom('webhook_endpoints').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('webhook_deliveries').select('id').execute()).toEqual([]);
    expect((await db.selectFrom('webhook_events').select('id').execute()).length).toBe(1);
  });
});
