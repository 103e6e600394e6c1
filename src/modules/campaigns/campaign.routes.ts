// /api/v1/campaigns: list, create, read, update (design or destination) and archive.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { decodeCursor, pageJson } from '../../http/cursor.ts';
import { archiveCampaign, createCampaign, getCampaign, listCampaigns, updateCampaign } from './campaign.service.ts';
import { withSecretKeys } from '../morph/index.ts';
import { setWarningsHeader, withWarningsHeader } from '../render/index.ts';
import { codeWarnings, encodedText } from './campaign-code.ts';
import { campaignJson } from './campaign.view.ts';
import { IdParams, Problem as problem } from '../../http/schema.ts';
import { CampaignJson, CampaignList, CampaignListQuery, CreateCampaignBody, UpdateCampaignBody } from './campaign.schemas.ts';

/** Registers the campaign routes. */
export async function campaignRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const publicUrl = ctx.config.publicUrl;

  app.get(
    '/api/v1/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'List your campaigns (newest first)',
        security: SIGNED_IN,
        querystring: CampaignListQuery,
        response: { 200: CampaignList, 400: problem, 401: problem, 404: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { limit, cursor, status, qr_type, q, batch_id } = request.query;
      const nameContains = q?.trim() || undefined;
      const page = await listCampaigns(ctx, principal.accountId, { status, qrType: qr_type, nameContains, batchId: batch_id }, limit, decodeCursor(cursor));
      return pageJson(page, (c) => campaignJson(c, publicUrl));
    },
  );

  app.post(
    '/api/v1/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Create a single campaign',
        description: 'A `sec1-tst-…` key makes a test campaign (`livemode: false`), which test keys may change; a `prd` key or the dashboard makes a live one, which they may not.',
        security: SIGNED_IN,
        'x-idempotent': true,
        body: CreateCampaignBody,
        response: { 201: withWarningsHeader(CampaignJson), 400: problem, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const campaign = await createCampaign(ctx, principal, request.body);
      const [json] = await withSecretKeys(ctx, [campaignJson(campaign, publicUrl)]);
      setWarningsHeader(reply, codeWarnings([encodedText(campaign, publicUrl)], campaign.designConfig));
      return reply.status(201).header('location', `/api/v1/campaigns/${campaign.id}`).send(json);
    },
  );

  app.get(
    '/api/v1/campaigns/:id',
    { schema: { tags: ['campaigns'], summary: 'Get a campaign', security: SIGNED_IN, params: IdParams, response: { 200: CampaignJson, 401: problem, 404: problem } } },
    async (request) => {
      const principal = requirePrincipal(request);
      return campaignJson(await getCampaign(ctx, principal.accountId, request.params.id), publicUrl);
    },
  );

  app.put(
    '/api/v1/campaigns/:id',
    {
      schema: {
        tags: ['campaigns'],
        summary: "Update a campaign's design or destination",
        description:
          'Every field is optional; a new destination takes effect on the next scan. The body GET answers may be sent back with a field changed: fields Tessera sets are ignored when equal to the stored value and a 400 otherwise, and fields sent back unchanged are no change. Archived campaigns cannot change (409). A `sec1-tst-…` key gets 403 on a live campaign (one not made with a `tst` key).',
        security: SIGNED_IN,
        params: IdParams,
        body: UpdateCampaignBody,
        response: { 200: withWarningsHeader(CampaignJson), 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const campaign = await updateCampaign(ctx, principal, request.params.id, request.body);
      setWarningsHeader(reply, codeWarnings([encodedText(campaign, publicUrl)], campaign.designConfig));
      return campaignJson(campaign, publicUrl);
    },
  );

  app.delete(
    '/api/v1/campaigns/:id',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Archive a campaign',
        description:
          'The record and its scans stay; its code stops resolving and shows an "archived" page (410). Repeating is harmless. A `sec1-tst-…` key gets 403 on a live campaign (one not made with a `tst` key).',
        security: SIGNED_IN,
        params: IdParams,
        response: { 200: CampaignJson, 401: problem, 403: problem, 404: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return campaignJson(await archiveCampaign(ctx, principal, request.params.id), publicUrl);
    },
  );
}
