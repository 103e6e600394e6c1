// Scan capture. The redirect hot path only pushes an event into memory (ctx.scans); flushScans
// turns a batch of events into rows, off the hot path: each event is classified (UA parsing, bot
// flag, visitor hash from the raw IP, then IP anonymisation), and the raw rows and the rollups
// are written in one transaction — the one place raw events become data.
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { classifyScans, recordRollups } from './ingest.service.ts';
import { MAX_REFERRER, MAX_USER_AGENT, type ScanEvent } from './scan-event.ts';
import type { ClassifiedBatch } from './scan-ingest.ts';
import { existingScanIds, insertScans, liveCampaignIds, type StoredProfile, type StoredScans } from './scan.repo.ts';
import { scanIds } from './scan-id.ts';
import { emitScanEvents } from './scan-webhooks.ts';

// The rows of a classified batch: per scan its id, time and profile; each profile's values once.
function storedScans(events: readonly ScanEvent[], { profiles, profileOf }: ClassifiedBatch): StoredScans {
  const times = events.map((event) => event.occurredAt);
  // A profile's raw agent and referrer are part of what makes it one: take them from its first scan.
  const shared: StoredProfile[] = new Array(profiles.length);
  for (let i = 0; i < events.length; i++) {
    const k = profileOf[i]!;
    if (shared[k] !== undefined) continue;
    const profile = profiles[k]!;
    const { userAgent, referrer } = events[i]!;
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
  // Ids given before the write (assignScanIds) are kept; events without one (a direct call) get one here.
  const fresh = scanIds(times);
  return { ids: events.map((event, i) => event.id ?? fresh[i]!), times, profileOf, profiles: shared };
}

/**
 * Classifies captured events and stores raw rows plus rollups in one transaction. Scans of a
 * campaign that no longer exists are dropped: checked once per batch inside the write
 * transaction, so a vanished campaign cannot fail every retry of its batch, and the SQLite scan
 * writer needs no per-row foreign-key checks. Throws when the write fails (the buffer keeps the events).
 */
export async function flushScans(ctx: Pick<AppContext, 'db' | 'config'>, events: readonly ScanEvent[]): Promise<void> {
  if (events.length === 0) return;
  let batch = classifyScans(ctx, events);
  await inTransaction(ctx.db, async (trx) => {
    let kept = events;
    // A retried event may already be stored: its earlier write committed but the answer was lost.
    // A batch commits whole, so such an event's rollups and webhook were written with it: skip it.
    const retriedIds = events.flatMap((event) => (event.retried && event.id ? [event.id] : []));
    const stored = retriedIds.length > 0 ? await existingScanIds(trx, retriedIds) : null;
    if (stored && stored.size > 0) {
      kept = events.filter((event) => !(event.id && stored.has(event.id)));
      if (kept.length === 0) return;
      batch = classifyScans(ctx, kept);
    }
    const campaigns = [...new Set(batch.profiles.map((profile) => profile.campaignId))];
    const live = await liveCampaignIds(trx, campaigns);
    if (live.size < campaigns.length) {
      kept = kept.filter((event) => live.has(event.campaignId));
      if (kept.length === 0) return;
      batch = classifyScans(ctx, kept);
    }
    const rows = storedScans(kept, batch);
    await insertScans(trx, rows);
    await recordRollups({ db: trx }, batch.groups);
    await emitScanEvents({ db: trx }, rows);
  });
}
