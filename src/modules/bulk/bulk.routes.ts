// POST /api/v1/qrs/bulk: up to 1,000 codes per request, all or nothing, with Idempotency-Key.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { QR_TYPES } from '../campaigns/campaign.service.ts';
import { campaignJson, campaignJsonSchema } from '../campaigns/campaign.view.ts';
import { MAX_DESTINATION_LENGTH } from '../campaigns/destination.ts';
import { withSecretKeys } from '../morph/morph.service.ts';
import { type BulkInput, checkBulk, createBulk, MAX_BULK_URLS } from './bulk.service.ts';
import { withIdempotency } from '../idempotency/index.ts';
import { PROBLEM_SCHEMA as problem } from '../../http/problem.ts';
import { designConfigField } from '../templates/design.ts';

// 1,000 URLs of up to 2 KiB each do not fit the global 1 MiB body limit.
const BULK_BODY_LIMIT = 4 * 1024 * 1024;

const bodySchema = {
  type: 'object',
  required: ['urls'],
  additionalProperties: false,
  properties: {
    urls: { type: 'array', minItems: 1, maxItems: MAX_BULK_URLS, items: { type: 'string', maxLength: MAX_DESTINATION_LENGTH }, description: `1–${MAX_BULK_URLS} absolute http(s) URLs.` },
    names: {
      type: 'array',
      maxItems: MAX_BULK_URLS,
      items: { type: 'string', maxLength: 200 },
      description: 'Optional campaign names, one per URL in the same order; an empty string keeps the default `#{n} {url}`.',
    },
    qr_type: { type: 'string', enum: [...QR_TYPES], default: 'dynamic' },
    design_config: designConfigField,
    template_id: { type: ['string', 'null'], maxLength: 64 },
    inline_svg: { type: 'boolean', default: false, description: 'Include each SVG in the response (`svg`).' },
    dry_run: {
      type: 'boolean',
      default: false,
      description: 'Run every check and create nothing: 200 `{dry_run: true, count}` when the request would succeed, otherwise the same 400 (every bad URL in `errors`) it would get.',
    },
  },
} as const;

// Render secrets of morphing codes are added after the idempotency store, never kept in it: a
// replay derives them again (the current version, should the owner have rotated since).
async function withRenderSecrets(ctx: AppContext, body: unknown): Promise<unknown> {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return body;
  return { ...(body as object), data: await withSecretKeys(ctx, data as Array<{ id: string; qr_type: string }>) };
}

/** Registers the bulk route. */
export async function bulkRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post<{ Body: BulkInput; Querystring: { inline?: 'svg' } }>(
    '/api/v1/qrs/bulk',
    {
      bodyLimit: BULK_BODY_LIMIT,
      schema: {
        operationId: 'bulkCreateCampaigns', tags: ['bulk'],
        summary: 'Generate up to 1,000 QR codes in one request',
        description:
          'All or nothing: one invalid URL rejects the request, listing every bad entry in `errors` (`body/urls/{index}`). Send an `Idempotency-Key` header to make retries safe: the first response is replayed (header `Idempotent-Replayed: true`). `?inline=svg` or `inline_svg: true` inlines each SVG (not for morphing codes, whose image is only served through signed render URLs).',
        security: SIGNED_IN,
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 255 } } },
        querystring: { type: 'object', properties: { inline: { type: 'string', enum: ['svg'] } } },
        body: bodySchema,
        response: {
          200: {
            description: 'Dry run: the request would succeed.',
            type: 'object',
            required: ['dry_run', 'count'],
            properties: { dry_run: { type: 'boolean', const: true }, count: { type: 'integer', description: 'How many codes the request would create.' } },
          },
          201: {
            title: 'BulkResult',
            type: 'object',
            description: 'Every code created, in the order of `urls`, sharing one `batch_id`.',
            required: ['data', 'batch_id', 'count'],
            properties: { data: { type: 'array', items: campaignJsonSchema }, batch_id: { type: 'string' }, count: { type: 'integer' } },
          },
          400: problem,
          401: problem,
          404: problem,
          409: problem,
          422: problem,
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (request.body.dry_run) {
        // Nothing is created, so there is nothing to replay: dry runs bypass the idempotency store.
        const { destinations } = await checkBulk(ctx, principal.accountId, request.body);
        return reply.status(200).send({ dry_run: true, count: destinations.length });
      }
      // dry_run is left out so a request's fingerprint (idempotency) stays what it was before dry runs existed.
      const { dry_run: _dryRun, ...body } = request.body;
      const input: BulkInput = { ...body, inline_svg: body.inline_svg || request.query.inline === 'svg' };
      const idempotencyKey = request.headers['idempotency-key'];
      const response = await withIdempotency(
        ctx,
        { accountId: principal.accountId, key: typeof idempotencyKey === 'string' ? idempotencyKey : undefined, scope: 'POST /api/v1/qrs/bulk', fingerprint: input },
        async () => {
          const result = await createBulk(ctx, principal.accountId, input);
          const data = result.campaigns.map((campaign, i) => {
            const json = campaignJson(campaign, ctx.config.publicUrl);
            const svg = result.svgs?.[i];
            return svg ? { ...json, svg } : json;
          });
          return { status: 201, body: { data, batch_id: result.batchId, count: data.length } };
        },
      );
      if (response.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(response.status).send(await withRenderSecrets(ctx, response.body));
    },
  );
}
