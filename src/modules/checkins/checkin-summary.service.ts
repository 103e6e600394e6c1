// Where an event stands at the gates: tickets admitted and inside, check-ins by result, refusals by
// reason, per scanner. The database groups; this folds its few rows into the answer.
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { assertFilterTargets } from '../campaigns/index.ts';
import { type CheckinGroup, countByScanner, countTickets, groupCheckins, type ScannerCounts, type SummaryScope, type TicketCounts } from './checkin-summary.repo.ts';
import { MAX_SUMMARY_SCANNERS } from './checkin-summary.schemas.ts';
import { CHECKIN_RESULTS } from './checkin.schemas.ts';
import { type CheckinReader, keptScope, scopeFilterFor } from './key-event.ts';

type Result = (typeof CHECKIN_RESULTS)[number];
type RefusalResult = Exclude<Result, 'ok'>;

/** The summary of one ticket or one bulk batch. */
export interface CheckinSummary {
  scope: SummaryScope;
  tickets: TicketCounts;
  checkins: {
    total: number;
    admissions: number;
    exits: number;
    refusals: number;
    byResult: Record<Result, number>;
    refusalReasons: { reason: string; result: RefusalResult; count: number }[];
    firstAt: number | null;
    lastAt: number | null;
  };
  scanners: ScannerCounts[];
  scannersTruncated: boolean;
}

/** The one ticket or batch a request names; a 400 naming the field unless exactly one is sent (the summary's and the export's rule). */
export function scopeOf(filter: { campaignId?: string; batchId?: string }): SummaryScope {
  const { campaignId, batchId } = filter;
  if (campaignId && !batchId) return { kind: 'campaign', id: campaignId };
  if (batchId && !campaignId) return { kind: 'batch', id: batchId };
  // Both at once would sum up the intersection, which is the ticket or nothing: never what was meant.
  const message = batchId ? 'Send batch_id or campaign_id, not both.' : 'Send batch_id (an event) or campaign_id (one ticket).';
  throw new AppError('validation_failed', message, {
    errors: [{ field: batchId ? 'querystring/campaign_id' : 'querystring/batch_id', message: batchId ? 'cannot be combined with batch_id' : 'is required unless campaign_id is sent' }],
  });
}

function foldGroups(groups: CheckinGroup[]): CheckinSummary['checkins'] {
  const byResult = Object.fromEntries(CHECKIN_RESULTS.map((r) => [r, 0])) as Record<Result, number>;
  const reasons = new Map<string, { reason: string; result: RefusalResult; count: number }>();
  let admissions = 0;
  let exits = 0;
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  for (const g of groups) {
    byResult[g.result] = (byResult[g.result] ?? 0) + g.count;
    if (g.result === 'ok') {
      if (g.type === 'entry') admissions += g.count;
      else exits += g.count;
    } else {
      // Entries and exits refused for the same reason are one line; answers stored without a reason say so.
      const reason = g.reason ?? 'unknown';
      const key = `${g.result}\u0000${reason}`;
      const line = reasons.get(key) ?? { reason, result: g.result, count: 0 };
      line.count += g.count;
      reasons.set(key, line);
    }
    firstAt = firstAt === null ? g.firstAt : Math.min(firstAt, g.firstAt);
    lastAt = lastAt === null ? g.lastAt : Math.max(lastAt, g.lastAt);
  }
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  const refusalReasons = [...reasons.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { total, admissions, exits, refusals: total - admissions - exits, byResult, refusalReasons, firstAt, lastAt };
}

/**
 * The check-in summary of one ticket or one bulk batch of the account (400 unless exactly one is
 * named, 404 when the account has no such one, 403 outside the event a check-in key is kept to,
 * which is summed up when the request names neither).
 */
export async function summarizeCheckins(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  { accountId, keyEvent }: CheckinReader,
  requested: { campaignId?: string; batchId?: string },
): Promise<CheckinSummary> {
  const filter = await scopeFilterFor(ctx, accountId, requested, keyEvent);
  const scope = keptScope(scopeOf(filter), keyEvent);
  await assertFilterTargets(ctx, accountId, filter);
  const tickets = await countTickets(ctx.db, accountId, scope);
  const checkins = foldGroups(await groupCheckins(ctx.db, accountId, scope));
  const scanners = await countByScanner(ctx.db, accountId, scope, MAX_SUMMARY_SCANNERS + 1);
  return { scope, tickets, checkins, scanners: scanners.slice(0, MAX_SUMMARY_SCANNERS), scannersTruncated: scanners.length > MAX_SUMMARY_SCANNERS };
}
