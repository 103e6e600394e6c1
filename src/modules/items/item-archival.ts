// Archival: finalized items (expired or at their view limit) lose their content and password
// hash but keep metadata and receipt; accounts that own them hear about it via item.finalized.
import { emitEvents, type EmitEventInput } from '../webhooks/index.ts';
import { finalReason } from './item-lifecycle.ts';
import { archiveFinalizedItems, type ArchivedItemRow } from './items.repo.ts';
import { deleteEndedClientWindows } from './item-password.repo.ts';
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { toIso } from '../../http/iso.ts';

const SWEEP_BATCH = 500;

/** Moves every finalized item to ARCHIVAL (content and password hash purged); returns how many. */
export async function sweepItems(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const now = ctx.clock.now();
  let total = 0;
  for (;;) {
    // Archival and its `item.finalized` events commit together: an event is never lost or sent
    // for an item that was not archived. Anonymous items have no account to notify.
    const archived = await inTransaction(ctx.db, async (trx) => {
      const rows = await archiveFinalizedItems(trx, now, SWEEP_BATCH);
      const owned = rows.filter((row) => row.account_id !== null);
      if (owned.length)
        await emitEvents(
          trx,
          owned.map((row) => finalizedEvent(row, now)),
        );
      return rows.length;
    });
    total += archived;
    if (archived < SWEEP_BATCH) return total;
  }
}

function finalizedEvent(row: ArchivedItemRow, now: number): EmitEventInput {
  const reason = finalReason({ viewCount: row.view_count, viewLimit: row.view_limit, createdAt: 0, expiresAt: row.expires_at, archivedAt: null }, now) ?? 'expired';
  const finalizedAt = row.finalized_at ?? row.expires_at;
  return {
    accountId: row.account_id!,
    type: 'item.finalized',
    occurredAt: now,
    data: {
      item: {
        id: row.id,
        state: 'ARCHIVAL',
        reason,
        view_count: row.view_count,
        view_limit: row.view_limit,
        finalized_at: toIso(finalizedAt),
        archived_at: toIso(now),
      },
    },
  };
}

/** Forgets per-client password counters whose window ended `windowMs` ago or more (they limit nothing any more); returns how many. */
export function sweepPasswordClients(ctx: Pick<AppContext, 'db' | 'clock'>, windowMs: number): Promise<number> {
  return deleteEndedClientWindows(ctx.db, ctx.clock.now() - windowMs);
}
