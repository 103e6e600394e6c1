// The account's bulk requests (batches), for a person to find an event by: the database groups the
// codes, this turns its rows into batches.
import type { AppContext } from '../../context.ts';
import { fromFlag } from '../../db/dialect.ts';
import { type Cursor, fetchPage, mapPage, type Page } from '../../http/cursor.ts';
import { type BatchFilter, type BatchRow, listBatches as listRows } from './batches.repo.ts';
import type { QrType } from './campaign.ts';

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
