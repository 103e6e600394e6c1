// /api/v1/campaigns: list, create, read, update (design or destination) and archive.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { decodeCursor, pageJson, pageQuery, pageSchema } from '../../http/cursor.ts';
import { MAX_DESTINATION_LENGTH } from './destination.ts';
import {
  archiveCampaign,
  CAMPAIGN_STATUSES,
  type CampaignPatch,
  type CampaignStatus,
  createCampaign,
  getCampaign,
  listCampaigns,
  type NewCampaign,
  QR_TYPES,
  type QrType,
  updateCampaign,
} from './campaign.service.ts';
import { withSecretKeys } from '../morph/morph.service.ts';
import { campaignJson, campaignJsonSchema } from './campaign.view.ts';
import { PROBLEM_SCHEMA as problem } from '../../http/problem.ts';
import { hostedPageInputField } from '../pages/page.view.ts';
import { designConfigField } from '../templates/design.ts';
import { idParams } from '../../http/route-schemas.ts';


const fields = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  slug: { type: ['string', 'null'], pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$', description: 'Unique within the account; lowercase letters, digits, inner hyphens.' },
  qr_type: { type: 'string', enum: [...QR_TYPES], description: '`morphing`: an anti-screenshot ticket whose QR payload rotates; render it through signed URLs with the returned `secret_key`.' },
  destination: { type: 'string', minLength: 1, maxLength: MAX_DESTINATION_LENGTH, description: 'Absolute http(s) URL.' },
  design_config: designConfigField,
  template_id: { type: ['string', 'null'], maxLength: 64 },
  hosted_page: hostedPageInputField,
  active_from: {
    type: ['string', 'null'],
    format: 'date-time',
    maxLength: 40,
    description: 'RFC 3339 instant from which the code leads on (2000–2199); before it the code answers a "not active yet" page (403, problem code `code_not_yet_active`) and counts no scan. null: at once.',
  },
  active_until: {
    type: ['string', 'null'],
    format: 'date-time',
    maxLength: 40,
    description: 'RFC 3339 instant at which the code stops leading on (later than active_from); from then on it answers an "ended" page (410, problem code `code_ended`) and counts no scan. null: never.',
  },
} as const;

/** Registers the campaign routes. */
export async function campaignRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const publicUrl = ctx.config.publicUrl;

  app.get<{ Querystring: { limit: number; cursor?: string; status?: CampaignStatus; qr_type?: QrType; q?: string } }>(
    '/api/v1/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'List your campaigns (newest first)',
        security: SIGNED_IN,
        querystring: pageQuery({
          status: { type: 'string', enum: [...CAMPAIGN_STATUSES] },
          qr_type: { type: 'string', enum: [...QR_TYPES] },
          q: { type: 'string', maxLength: 200, description: 'Only campaigns whose name contains this text (case-insensitive).' },
        }),
        response: {
          200: pageSchema('CampaignList', campaignJsonSchema, 'campaigns'),
          400: problem,
          401: problem,
        },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { limit, cursor, status, qr_type, q } = request.query;
      const nameContains = q?.trim() || undefined;
      const page = await listCampaigns(ctx, principal.accountId, { status, qrType: qr_type, nameContains }, limit, decodeCursor(cursor));
      return pageJson(page, (c) => campaignJson(c, publicUrl));
    },
  );

  app.post<{ Body: NewCampaign }>(
    '/api/v1/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Create a single campaign',
        security: SIGNED_IN,
        'x-idempotent': true,
        body: { type: 'object', required: ['name', 'destination'], additionalProperties: false, properties: { ...fields, qr_type: { ...fields.qr_type, default: 'dynamic' } } },
        response: { 201: campaignJsonSchema, 400: problem, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const campaign = await createCampaign(ctx, principal.accountId, request.body);
      const [json] = await withSecretKeys(ctx, [campaignJson(campaign, publicUrl)]);
      return reply.status(201).header('location', `/api/v1/campaigns/${campaign.id}`).send(json);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/campaigns/:id',
    { schema: { tags: ['campaigns'], summary: 'Get a campaign', security: SIGNED_IN, params: idParams, response: { 200: campaignJsonSchema, 401: problem, 404: problem } } },
    async (request) => {
      const principal = requirePrincipal(request);
      return campaignJson(await getCampaign(ctx, principal.accountId, request.params.id), publicUrl);
    },
  );

  app.put<{ Params: { id: string }; Body: CampaignPatch }>(
    '/api/v1/campaigns/:id',
    {
      schema: {
        tags: ['campaigns'],
        summary: "Update a campaign's design or destination",
        description: 'Every field is optional; a new destination takes effect on the next scan. Archived campaigns cannot change (409).',
        security: SIGNED_IN,
        params: idParams,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: fields },
        response: { 200: campaignJsonSchema, 400: problem, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return campaignJson(await updateCampaign(ctx, principal.accountId, request.params.id, request.body), publicUrl);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/campaigns/:id',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Archive a campaign',
        description: 'The record and its scans stay; its code stops resolving and shows an "archived" page (410). Repeating is harmless.',
        security: SIGNED_IN,
        params: idParams,
        response: { 200: campaignJsonSchema, 401: problem, 404: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return campaignJson(await archiveCampaign(ctx, principal.accountId, request.params.id), publicUrl);
    },
  );
}
