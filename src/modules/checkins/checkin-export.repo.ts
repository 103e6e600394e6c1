// An event's or a ticket's check-ins, oldest first, one page at a time: the export never holds
// more than a page of a 100,000-check-in event. The checkins_batch_idx and checkins_campaign_idx
// indexes, (batch_id | campaign_id, created_at, id), serve the order and the page's start directly.
import type { Kysely } from 'kysely';
import { type KeysetPosition, oldestFirst } from '../../db/keyset.ts';
import type { CheckinsTable, Database } from '../../db/schema.ts';
import { inScope, type SummaryScope } from './checkin-summary.repo.ts';

/** Up to `limit` check-ins of the scope after `after`, oldest first. */
export async function checkinPage(db: Kysely<Database>, accountId: string, scope: SummaryScope, limit: number, after?: KeysetPosition): Promise<CheckinsTable[]> {
  return oldestFirst(inScope(db, accountId, scope).selectAll(), limit, after).execute();
}
