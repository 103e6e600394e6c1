// Frozen: never import application code here.
// The request that caused a webhook event (its X-Request-Id), so delivery logs written minutes
// later by another process name it. Null for events of background work (scan flushes, sweepers)
// and for events written before this migration.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhook_events').addColumn('request_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhook_events').dropColumn('request_id').execute();
}
