// CSV export of raw scans for one campaign and range, streamed page by page so memory stays flat
// however many rows there are.
import type { AppContext } from '../../context.ts';
import { fromFlag } from '../../db/dialect.ts';
import { getCampaign } from '../campaigns/index.ts';
import { csvRow } from '../../csv.ts';
import { localDateTime } from './local-time.ts';
import { resolveRange } from './report-range.ts';
import type { ReportQuery } from './analytics.service.ts';
import { scanPage } from './report.repo.ts';
import { toIso } from '../../http/iso.ts';

const PAGE = 1000;

/**
 * Columns of the export, in order. `scanned_at` is the exact UTC instant for programs; the two
 * added last (new columns go at the end, where positional readers miss nothing) are for people
 * in a spreadsheet: the time in the export's `tz`, written as a spreadsheet reads a date, and the
 * campaign's name (a ticket's name in an event).
 */
export const EXPORT_COLUMNS = [
  'scanned_at',
  'campaign_id',
  'kind',
  'is_bot',
  'os',
  'browser',
  'device_type',
  'country',
  'referrer_host',
  'referrer',
  'user_agent',
  'ip',
  'local_time',
  'campaign_name',
] as const;

/** A started export: the resolved range (for the file name) and its CSV text chunks. */
export interface ScanExport {
  from: string;
  to: string;
  chunks: AsyncGenerator<string>;
}

/** Checks the campaign belongs to the account and returns the export's CSV as an async stream of chunks. */
export async function exportScans(ctx: Pick<AppContext, 'db' | 'clock'>, accountId: string, campaignId: string, query: ReportQuery): Promise<ScanExport> {
  const range = resolveRange(query, ctx.clock.now());
  const { name } = await getCampaign(ctx as AppContext, accountId, campaignId);
  const filter = { accountId, campaignId, fromMs: range.starts[0]!, toMs: range.starts[range.starts.length - 1]!, includeBots: query.includeBots ?? false };
  async function* chunks(): AsyncGenerator<string> {
    yield csvRow(EXPORT_COLUMNS);
    let after: { occurredAt: number; id: string } | null = null;
    for (;;) {
      const rows = await scanPage(ctx.db, filter, after, PAGE);
      if (rows.length === 0) return;
      let text = '';
      for (const r of rows) {
        const at = Number(r.occurred_at);
        text += csvRow([
          toIso(at),
          campaignId,
          r.kind,
          fromFlag(r.is_bot),
          r.os,
          r.browser,
          r.device_type,
          r.country,
          r.referrer_host,
          r.referrer,
          r.user_agent,
          r.ip,
          localDateTime(at, range.tz),
          name,
        ]);
      }
      yield text;
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1]!;
      after = { occurredAt: Number(last.occurred_at), id: last.id };
    }
  }
  return { from: range.from, to: range.to, chunks: chunks() };
}
