// A morphing code's owner reads or rotates its render secret and sets its re-entry policy.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requirePrincipal } from '../../http/auth.ts';
import { type Campaign, getCampaign } from '../campaigns/campaign.service.ts';
import { morphSettings, renderSecret, rotateRenderSecret, setReentry } from './morph.service.ts';
import { IdParams, Problem as problem } from '../../http/schema.ts';
import { MorphSecret, MorphSettings, MorphSettingsBody } from './morph.schemas.ts';

const security: Array<Record<string, string[]>> = [{ bearer: [] }, { apiKey: [] }, { session: [] }];

async function morphingCampaign(ctx: AppContext, accountId: string, id: string): Promise<Campaign> {
  const campaign = await getCampaign(ctx, accountId, id);
  if (campaign.qrType !== 'morphing') {
    throw new AppError('conflict', `Campaign '${id}' is a ${campaign.qrType} code; only morphing codes have a render secret and check-in settings.`);
  }
  return campaign;
}

/** Registers the morphing code routes. */
export async function morphRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const settingsJson = async (campaign: Campaign): Promise<MorphSettings> => {
    const settings = await morphSettings(ctx, campaign.id);
    return {
      campaign_id: campaign.id,
      secret_version: settings.secretVersion,
      allow_reentry: settings.allowReentry,
      ttl_seconds: ctx.config.morphTtlSeconds,
      step_seconds: ctx.config.morphStepSeconds,
    };
  };

  app.get(
    '/api/v1/campaigns/:id/secret',
    {
      schema: {
        tags: ['morphing'],
        summary: "A morphing code's render secret",
        description: 'The `secret_key` to sign `/api/render/{short_code}.svg?t=&sig=` with. Keep it on your server.',
        security,
        params: IdParams,
        response: { 200: MorphSecret, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const campaign = await morphingCampaign(ctx, principal.accountId, request.params.id);
      const secret = await renderSecret(ctx, campaign);
      return reply.header('cache-control', 'no-store').send({ campaign_id: campaign.id, secret_key: secret.secretKey, version: secret.version });
    },
  );

  app.post(
    '/api/v1/campaigns/:id/secret/rotate',
    {
      schema: {
        tags: ['morphing'],
        summary: "Rotate a morphing code's render secret",
        description: 'Signatures made with the previous secret stop verifying at once, and so do the tokens of images rendered before.',
        security,
        params: IdParams,
        response: { 200: MorphSecret, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const campaign = await morphingCampaign(ctx, principal.accountId, request.params.id);
      const secret = await rotateRenderSecret(ctx, campaign);
      return reply.header('cache-control', 'no-store').send({ campaign_id: campaign.id, secret_key: secret.secretKey, version: secret.version });
    },
  );

  app.get(
    '/api/v1/campaigns/:id/morph',
    {
      schema: {
        tags: ['morphing'],
        summary: "A morphing code's settings",
        security,
        params: IdParams,
        response: { 200: MorphSettings, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return settingsJson(await morphingCampaign(ctx, principal.accountId, request.params.id));
    },
  );

  app.patch(
    '/api/v1/campaigns/:id/morph',
    {
      schema: {
        tags: ['morphing'],
        summary: "Change a morphing code's check-in policy",
        description: 'With `allow_reentry`, an `exit` check-in lets the ticket enter again; without it, a ticket enters once.',
        security,
        params: IdParams,
        body: MorphSettingsBody,
        response: { 200: MorphSettings, 400: problem, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const campaign = await morphingCampaign(ctx, principal.accountId, request.params.id);
      await setReentry(ctx, campaign, request.body.allow_reentry);
      return settingsJson(campaign);
    },
  );
}
