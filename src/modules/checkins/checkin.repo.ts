// Queries of check-ins and the gate state of tickets. Redemption is one conditional UPDATE: on
// SQLite transactions run one at a time; on PostgreSQL concurrent updates of the row wait for
// each other and re-check the WHERE clause, so exactly one entry of a ticket can win.
import type { Kysely } from 'kysely';
import { type KeysetPosition, newestFirst } from '../../db/keyset.ts';
import type { CheckinsTable, Database } from '../../db/schema.ts';

/** A movement through the gate that a check-in applies to a ticket. */
export interface GateMove {
  campaignId: string;
  accountId: string;
  type: 'entry' | 'exit';
  /** With re-entry, an entry needs the ticket outside; without, it needs no earlier entry. */
  allowReentry: boolean;
  now: number;
}

/** The check-in that admitted a ticket. */
export type AdmissionRow = Pick<CheckinsTable, 'id' | 'scanner_id' | 'created_at'>;

/**
 * In one transaction: applies `move` (when given) and stores the check-in `build` returns for
 * whether the move took effect and, for an entry that did not, the ticket's latest admission.
 * Throws a unique violation when the nonce was used before; the move is then rolled back.
 */
export async function commitCheckin(
  db: Kysely<Database>,
  move: GateMove | null,
  build: (moved: boolean, admitted: AdmissionRow | undefined) => CheckinsTable,
  /** Runs inside the transaction after the row is stored (the outbox event commits with it). */
  afterInsert?: (trx: Kysely<Database>, row: CheckinsTable) => Promise<unknown>,
): Promise<CheckinsTable> {
  return db.transaction().execute(async (trx) => {
    let moved = false;
    let admitted: AdmissionRow | undefined;
    if (move) {
      await trx
        .insertInto('ticket_state')
        .values({ campaign_id: move.campaignId, account_id: move.accountId, inside: 0, entries: 0, exits: 0, updated_at: move.now })
        .onConflict((oc) => oc.column('campaign_id').doNothing())
        .execute();
      let update = trx.updateTable('ticket_state').where('campaign_id', '=', move.campaignId);
      if (move.type === 'entry') {
        update = update.set((eb) => ({ inside: 1, entries: eb('entries', '+', 1), updated_at: move.now }));
        update = move.allowReentry ? update.where('inside', '=', 0) : update.where('entries', '=', 0);
      } else {
        update = update.set((eb) => ({ inside: 0, exits: eb('exits', '+', 1), updated_at: move.now })).where('inside', '=', 1);
      }
      const result = await update.executeTakeFirst();
      moved = Number(result.numUpdatedRows) === 1;
      // Read after the update: on PostgreSQL the entry that beat this one has committed by then.
      if (move.type === 'entry' && !moved) admitted = await latestAdmission(trx, move);
    }
    const row = build(moved, admitted);
    await trx.insertInto('checkins').values(row).execute();
    await afterInsert?.(trx, row);
    return row;
  });
}

// The latest, not the first: with re-entry it is the entry the ticket is inside on; without, the only one.
async function latestAdmission(trx: Kysely<Database>, move: GateMove): Promise<AdmissionRow | undefined> {
  return trx
    .selectFrom('checkins')
    .select(['id', 'scanner_id', 'created_at'])
    .where('campaign_id', '=', move.campaignId)
    .where('account_id', '=', move.accountId)
    .where('type', '=', 'entry')
    .where('result', '=', 'ok')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The check-in an account stored under `nonce`, if any. */
export async function findCheckinByNonce(db: Kysely<Database>, accountId: string, nonce: string): Promise<CheckinsTable | undefined> {
  return db.selectFrom('checkins').selectAll().where('account_id', '=', accountId).where('nonce', '=', nonce).executeTakeFirst();
}

/** Which check-ins to list. */
export interface CheckinFilter {
  campaignId?: string;
  batchId?: string;
  scannerId?: string;
  result?: CheckinsTable['result'];
  type?: CheckinsTable['type'];
}

/** Up to `limit` check-ins of the account, newest first, after the cursor position. */
export async function listCheckins(db: Kysely<Database>, accountId: string, filter: CheckinFilter, limit: number, cursor?: KeysetPosition): Promise<CheckinsTable[]> {
  let query = db.selectFrom('checkins').selectAll().where('account_id', '=', accountId);
  if (filter.campaignId) query = query.where('campaign_id', '=', filter.campaignId);
  if (filter.batchId) query = query.where('batch_id', '=', filter.batchId);
  if (filter.scannerId) query = query.where('scanner_id', '=', filter.scannerId);
  if (filter.result) query = query.where('result', '=', filter.result);
  if (filter.type) query = query.where('type', '=', filter.type);
  return newestFirst(query, limit, cursor).execute();
}
