// Form submissions: written one at a time, read newest first by keyset pagination.
import type { Kysely, Transaction } from 'kysely';
import { type KeysetPosition, newestFirst } from '../../db/keyset.ts';
import type { Database, FormSubmissionsTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Stores one submission. */
export async function insertSubmission(db: Db, row: FormSubmissionsTable): Promise<void> {
  await db.insertInto('form_submissions').values(row).execute();
}

/** A page of a campaign's submissions (scoped to the account), newest first, after `cursor`. */
export async function listSubmissions(db: Db, accountId: string, campaignId: string, limit: number, cursor?: KeysetPosition): Promise<FormSubmissionsTable[]> {
  return newestFirst(db.selectFrom('form_submissions').selectAll().where('campaign_id', '=', campaignId).where('account_id', '=', accountId), limit, cursor).execute();
}
