// Frozen: never import application code here.
// A campaign's optional schedule: its code leads on only from `active_from` and until
// `active_until` (epoch milliseconds, either end open when null). Before and after, the code
// answers a friendly "not active yet" or "ended" page instead of redirecting.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('active_from', 'bigint').execute();
  await db.schema.alterTable('campaigns').addColumn('active_until', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').dropColumn('active_until').execute();
  await db.schema.alterTable('campaigns').dropColumn('active_from').execute();
}
