// `scan.created`: opt-in, because it fires once per scan. Emitted inside the flush transaction,
// so a scan is announced exactly when its row is stored; accounts that did not subscribe cost
// one lookup per flush and nothing else.
import type { AppContext } from '../../context.ts';
import { accountsListeningTo, emitEvents } from '../webhooks/index.ts';
import { type StoredScans, storedRow } from './scan.repo.ts';
import { toIso } from '../../http/iso.ts';

/** Emits scan.created for the stored scans (real ones, not stale ones) of subscribed accounts. */
export async function emitScanEvents(ctx: Pick<AppContext, 'db'>, stored: StoredScans): Promise<void> {
  const accounts = new Set(stored.profiles.filter((p) => p.kind === 'scan').map((p) => p.account_id));
  if (accounts.size === 0) return;
  const listening = await accountsListeningTo(ctx.db, [...accounts], 'scan.created');
  if (listening.size === 0) return;
  await emitEvents(
    ctx.db,
    stored.ids
      .map((_, i) => storedRow(stored, i))
      .filter((row) => row.kind === 'scan' && listening.has(row.account_id))
      .map((row) => ({
        accountId: row.account_id,
        type: 'scan.created',
        occurredAt: row.occurred_at,
        data: {
          scan: {
            id: row.id,
            campaign_id: row.campaign_id,
            country: row.country,
            os: row.os,
            browser: row.browser,
            device_type: row.device_type,
            is_bot: row.is_bot === 1,
            referrer_host: row.referrer_host,
            scanned_at: toIso(row.occurred_at),
          },
        },
      })),
  );
}
