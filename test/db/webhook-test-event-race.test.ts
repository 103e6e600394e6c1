// "Send test event" racing a DELETE of the same endpoint (found by the fuzz sweep on PostgreSQL):
// the endpoint is read, the DELETE commits, then the delivery's insert meets the foreign key.
// The caller must get the 404 a later request would get, not a 500, and nothing half-written.
import type { KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { AppError } from '../../src/errors.ts';
import { sendTestEvent } from '../../src/modules/webhooks/webhook-endpoint.service.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';
import { insertAccountWithEndpoint } from '../helpers/webhook-rows.ts';

describeDialects('test event racing the endpoint delete', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await insertAccountWithEndpoint(database.handle.db, 'acc_race', 'whk_race');
  });
  afterEach(() => database.destroy());

  it('answers 404 when the endpoint is deleted between its read and the delivery insert, and writes no delivery', async () => {
    const db = database.handle.db;
    let deleted = false;
    // After the first query that returns the endpoint row, delete it on another statement, as a
    // concurrent request's committed DELETE would.
    const deleteAfterRead: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        const rows = args.result.rows as Array<{ id?: unknown }>;
        if (!deleted && rows.some((row) => row.id === 'whk_race')) {
          deleted = true;
          await db.deleteFrom('webhook_endpoints').where('id', '=', 'whk_race').execute();
        }
        return args.result;
      },
    };
    const ctx = { db: db.withPlugin(deleteAfterRead), clock: { now: () => 1_000 } } as Pick<AppContext, 'db' | 'clock'>;
    const error = await sendTestEvent(ctx, 'acc_race', 'whk_race').catch((e: unknown) => e);
    expect(deleted).toBe(true);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(404);
    const deliveries = await db.selectFrom('webhook_deliveries').selectAll().execute();
    const events = await db.selectFrom('webhook_events').selectAll().execute();
    expect({ deliveries: deliveries.length, events: events.length }).toEqual({ deliveries: 0, events: 0 });
  });
});
