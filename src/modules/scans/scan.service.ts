// Scan capture. The redirect hot path only pushes an event into memory (ctx.scans); flushScans
// turns a batch of events into rows, off the hot path: each event is classified (UA parsing, bot
// flag, visitor hash from the raw IP, then IP anonymisation), and the raw rows and the rollups
// are written in one transaction — the one place raw events become data.
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { classifyScans, recordRollups } from './ingest.service.ts';
import { encodeScanBatch, FIELDS, type ScanBatch, scanCount, selectRows, stringOf } from './scan-batch.ts';
import { MAX_REFERRER, MAX_USER_AGENT, type ScanEvent } from './scan-event.ts';
import type { ClassifiedBatch } from './scan-ingest.ts';
import { existingScanIds, insertScans, liveCampaignIds, type StoredProfile, type StoredScans } from './scan.repo.ts';
import { scanIdsOf } from './scan-id.ts';
import { emitScanEvents } from './scan-webhooks.ts';

// The rows of a classified batch: per scan its id, time and profile; each profile's values once.
function storedScans(batch: ScanBatch, ids: readonly string[], { profiles, profileOf }: ClassifiedBatch): StoredScans {
  // A profile's raw agent and referrer are part of what makes it one: take them from its first scan.
  const shared: StoredProfile[] = new Array(profiles.length);
  let found = 0;
  for (let i = 0; i < profileOf.length && found < profiles.length; i++) {
    const k = profileOf[i]!;
    if (shared[k] !== undefined) continue;
    found++;
    const profile = profiles[k]!;
    const userAgent = stringOf(batch, batch.refs[i * FIELDS + 2]!);
    const referrer = stringOf(batch, batch.refs[i * FIELDS + 3]!);
    shared[k] = {
      account_id: profile.accountId,
      campaign_id: profile.campaignId,
      user_agent: userAgent ? userAgent.slice(0, MAX_USER_AGENT) : null,
      referrer: referrer ? referrer.slice(0, MAX_REFERRER) : null,
      ip: profile.ip,
      country: profile.country,
      kind: profile.kind,
      is_bot: profile.isBot ? 1 : 0,
      os: profile.os,
      browser: profile.browser,
      device_type: profile.deviceType,
      referrer_host: profile.referrerHost,
    };
  }
  return { ids, times: batch.occurredAt, profileOf, profiles: shared };
}

/**
 * Classifies captured events and stores raw rows plus rollups in one transaction (see
 * flushScanBatch). Events without an id are named by `token` (scanIdsOf): a retry of the same
 * events under the same token stores nothing twice.
 */
export async function flushScans(ctx: Pick<AppContext, 'db' | 'config'>, events: readonly ScanEvent[], token?: string): Promise<void> {
  if (events.length === 0) return;
  await flushScanBatch(ctx, encodeScanBatch(events, token));
}

/**
 * Classifies a batch and stores raw rows plus rollups in one transaction. Scans of a campaign
 * that no longer exists are dropped: checked once per batch inside the write transaction, so a
 * vanished campaign cannot fail every retry of its batch, and the SQLite scan writer needs no
 * per-row foreign-key checks. Throws when the write fails (the buffer keeps the events).
 */
export async function flushScanBatch(ctx: Pick<AppContext, 'db' | 'config'>, batch: ScanBatch): Promise<void> {
  const count = scanCount(batch);
  if (count === 0) return;
  const ids = scanIdsOf(batch.occurredAt, batch.token, batch.ids);
  await inTransaction(ctx.db, async (trx) => {
    let keep: number[] | null = null;
    // A retried event may already be stored: its earlier write committed but the answer was lost.
    // A batch commits whole, so such an event's rollups and webhook were written with it: skip it.
    const retried = batch.retried;
    if (retried) {
      const stored = await existingScanIds(
        trx,
        ids.filter((_, i) => retried[i] === 1),
      );
      if (stored.size > 0) keep = ids.flatMap((id, i) => (stored.has(id) ? [] : [i]));
    }
    const campaignRefs = new Set<number>();
    for (let i = 0, last = -1; i < count; i++) {
      const ref = batch.refs[i * FIELDS]!;
      if (ref !== last) campaignRefs.add((last = ref));
    }
    const live = await liveCampaignIds(
      trx,
      [...campaignRefs].map((ref) => batch.strings[ref]!),
    );
    if (live.size < campaignRefs.size) keep = (keep ?? Array.from({ length: count }, (_, i) => i)).filter((i) => live.has(batch.strings[batch.refs[i * FIELDS]!]!));
    const rows = keep ? selectRows(batch, ids, keep) : batch;
    if (scanCount(rows) === 0) return;
    const classified = classifyScans(ctx, rows);
    const stored = storedScans(rows, keep ? rows.ids! : ids, classified);
    await insertScans(trx, stored);
    await recordRollups({ db: trx }, classified.groups);
    await emitScanEvents({ db: trx }, stored);
  });
}
