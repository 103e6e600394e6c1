// Bulk requests (batches) of an account, grouped by the database: an account with hundreds of
// events of a thousand tickets each gets a page of a few dozen rows back, never its codes.
import type { Kysely } from 'kysely';
import type { KeysetPosition } from '../../db/keyset.ts';
import type { BatchNamesTable, CampaignsTable, Database } from '../../db/schema.ts';

/** One batch as the list reads it; `id` is the `bat_…` batch id (the cursor's tie-breaker). */
export interface BatchRow {
  id: string;
  created_at: number;
  codes: number;
  qr_type: CampaignsTable['qr_type'];
  livemode: number;
  first_name: string;
  first_destination: string;
  /** The batch's own name, when it was given one. */
  name: string | null;
}

/** Filters of the batch list. */
export interface BatchFilter {
  qrType?: CampaignsTable['qr_type'];
  /** Only this batch (what a check-in key kept to one event sees). */
  batchId?: string;
}

/**
 * A page of the account's batches, newest first, after `cursor` (its `id` a batch id). Every code
 * of a batch is inserted with one `created_at`, one `qr_type` and one mode (campaign-batch.service),
 * and none of them changes later, so grouping by (created_at, batch_id) yields one row per batch and
 * the cursor can be tested on the rows before grouping: the database walks
 * campaigns_account_batch_idx (0022) newest first and stops after `limit` groups. The first code
 * sent has the greatest id of its batch (newBatchIds counts positions down); its name and
 * destination, type and mode are read from that one row.
 */
export async function listBatches(db: Kysely<Database>, accountId: string, filter: BatchFilter, limit: number, cursor?: KeysetPosition): Promise<BatchRow[]> {
  let groups = db
    .selectFrom('campaigns')
    .select((eb) => ['batch_id', 'created_at', eb.fn.countAll<number | string>().as('codes'), eb.fn.max('id').as('first_id')])
    .where('account_id', '=', accountId)
    // Also what lets the partial index serve the query: single campaigns have no batch.
    .where('batch_id', 'is not', null);
  if (filter.qrType) groups = groups.where('qr_type', '=', filter.qrType);
  if (filter.batchId) groups = groups.where('batch_id', '=', filter.batchId);
  if (cursor) {
    // The `<=` alone is what an index can seek to; the OR then steps past the cursor's own batch.
    groups = groups.where('created_at', '<=', cursor.createdAt).where((eb) => eb.or([eb('created_at', '<', cursor.createdAt), eb('batch_id', '<', cursor.id)]));
  }
  const page = groups.groupBy(['created_at', 'batch_id']).orderBy('created_at', 'desc').orderBy('batch_id', 'desc').limit(limit);
  const rows = await db
    .selectFrom(page.as('b'))
    .innerJoin('campaigns as first', 'first.id', 'b.first_id')
    .leftJoin('batch_names as named', (join) => join.onRef('named.batch_id', '=', 'b.batch_id').onRef('named.account_id', '=', 'first.account_id'))
    .select(['b.batch_id', 'b.created_at', 'b.codes', 'first.qr_type', 'first.livemode', 'first.name', 'first.destination', 'named.name as batch_name'])
    .orderBy('b.created_at', 'desc')
    .orderBy('b.batch_id', 'desc')
    .execute();
  return rows.map(toRow);
}

function toRow(r: {
  batch_id: string | null;
  created_at: number | string;
  codes: number | string;
  qr_type: CampaignsTable['qr_type'];
  livemode: number;
  name: string;
  destination: string;
  batch_name: string | null;
}): BatchRow {
  return {
    id: r.batch_id!,
    created_at: Number(r.created_at),
    codes: Number(r.codes),
    qr_type: r.qr_type,
    livemode: Number(r.livemode),
    first_name: r.name,
    first_destination: r.destination,
    name: r.batch_name,
  };
}

/** One batch of the account, or undefined when the account has no code of that batch. */
export async function findBatch(db: Kysely<Database>, accountId: string, batchId: string): Promise<BatchRow | undefined> {
  const group = db
    .selectFrom('campaigns')
    .select((eb) => ['batch_id', 'created_at', eb.fn.countAll<number | string>().as('codes'), eb.fn.max('id').as('first_id')])
    .where('account_id', '=', accountId)
    .where('batch_id', '=', batchId)
    .groupBy(['created_at', 'batch_id']);
  const row = await db
    .selectFrom(group.as('b'))
    .innerJoin('campaigns as first', 'first.id', 'b.first_id')
    .leftJoin('batch_names as named', (join) => join.onRef('named.batch_id', '=', 'b.batch_id').onRef('named.account_id', '=', 'first.account_id'))
    .select(['b.batch_id', 'b.created_at', 'b.codes', 'first.qr_type', 'first.livemode', 'first.name', 'first.destination', 'named.name as batch_name'])
    .executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/** Names a batch, or renames it. */
export async function saveBatchName(db: Kysely<Database>, row: BatchNamesTable): Promise<void> {
  await db
    .insertInto('batch_names')
    .values(row)
    // A batch id is the account's own (the service checked), and the update says so again.
    .onConflict((oc) => oc.column('batch_id').doUpdateSet({ name: row.name, updated_at: row.updated_at }).where('batch_names.account_id', '=', row.account_id))
    .execute();
}

/** Takes a batch's name away (it is known by its first code again). */
export async function deleteBatchName(db: Kysely<Database>, accountId: string, batchId: string): Promise<void> {
  await db.deleteFrom('batch_names').where('batch_id', '=', batchId).where('account_id', '=', accountId).execute();
}

/** The ids of every code of a batch (an event's tickets: at most a bulk request's 1,000). */
export async function batchCodeIds(db: Kysely<Database>, accountId: string, batchId: string): Promise<string[]> {
  const rows = await db.selectFrom('campaigns').select('id').where('account_id', '=', accountId).where('batch_id', '=', batchId).execute();
  return rows.map((row) => row.id);
}
