// An account with one enabled webhook endpoint receiving every event, written straight into a test
// database: what the data-layer webhook tests start from.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';

export async function insertAccountWithEndpoint(db: Kysely<Database>, accountId: string, endpointId: string): Promise<void> {
  await db
    .insertInto('accounts')
    .values({ id: accountId, slug: accountId.replace(/^acc_/, ''), name: accountId, created_at: 1, updated_at: 1 })
    .execute();
  await db
    .insertInto('webhook_endpoints')
    .values({
      id: endpointId,
      account_id: accountId,
      url: 'https://hooks.example/x',
      description: '',
      event_types: '["*"]',
      enabled: 1,
      disabled_reason: null,
      failing_since: null,
      created_at: 1,
      updated_at: 1,
    })
    .execute();
}
