// Scan capture. The redirect hot path only pushes an event into memory (ScanBuffer); flushScans
// turns a batch of events into rows, off the hot path: analytics classifies each event (UA
// parsing, bot flag, visitor hash from the raw IP, then IP anonymisation), and the raw rows and
// the analytics rollups are written in one transaction — the one place raw events become data.
import type { AppContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import { classifyScans, recordScanAnalytics } from '../analytics/ingest.service.ts';
import { countScansOfCampaign, insertScans, type StoredProfile, type StoredScans } from './scan.repo.ts';
import { scanIds } from './scan-id.ts';
import { emitScanEvents } from './scan-webhooks.ts';

/** One scan as captured on the hot path: raw request facts, nothing computed yet. */
export interface ScanEvent {
  campaignId: string;
  accountId: string;
  /** ctx.clock.now() when the request was answered. */
  occurredAt: number;
  /** Truncated to 512 characters. */
  userAgent: string | null;
  /** Truncated to 1 KiB. */
  referrer: string | null;
  /** Raw client IP (request.ip); anonymised at flush time. */
  ip: string | null;
  /** Value of the configured country header, unvalidated. */
  country: string | null;
  /** 'scan' (default) or 'stale' (a morphing code scanned outside its window). */
  kind?: 'scan' | 'stale';
}

/** Longest stored user agent. */
export const MAX_USER_AGENT = 512;
/** Longest stored referrer. */
export const MAX_REFERRER = 1024;

/** Classifies captured events and stores raw rows plus rollups in one transaction. Throws when the write fails (the buffer keeps the events). */
export async function flushScans(ctx: Pick<AppContext, 'db' | 'config'>, events: readonly ScanEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { profiles, profileOf, groups } = classifyScans(ctx.config, events);
  const times = events.map((event) => event.occurredAt);
  const ids = scanIds(times);
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
  const stored: StoredScans = { ids, times, profileOf, profiles: shared };
  await inTransaction(ctx.db, async (trx) => {
    await insertScans(trx, stored);
    await recordScanAnalytics(trx, groups);
    await emitScanEvents(trx, stored);
  });
}

/** Stored scans of a campaign (tests and simple counters; analytics has the real reports). */
export async function countScans(ctx: Pick<AppContext, 'db'>, campaignId: string, kind: 'scan' | 'stale' = 'scan'): Promise<number> {
  return countScansOfCampaign(ctx.db, campaignId, kind);
}
