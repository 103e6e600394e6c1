// The account's bulk requests (batches), for a person to find an event by: the database groups the
// codes, this turns its rows into batches; and a batch's name, given with the request or later.
import type { AppContext } from '../../context.ts';
import { fromFlag } from '../../db/dialect.ts';
import { AppError, notFound, testKeyRefused } from '../../errors.ts';
import { keptToKeyEvent } from '../../http/auth.ts';
import { type Cursor, fetchPage, mapPage, type Page } from '../../http/cursor.ts';
import { countReentry, setReentryOfCodes } from '../morph/index.ts';
import { type BatchFilter, type BatchRow, batchCodeIds, deleteBatchName, findBatch, listBatches as listRows, saveBatchName } from './batches.repo.ts';
import type { CampaignCaller, QrType } from './campaign.ts';

/** One bulk request and what a person recognises it by. */
export interface Batch {
  id: string;
  qrType: QrType;
  /** Codes it created, archived ones included. */
  codes: number;
  createdAt: number;
  livemode: boolean;
  /** The first code sent: its name and destination. */
  firstName: string;
  firstDestination: string;
  /** Its own name ("Spring fair"), when it was given one. */
  name: string | null;
}

function toBatch(row: BatchRow): Batch {
  return {
    id: row.id,
    qrType: row.qr_type,
    codes: row.codes,
    createdAt: row.created_at,
    livemode: fromFlag(row.livemode),
    firstName: row.first_name,
    firstDestination: row.first_destination,
    name: row.name,
  };
}

/**
 * A page of the account's batches, newest first, and the next page's cursor. Every key of the
 * account lists every batch, test and live, as the campaign list lists every campaign (test mode
 * limits what a key may change, not what it may read); `livemode` tells them apart.
 */
export async function listBatches(ctx: Pick<AppContext, 'db'>, accountId: string, filter: BatchFilter, limit: number, cursor?: Cursor): Promise<Page<Batch>> {
  return mapPage(await fetchPage(limit, (take) => listRows(ctx.db, accountId, filter, take, cursor)), toBatch);
}

/** What a caller may read of the batches: `ticketsOnly` for a check-in key, `keyEvent` for one kept to an event. */
export interface BatchReach {
  ticketsOnly?: boolean;
  keyEvent?: string | null;
}

/**
 * One batch of the account; 404 when the account has no such batch, or when `ticketsOnly` (a
 * check-in key) and its codes are no tickets: a door's key must not read a marketing batch's
 * destinations. 403 for a batch other than the event a check-in key is kept to.
 */
export async function getBatch(ctx: Pick<AppContext, 'db'>, accountId: string, batchId: string, { ticketsOnly = false, keyEvent = null }: BatchReach = {}): Promise<Batch> {
  keptToKeyEvent(keyEvent, batchId);
  const row = await findBatch(ctx.db, accountId, batchId);
  if (!row || (ticketsOnly && row.qr_type !== 'morphing')) throw notFound(`Batch '${batchId}'`);
  return toBatch(row);
}

/**
 * Names a batch, renames it, or (null) takes its name away. A tst key names only the test
 * batches it made, as it changes only test campaigns: a live event's name is on its organiser's screens.
 */
export async function renameBatch(ctx: Pick<AppContext, 'db' | 'clock'>, caller: CampaignCaller, batchId: string, name: string | null): Promise<Batch> {
  const batch = await getBatch(ctx, caller.accountId, batchId);
  if (caller.testMode && batch.livemode) throw testKeyRefused(`rename batch '${batchId}'`, 'it is a live batch, and tst keys manage only the test batches they make');
  const trimmed = name?.trim() || null;
  if (trimmed) await saveBatchName(ctx.db, { batch_id: batchId, account_id: caller.accountId, name: trimmed, updated_at: ctx.clock.now() });
  else await deleteBatchName(ctx.db, caller.accountId, batchId);
  return { ...batch, name: trimmed };
}

/** An event's re-entry policy: of its tickets, how many let the holder back in after an exit. */
export interface BatchReentry {
  batchId: string;
  tickets: number;
  allowing: number;
}

// Only tickets are checked in and out; a batch of other codes has no policy to read or set.
async function ticketBatch(ctx: Pick<AppContext, 'db'>, accountId: string, batchId: string): Promise<Batch> {
  const batch = await getBatch(ctx, accountId, batchId);
  if (batch.qrType !== 'morphing') {
    throw new AppError('conflict', `Batch '${batchId}' holds ${batch.qrType} codes, not tickets: only tickets (morphing codes) are checked in and out, so only they have a re-entry policy.`);
  }
  return batch;
}

/** How many of an event's tickets let their holder back in after an exit. */
export async function batchReentry(ctx: Pick<AppContext, 'db'>, accountId: string, batchId: string): Promise<BatchReentry> {
  await ticketBatch(ctx, accountId, batchId);
  const ids = await batchCodeIds(ctx.db, accountId, batchId);
  return { batchId, tickets: ids.length, allowing: await countReentry(ctx, ids) };
}

/**
 * Lets every ticket of an event back in after an exit, or none: one request for a thousand
 * tickets, where the per-ticket setting took one each. A tst key sets only the test events it made.
 */
export async function setBatchReentry(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, caller: CampaignCaller, batchId: string, allow: boolean): Promise<BatchReentry> {
  const batch = await ticketBatch(ctx, caller.accountId, batchId);
  if (caller.testMode && batch.livemode) throw testKeyRefused(`change the re-entry policy of batch '${batchId}'`, 'it is a live batch, and tst keys manage only the test batches they make');
  const ids = await batchCodeIds(ctx.db, caller.accountId, batchId);
  await setReentryOfCodes(
    ctx,
    ids.map((id) => ({ id, accountId: caller.accountId })),
    allow,
  );
  return { batchId, tickets: ids.length, allowing: allow ? ids.length : 0 };
}
