// Scan capture. The redirect hot path only pushes an event into memory (ScanBuffer); flushScans
// turns a batch of events into rows, off the hot path: analytics classifies each event (UA
// parsing, bot flag, visitor hash from the raw IP, then IP anonymisation), and the raw rows and
// the analytics rollups are written in one transaction — the one place raw events become data.
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { classifyScans, recordScanAnalytics } from '../analytics/ingest.service.ts';
import type { CapturedScan, ClassifiedBatch } from '../analytics/scan-ingest.ts';
import { existingCampaigns } from '../campaigns/campaign.service.ts';
import { countScansOfCampaign, insertScans, type StoredProfile, type StoredScans } from './scan.repo.ts';
import { scanIds } from './scan-id.ts';
import { emitScanEvents } from './scan-webhooks.ts';

/** One scan as captured on the hot path; analytics defines its shape, as the input of classification. */
export type ScanEvent = CapturedScan;

/** Longest stored user agent. */
export const MAX_USER_AGENT = 512;
/** Longest stored referrer. */
export const MAX_REFERRER = 1024;

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
  return { ids: scanIds(times), times, profileOf, profiles: shared };
}

/**
 * Classifies captured events and stores raw rows plus rollups in one transaction. Scans of a
 * campaign that no longer exists are dropped: checked once per batch inside the write
 * transaction, so a vanished campaign cannot fail every retry of its batch, and the SQLite scan
 * writer needs no per-row foreign-key checks. Throws when the write fails (the buffer keeps the events).
 */
export async function flushScans(ctx: Pick<AppContext, 'db' | 'config'>, events: readonly ScanEvent[]): Promise<void> {
  if (events.length === 0) return;
  let batch = classifyScans(ctx.config, events);
  await inTransaction(ctx.db, async (trx) => {
    let kept = events;
    const campaigns = [...new Set(batch.profiles.map((profile) => profile.campaignId))];
    const live = await existingCampaigns({ db: trx }, campaigns);
    if (live.size < campaigns.length) {
      kept = events.filter((event) => live.has(event.campaignId));
      if (kept.length === 0) return;
      batch = classifyScans(ctx.config, kept);
    }
    const stored = storedScans(kept, batch);
    await insertScans(trx, stored);
    await recordScanAnalytics(trx, batch.groups);
    await emitScanEvents(trx, stored);
  });
}

/** Stored scans of a campaign (tests and simple counters; analytics has the real reports). */
export async function countScans(ctx: Pick<AppContext, 'db'>, campaignId: string, kind: 'scan' | 'stale' = 'scan'): Promise<number> {
  return countScansOfCampaign(ctx.db, campaignId, kind);
}
