// `scan.created`: opt-in, because it fires once per scan. Emitted inside the flush transaction,
// so a scan is announced exactly when its row is stored; accounts that did not subscribe cost
// one lookup per flush and nothing else.
import type { Kysely } from 'kysely';
import type { Database, ScansTable } from '../../db/schema.ts';
import { accountsListeningTo, emitEvents } from '../webhooks/outbox.ts';

/** Emits scan.created for the stored rows (real scans, not stale ones) of subscribed accounts. */
export async function emitScanEvents(trx: Kysely<Database>, rows: readonly ScansTable[]): Promise<void> {
  const scans = rows.filter((row) => row.kind === 'scan');
  if (scans.length === 0) return;
  const listening = await accountsListeningTo(trx, [...new Set(scans.map((row) => row.account_id))], 'scan.created');
  if (listening.size === 0) return;
  await emitEvents(
    trx,
    scans
      .filter((row) => listening.has(row.account_id))
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
            scanned_at: new Date(row.occurred_at).toISOString(),
          },
        },
      })),
  );
}
