// GET /api/v1/qrs/batches: the account's bulk requests, so a person can pick an event (a batch of
// tickets) and open its check-ins without keeping its batch_id; one of them, and its name.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { decodeCursor, pageJson } from '../../http/cursor.ts';
import { toIso } from '../../http/iso.ts';
import { Problem as problem } from '../../http/schema.ts';
import { type BatchJson, BatchJson as BatchSchema, BatchList, BatchListQuery, BatchParams, BatchReentryBody, BatchReentryJson, BatchUpdate } from './batches.schemas.ts';
import { type Batch, type BatchReentry, batchReentry, getBatch, listBatches, renameBatch, setBatchReentry } from './batches.service.ts';

function batchJson(batch: Batch): BatchJson {
  return {
    batch_id: batch.id,
    qr_type: batch.qrType,
    codes: batch.codes,
    created_at: toIso(batch.createdAt),
    livemode: batch.livemode,
    first_name: batch.firstName,
    first_destination: batch.firstDestination,
    name: batch.name,
  };
}

function reentryJson(policy: BatchReentry): BatchReentryJson {
  const { tickets, allowing } = policy;
  return { batch_id: policy.batchId, allow_reentry: allowing === tickets ? true : allowing === 0 ? false : null, tickets, allowing };
}

/** Registers the batch list. */
export async function batchRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/qrs/batches',
    {
      config: { checkinKeys: true },
      schema: {
        operationId: 'listBatches',
        tags: ['bulk'],
        summary: 'List your bulk requests (newest first)',
        description:
          'One row per `POST /api/v1/qrs/bulk` that created codes: its `batch_id`, code type, how many codes, when, its mode, and the first code’s name and destination to recognise it by. ' +
          'Counted by the database, so a batch of 1,000 codes is one row. Every key of the account lists test and live batches alike, as the campaign list does; `livemode` tells them apart. ' +
          'The codes themselves: `GET /api/v1/campaigns?batch_id=`; an event’s gates: `GET /api/v1/checkins/summary?batch_id=`. ' +
          'A check-in key (scope `checkin`) may call this, to pick the event a door is for: it lists only batches of morphing codes (events), whatever `qr_type` says, and one kept to an event lists that event alone.',
        security: SIGNED_IN,
        querystring: BatchListQuery,
        response: { 200: BatchList, 400: problem, 401: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { limit, cursor, qr_type } = request.query;
      // A check-in key lists events only: other batches' first destinations are not a door's business.
      const qrType = principal.scope === 'checkin' ? 'morphing' : qr_type;
      const page = await listBatches(ctx, principal.accountId, { qrType, batchId: principal.batchId ?? undefined }, limit, decodeCursor(cursor));
      return pageJson(page, batchJson);
    },
  );

  app.get(
    '/api/v1/qrs/batches/:batch_id',
    {
      config: { checkinKeys: true },
      schema: {
        operationId: 'getBatch',
        tags: ['bulk'],
        summary: 'Get one bulk request',
        description:
          'The batch as the list shows it. 404 for a `batch_id` the account has no code of. A check-in key (scope `checkin`) may call this, for batches of morphing codes (events) only: any other is a 404 to it, and to one kept to an event any other batch is a 403.',
        security: SIGNED_IN,
        params: BatchParams,
        response: { 200: BatchSchema, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return batchJson(await getBatch(ctx, principal.accountId, request.params.batch_id, { ticketsOnly: principal.scope === 'checkin', keyEvent: principal.batchId }));
    },
  );

  app.patch(
    '/api/v1/qrs/batches/:batch_id',
    {
      schema: {
        operationId: 'renameBatch',
        tags: ['bulk'],
        summary: 'Name or rename a bulk request',
        description:
          '`name` (at most 200 characters, trimmed) names the batch, e.g. the event its tickets are for; null takes the name away. The codes themselves do not change. ' +
          'A `sec1-tst-…` key gets 403 on a live batch (one not made with a `tst` key).',
        security: SIGNED_IN,
        params: BatchParams,
        body: BatchUpdate,
        response: { 200: BatchSchema, 400: problem, 401: problem, 403: problem, 404: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return batchJson(await renameBatch(ctx, { accountId: principal.accountId, testMode: principal.testMode }, request.params.batch_id, request.body.name));
    },
  );

  app.get(
    '/api/v1/qrs/batches/:batch_id/reentry',
    {
      schema: {
        operationId: 'getBatchReentry',
        tags: ['bulk'],
        summary: 'Whether an event’s tickets may enter again after an exit',
        description: 'For a batch of tickets (morphing codes); 409 for a batch of other codes.',
        security: SIGNED_IN,
        params: BatchParams,
        response: { 200: BatchReentryJson, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return reentryJson(await batchReentry(ctx, principal.accountId, request.params.batch_id));
    },
  );

  app.put(
    '/api/v1/qrs/batches/:batch_id/reentry',
    {
      schema: {
        operationId: 'setBatchReentry',
        tags: ['bulk'],
        summary: 'Let every ticket of an event enter again after an exit, or none',
        description:
          'Sets `allow_reentry` of every ticket of the batch at once, as `PATCH /api/v1/campaigns/{id}/morph` sets one. With it, an `exit` check-in lets the ticket enter again; without it (the default), a ticket enters once and its exit answer says `reentry: false`. 409 for a batch of other codes; a `sec1-tst-…` key gets 403 on a live batch.',
        security: SIGNED_IN,
        params: BatchParams,
        body: BatchReentryBody,
        response: { 200: BatchReentryJson, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return reentryJson(await setBatchReentry(ctx, { accountId: principal.accountId, testMode: principal.testMode }, request.params.batch_id, request.body.allow_reentry));
    },
  );
}
