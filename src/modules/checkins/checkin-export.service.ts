// CSV export of an event's (a bulk batch's) or a ticket's check-ins, for the door staff's records
// and a spreadsheet: streamed page by page, so memory stays flat however long the night was.
import type { AppContext } from '../../context.ts';
import { csvRow } from '../../csv.ts';
import { toIso } from '../../http/iso.ts';
import { localDateTime, offsetAt, resolveTimeZone } from '../analytics/index.ts';
import { assertFilterTargets } from '../campaigns/index.ts';
import { checkinPage } from './checkin-export.repo.ts';
import { scopeOf } from './checkin-summary.service.ts';
import { storedAnswer } from './checkin.service.ts';
import { type CheckinReader, keptScope, scopeFilterFor } from './key-event.ts';

/** Rows fetched per query. */
export const CHECKIN_EXPORT_PAGE = 1000;

/**
 * Columns of the export, in order (new ones go at the end, where positional readers miss nothing).
 * The ticket's columns are as the gate was told at the time (the stored answer), as in the log.
 */
export const CHECKIN_EXPORT_COLUMNS = [
  'created_at',
  'result',
  'reason',
  'type',
  'scanner_id',
  'ticket_short_code',
  'ticket_name',
  'ticket_destination',
  'campaign_id',
  'checkin_id',
  'local_time',
  'utc_offset',
] as const;

/**
 * 'UTC+01:00', 'UTC-05:00', 'UTC+05:30': which clock `local_time` is on, also in the hour a DST
 * change repeats. Prefixed with UTC: a cell starting with + or - is one a spreadsheet would run.
 */
function utcOffset(ms: number, tz: string): string {
  const minutes = Math.round(offsetAt(ms, tz) / 60_000);
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A started export: the id it was asked for (for the file name) and its CSV text chunks. */
export interface CheckinExport {
  id: string;
  chunks: AsyncGenerator<string>;
}

/**
 * Checks the request names exactly one ticket or batch of the account (400, 404 as the summary)
 * and a known time zone (400), then returns its check-ins as CSV, oldest first, read lazily a page
 * at a time. `local_time` is the door's clock ('YYYY-MM-DD HH:MM:SS' in `tz`, which a spreadsheet
 * reads as a date) and `utc_offset` its offset then; `created_at` stays the instant, in UTC.
 */
export async function exportCheckins(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  { accountId, keyEvent }: CheckinReader,
  requested: { campaignId?: string; batchId?: string },
  tz?: string,
): Promise<CheckinExport> {
  const filter = await scopeFilterFor(ctx, accountId, requested, keyEvent);
  const scope = keptScope(scopeOf(filter), keyEvent);
  const zone = resolveTimeZone(tz);
  await assertFilterTargets(ctx, accountId, filter);
  async function* chunks(): AsyncGenerator<string> {
    yield csvRow(CHECKIN_EXPORT_COLUMNS);
    let after: { createdAt: number; id: string } | undefined;
    for (;;) {
      const rows = await checkinPage(ctx.db, accountId, scope, CHECKIN_EXPORT_PAGE, after);
      let text = '';
      for (const row of rows) {
        const { reason, ticket } = storedAnswer(row);
        text += csvRow([
          toIso(row.created_at),
          row.result,
          reason,
          row.type,
          row.scanner_id,
          ticket?.shortCode,
          ticket?.name,
          ticket?.destination,
          row.campaign_id,
          row.id,
          localDateTime(Number(row.created_at), zone),
          utcOffset(Number(row.created_at), zone),
        ]);
      }
      if (text) yield text;
      if (rows.length < CHECKIN_EXPORT_PAGE) return;
      const last = rows[rows.length - 1]!;
      after = { createdAt: Number(last.created_at), id: last.id };
    }
  }
  return { id: scope.id, chunks: chunks() };
}
