// POST /api/v1/checkins (a gate scanner redeems a ticket) and GET /api/v1/checkins (the log).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { decodeCursor, pageJson, pageQuery, pageSchema } from '../../http/cursor.ts';
import { CHECKIN_RESULTS, CHECKIN_TYPES, type Checkin, type CheckinRequest, checkIn, listCheckins } from './checkin.service.ts';
import { PROBLEM_SCHEMA as problem } from '../../http/problem.ts';
import { toIso } from '../../http/iso.ts';


const checkinSchema = {
  title: 'Checkin',
  type: 'object',
  description: 'The answer to one scan at the door, as recorded.',
  required: ['result', 'reason', 'checkin_id', 'type', 'campaign_id', 'batch_id', 'scanner_id', 'ticket', 'created_at'],
  properties: {
    result: { type: 'string', enum: [...CHECKIN_RESULTS], description: 'pretix-style: `ok`, `already_redeemed`, `expired` (stale or missing token), `invalid`, `revoked` (archived code).' },
    reason: { type: 'string', description: 'Finer cause, e.g. `admitted`, `already_used`, `token_stale`, `unknown_ticket`.' },
    checkin_id: { type: 'string', examples: ['chk_4hT9xQ2mZpL8vN3bK7wR1c'] },
    type: { type: 'string', enum: [...CHECKIN_TYPES] },
    campaign_id: { type: ['string', 'null'] },
    batch_id: { type: ['string', 'null'], description: 'Bulk-created tickets share their batch.' },
    scanner_id: { type: ['string', 'null'] },
    ticket: {
      type: ['object', 'null'],
      required: ['short_code', 'destination', 'name'],
      properties: { short_code: { type: 'string' }, destination: { type: 'string' }, name: { type: 'string', description: 'The attendee reference.' } },
    },
    created_at: { type: 'string', format: 'date-time' },
  },
} as const;

function checkinJson(checkin: Checkin) {
  return {
    result: checkin.result,
    reason: checkin.reason,
    checkin_id: checkin.id,
    type: checkin.type,
    campaign_id: checkin.campaignId,
    batch_id: checkin.batchId,
    scanner_id: checkin.scannerId,
    ticket: checkin.ticket ? { short_code: checkin.ticket.shortCode, destination: checkin.ticket.destination, name: checkin.ticket.name } : null,
    created_at: toIso(checkin.createdAt),
  };
}

/** Registers the check-in routes. */
export async function checkinRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post<{ Body: CheckinRequest }>(
    '/api/v1/checkins',
    {
      schema: {
        tags: ['checkins'],
        summary: 'Check a scanned ticket in or out',
        description:
          '`payload` is the text the scanner read from a morphing code (its live URL). Every answer is `200` with a `result`; only `ok` admits. ' +
          'A ticket enters once, or again after an `exit` when its code allows re-entry. Send a `nonce` per scan to make retries safe: a repeated nonce returns the first answer (header `Idempotent-Replayed: true`).',
        security: SIGNED_IN,
        body: {
          type: 'object',
          required: ['payload'],
          additionalProperties: false,
          properties: {
            payload: { type: 'string', minLength: 1, maxLength: 2048 },
            type: { type: 'string', enum: [...CHECKIN_TYPES], default: 'entry' },
            scanner_id: { type: 'string', minLength: 1, maxLength: 100 },
            nonce: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[\\x21-\\x7e]+$', description: 'Printable ASCII, unique per scan.' },
          },
        },
        response: { 200: checkinSchema, 400: problem, 401: problem, 422: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { checkin, replayed } = await checkIn(ctx, principal.accountId, request.body);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.header('cache-control', 'no-store').send(checkinJson(checkin));
    },
  );

  app.get<{ Querystring: { limit: number; cursor?: string; campaign_id?: string; batch_id?: string } }>(
    '/api/v1/checkins',
    {
      schema: {
        tags: ['checkins'],
        summary: 'List check-ins (newest first)',
        description: 'Filter by one ticket (`campaign_id`) or by all tickets of a bulk request (`batch_id`).',
        security: SIGNED_IN,
        querystring: pageQuery({ campaign_id: { type: 'string', maxLength: 64 }, batch_id: { type: 'string', maxLength: 64 } }),
        response: { 200: pageSchema('CheckinList', checkinSchema, 'check-ins'), 400: problem, 401: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { limit, cursor, campaign_id, batch_id } = request.query;
      const page = await listCheckins(ctx, principal.accountId, { campaignId: campaign_id, batchId: batch_id }, limit, decodeCursor(cursor));
      return pageJson(page, checkinJson);
    },
  );
}
