// POST /api/v1/qrs/bulk: up to 1,000 codes per request, all or nothing, with Idempotency-Key.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { withSecretKeys } from '../morph/index.ts';
import { setWarningsHeader, withWarningsHeader } from '../render/index.ts';
import { codeWarnings, standInShortLink } from './campaign-code.ts';
import { type BulkInput, checkBulk, createBulk } from './bulk.service.ts';
import { campaignJson } from './campaign.view.ts';
import { withIdempotency } from '../idempotency/index.ts';
import { Problem as problem } from '../../http/schema.ts';
import { BULK_COPY_BUDGET } from './bulk-budget.ts';
import { BulkBody, BulkDryRun, BulkHeaders, BulkQuery, BulkResult } from './bulk.schemas.ts';

// 1,000 URLs of up to 2 KiB each do not fit the global 1 MiB body limit.
const BULK_BODY_LIMIT = 4 * 1024 * 1024;

// Render secrets of morphing codes are added after the idempotency store, never kept in it: a
// replay derives them again (the current version, should the owner have rotated since). An answer
// stored before campaigns had a mode (migration 0018) lacks `livemode`, which the response schema
// requires: every campaign of that time was live.
async function withRenderSecrets(ctx: AppContext, body: unknown): Promise<unknown> {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return body;
  const campaigns = (data as Array<{ id: string; qr_type: string; livemode?: boolean }>).map((c) => ({ ...c, livemode: c.livemode ?? true }));
  return { ...(body as object), data: await withSecretKeys(ctx, campaigns) };
}

/** Registers the bulk route. */
export async function bulkRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/qrs/bulk',
    {
      bodyLimit: BULK_BODY_LIMIT,
      schema: {
        operationId: 'bulkCreateCampaigns',
        tags: ['bulk'],
        summary: 'Generate up to 1,000 QR codes in one request',
        description: `All or nothing: one invalid URL rejects the request, listing every bad entry in \`errors\` (\`body/urls/{index}\`). Send an \`Idempotency-Key\` header to make retries safe: the first response is replayed (header \`Idempotent-Replayed: true\`). \`?inline=svg\` or \`inline_svg: true\` inlines each SVG (not for morphing codes, whose image is only served through signed render URLs). Every code carries its own copy of the design (and of its SVG when inlined), so one request may hold at most ${BULK_COPY_BUDGET / 1024 / 1024} MiB of them: codes × (bytes of \`design_config\` + bytes of one \`svg\`). Past that the request is a 400 naming \`body/design_config/logo.src\` (or \`body/template_id\`, or \`body/design_config\` without a logo) that says the largest logo fitting this many codes and how many codes fit this design; nothing is created. 1,000 codes fit a logo file of about 37 KB, or 10–18 KB with inline SVGs (denser shapes draw larger SVGs).`,
        security: SIGNED_IN,
        headers: BulkHeaders,
        querystring: BulkQuery,
        body: BulkBody,
        response: {
          200: withWarningsHeader(BulkDryRun),
          201: withWarningsHeader(BulkResult),
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
      // dry_run is left out so a request's fingerprint (idempotency) stays what it was before dry runs existed.
      const { dry_run: dryRun, ...body } = request.body;
      const input: BulkInput = { ...body, inline_svg: body.inline_svg || request.query.inline === 'svg' };
      if (dryRun) {
        // Nothing is created, so there is nothing to replay: dry runs bypass the idempotency store.
        const { destinations, design } = await checkBulk(ctx, principal.accountId, input);
        // Dynamic codes all encode a short link of the same length: any one stands for them.
        const texts = request.body.qr_type === 'static' ? destinations : [standInShortLink(ctx.config.publicUrl)];
        setWarningsHeader(reply, codeWarnings(texts, design.designConfig));
        return reply.status(200).send({ dry_run: true, count: destinations.length });
      }
      const idempotencyKey = request.headers['idempotency-key'];
      // The mode is in the scope, as the idempotency plugin has it: a test key never replays a live batch (with its render secrets), nor a live key a test one.
      const mode = principal.testMode ? ' (test mode)' : '';
      const response = await withIdempotency(
        ctx,
        { accountId: principal.accountId, key: typeof idempotencyKey === 'string' ? idempotencyKey : undefined, scope: `POST /api/v1/qrs/bulk${mode}`, fingerprint: input },
        async () => {
          const result = await createBulk(ctx, principal.accountId, input, !principal.testMode);
          const data = result.campaigns.map((campaign, i) => {
            const json = campaignJson(campaign, ctx.config.publicUrl);
            const svg = result.svgs?.[i];
            return svg ? { ...json, svg } : json;
          });
          return { status: 201, body: { data, batch_id: result.batchId, count: data.length } };
        },
      );
      if (response.replayed) reply.header('idempotent-replayed', 'true');
      // Every code of a batch has the one design; the longest link says how dense they get (a replay too).
      const { data } = response.body as BulkResult;
      if (data[0])
        setWarningsHeader(
          reply,
          codeWarnings(
            data.map((campaign) => campaign.public_url),
            data[0].design_config,
          ),
        );
      // The stored response is the 201 this route produced (a replay is its JSON, read back).
      return reply.status(response.status as 201).send((await withRenderSecrets(ctx, response.body)) as BulkResult);
    },
  );
}
