// Scan capture. The redirect hot path only pushes an event into memory (ScanBuffer); flushScans
// turns a batch of events into rows, off the hot path: analytics classifies each event (UA
// parsing, bot flag, visitor hash from the raw IP, then IP anonymisation), and the raw rows and
// the analytics rollups are written in one transaction — the one place raw events become data.
import type { AppContext } from '../../context.ts';
import type { ScansTable } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { classifyScans, recordScanAnalytics } from '../analytics/ingest.service.ts';
import { countScansOfCampaign, insertScans } from './scan.repo.ts';
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
  const { scans: classified, groups } = classifyScans(ctx.config, events);
  const ids = scanIds(events.map((event) => event.occurredAt));
  const rows: ScansTable[] = classified.map((scan, i) => ({
    id: ids[i]!,
    account_id: scan.accountId,
    campaign_id: scan.campaignId,
    occurred_at: scan.occurredAt,
    user_agent: events[i]!.userAgent ? events[i]!.userAgent!.slice(0, MAX_USER_AGENT) : null,
    referrer: events[i]!.referrer ? events[i]!.referrer!.slice(0, MAX_REFERRER) : null,
    ip: scan.ip,
    country: scan.country,
    kind: scan.kind,
    is_bot: scan.isBot ? 1 : 0,
    os: scan.os,
    browser: scan.browser,
    device_type: scan.deviceType,
    referrer_host: scan.referrerHost,
  }));
  await inTransaction(ctx.db, async (trx) => {
    await insertScans(trx, rows);
    await recordScanAnalytics(trx, groups);
    await emitScanEvents(trx, rows);
  });
}

/** Stored scans of a campaign (tests and simple counters; analytics has the real reports). */
export async function countScans(ctx: Pick<AppContext, 'db'>, campaignId: string, kind: 'scan' | 'stale' = 'scan'): Promise<number> {
  return countScansOfCampaign(ctx.db, campaignId, kind);
}
