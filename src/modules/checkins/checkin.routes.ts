// POST /api/v1/checkins (a gate scanner redeems a ticket), GET /api/v1/checkins (the log),
// GET /api/v1/checkins/summary (an event's figures) and GET /api/v1/checkins/export.csv (the log
// of an event or ticket as a file).
import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { type Principal, requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { decodeCursor, pageJson } from '../../http/cursor.ts';
import { toIso } from '../../http/iso.ts';
import { fileResponse } from '../../http/openapi-media.ts';
import { Problem as problem } from '../../http/schema.ts';
import { CHECKIN_EXPORT_COLUMNS, exportCheckins } from './checkin-export.service.ts';
import { CheckinExportQuery, CheckinSummaryJson, CheckinSummaryQuery } from './checkin-summary.schemas.ts';
import { type CheckinSummary, summarizeCheckins } from './checkin-summary.service.ts';
import { CheckinBody, CheckinJson, CheckinList, CheckinListQuery } from './checkin.schemas.ts';
import { type Checkin, checkIn, listCheckins } from './checkin.service.ts';
import type { CheckinReader } from './key-event.ts';

const readerOf = (principal: Principal): CheckinReader => ({ accountId: principal.accountId, keyEvent: principal.batchId });

const isoOrNull = (ms: number | null) => (ms === null ? null : toIso(ms));

function checkinJson(checkin: Checkin): CheckinJson {
  return {
    result: checkin.result,
    reason: checkin.reason,
    checkin_id: checkin.id,
    type: checkin.type,
    campaign_id: checkin.campaignId,
    batch_id: checkin.batchId,
    scanner_id: checkin.scannerId,
    ticket: checkin.ticket ? { short_code: checkin.ticket.shortCode, destination: checkin.ticket.destination, name: checkin.ticket.name } : null,
    admission: checkin.admission ? { checkin_id: checkin.admission.checkinId, scanner_id: checkin.admission.scannerId, created_at: toIso(checkin.admission.createdAt) } : null,
    opens_at: isoOrNull(checkin.opensAt),
    reentry: checkin.reentry,
    created_at: toIso(checkin.createdAt),
  };
}

function summaryJson(summary: CheckinSummary): CheckinSummaryJson {
  const { scope, tickets, checkins } = summary;
  return {
    campaign_id: scope.kind === 'campaign' ? scope.id : null,
    batch_id: scope.kind === 'batch' ? scope.id : null,
    tickets,
    checkins: {
      total: checkins.total,
      admissions: checkins.admissions,
      exits: checkins.exits,
      refusals: checkins.refusals,
      by_result: checkins.byResult,
      refusal_reasons: checkins.refusalReasons,
      first_at: isoOrNull(checkins.firstAt),
      last_at: isoOrNull(checkins.lastAt),
    },
    scanners: summary.scanners.map((s) => ({
      scanner_id: s.scannerId,
      checkins: s.checkins,
      admissions: s.admissions,
      exits: s.exits,
      refusals: s.refusals,
      first_at: toIso(s.firstAt),
      last_at: toIso(s.lastAt),
    })),
    scanners_truncated: summary.scannersTruncated,
  };
}

/** Registers the check-in routes. */
export async function checkinRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/checkins',
    {
      config: { checkinKeys: true },
      schema: {
        tags: ['checkins'],
        summary: 'Check a scanned ticket in or out',
        description:
          '`payload` is the text the scanner read from a morphing code (its live URL). Every answer is `200` with a `result`: an entry is admitted only by `ok` (reason `admitted`); an `ok` exit (reason `left`) records the holder leaving. ' +
          'A ticket enters once, or again after an `exit` when its code allows re-entry. A gate that sends `batch_id` admits only that event’s tickets. Send a `nonce` per scan to make retries safe: a repeated nonce returns the first answer (header `Idempotent-Replayed: true`). ' +
          'A check-in key (scope `checkin`, for door scanners) may call this; one kept to an event (its `batch_id`) is a gate kept to that event, and naming another is a 403.',
        security: SIGNED_IN,
        body: CheckinBody,
        response: { 200: CheckinJson, 400: problem, 401: problem, 403: problem, 404: problem, 422: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { checkin, replayed } = await checkIn(ctx, { accountId: principal.accountId, testMode: principal.testMode, keyEvent: principal.batchId }, request.body);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.header('cache-control', 'no-store').send(checkinJson(checkin));
    },
  );

  app.get(
    '/api/v1/checkins',
    {
      config: { checkinKeys: true },
      schema: {
        tags: ['checkins'],
        summary: 'List check-ins (newest first)',
        description:
          "Filter by one ticket (`campaign_id`) or by event (`batch_id`: the check-ins of a bulk request's tickets, and whatever a gate kept to that event refused), and by gate (`scanner_id`), `result` and `type`; filters combine. An unknown `campaign_id` or `batch_id` is a 404. For an event’s totals, see `GET /api/v1/checkins/summary`. A check-in key (scope `checkin`) may call this; one kept to an event lists that event’s check-ins only (naming another event is a 403).",
        security: SIGNED_IN,
        querystring: CheckinListQuery,
        response: { 200: CheckinList, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { limit, cursor, campaign_id, batch_id, scanner_id, result, type } = request.query;
      const filter = { campaignId: campaign_id, batchId: batch_id, scannerId: scanner_id, result, type };
      const page = await listCheckins(ctx, readerOf(principal), filter, limit, decodeCursor(cursor));
      return pageJson(page, checkinJson);
    },
  );

  app.get(
    '/api/v1/checkins/summary',
    {
      config: { checkinKeys: true },
      schema: {
        tags: ['checkins'],
        operationId: 'getCheckinSummary',
        summary: "Sum up an event's or a ticket's check-ins",
        description:
          'Send exactly one of `batch_id` (an event: its tickets, and everything a gate answered under that `batch_id`) or `campaign_id` (one ticket). ' +
          'Tickets admitted and inside now, check-ins by result, refusals by reason and counts per `scanner_id`, as of the request (`Cache-Control: no-store`). ' +
          'Counted by the database, so an event of any size is one call. A check-in key (scope `checkin`) may call this; one kept to an event reads that event (the default when neither is sent) or one of its tickets, and anything else is a 403.',
        security: SIGNED_IN,
        querystring: CheckinSummaryQuery,
        response: { 200: CheckinSummaryJson, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const summary = await summarizeCheckins(ctx, readerOf(principal), { campaignId: request.query.campaign_id, batchId: request.query.batch_id });
      return reply.header('cache-control', 'no-store').send(summaryJson(summary));
    },
  );

  app.get(
    '/api/v1/checkins/export.csv',
    {
      config: { checkinKeys: true },
      schema: {
        tags: ['checkins'],
        operationId: 'exportCheckinsCsv',
        summary: "Export an event's or a ticket's check-ins as CSV",
        description:
          'Send exactly one of `batch_id` (an event: its tickets, and everything a gate answered under that `batch_id`) or `campaign_id` (one ticket); neither or both is a 400, and one the account does not have a 404, as for the summary. ' +
          `RFC 4180 CSV, streamed, oldest first, one row per check-in, admitted or refused, with the columns ${CHECKIN_EXPORT_COLUMNS.map((c) => `\`${c}\``).join(', ')}. ` +
          "The ticket's columns are as the gate was told (empty for a payload that named none); `created_at` is the instant in UTC, `local_time` the same in `tz` as a spreadsheet reads a date and `utc_offset` that clock's offset then, e.g. `UTC+01:00` (an unknown `tz` is a 400). Cells that a spreadsheet would run as a formula are prefixed with '. Read with any key of the account, a check-in key (scope `checkin`) too, as the log is; one kept to an event exports that event (the default when neither is sent) or one of its tickets.",
        security: SIGNED_IN,
        querystring: CheckinExportQuery,
        produces: ['text/csv'],
        response: { 200: fileResponse('CSV (RFC 4180), one row per check-in, oldest first.', ['text/csv']), 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { id, chunks } = await exportCheckins(ctx, readerOf(principal), { campaignId: request.query.campaign_id, batchId: request.query.batch_id }, request.query.tz);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="checkins-${id.replace(/[^A-Za-z0-9_-]/g, '')}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(chunks));
    },
  );
}
