// A morphing code's owner reads or rotates its render secret and sets its re-entry policy.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { type Campaign, getCampaign } from '../campaigns/campaign.service.ts';
import { morphSettings, renderSecret, rotateRenderSecret, setReentry } from './morph.service.ts';
import { PROBLEM_SCHEMA as problem } from '../../http/problem.ts';
import { idParams } from '../../http/route-schemas.ts';

const secretSchema = {
  title: 'MorphSecret',
  type: 'object',
  description: "A morphing code's render secret.",
  required: ['campaign_id', 'secret_key', 'version'],
  properties: {
    campaign_id: { type: 'string' },
    secret_key: { type: 'string', description: 'Sign render URLs with it: `sig` = hex HMAC-SHA256 of `t` keyed by this string. Valid for this code only.' },
    version: { type: 'integer', description: 'Bumped by each rotation.' },
  },
} as const;
const settingsSchema = {
  title: 'MorphSettings',
  type: 'object',
  description: "A morphing code's rotation and check-in settings.",
  required: ['campaign_id', 'secret_version', 'allow_reentry', 'ttl_seconds', 'step_seconds'],
  properties: {
    campaign_id: { type: 'string' },
    secret_version: { type: 'integer' },
    allow_reentry: { type: 'boolean', description: 'An exit check-in lets the ticket enter again.' },
    ttl_seconds: { type: 'integer', description: 'How long a signed render URL stays valid.' },
    step_seconds: { type: 'integer', description: 'How often the encoded token changes.' },
  },
} as const;

async function morphingCampaign(ctx: AppContext, accountId: string, id: string): Promise<Campaign> {
  const campaign = await getCampaign(ctx, accountId, id);
  if (campaign.qrType !== 'morphing') {
    throw new AppError('conflict', `Campaign '${id}' is a ${campaign.qrType} code; only morphing codes have a render secret and check-in settings.`);
  }
  return campaign;
}

/** Registers the morphing code routes. */
export async function morphRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const settingsJson = async (campaign: Campaign) => {
    const settings = await morphSettings(ctx, campaign.id);
    return {
      campaign_id: campaign.id,
      secret_version: settings.secretVersion,
      allow_reentry: settings.allowReentry,
      ttl_seconds: ctx.config.morphTtlSeconds,
      step_seconds: ctx.config.morphStepSeconds,
    };
  };

  app.get<{ Params: { id: string } }>(
    '/api/v1/campaigns/:id/secret',
    {
      schema: {
        tags: ['morphing'],
        summary: "A morphing code's render secret",
        description: 'The `secret_key` to sign `/api/render/{short_code}.svg?t=&sig=` with. Keep it on your server.',
        security: SIGNED_IN,
        params: idParams,
        response: { 200: secretSchema, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const campaign = await morphingCampaign(ctx, principal.accountId, request.params.id);
      const secret = await renderSecret(ctx, campaign);
      return reply.header('cache-control', 'no-store').send({ campaign_id: campaign.id, secret_key: secret.secretKey, version: secret.version });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/campaigns/:id/secret/rotate',
    {
      schema: {
        tags: ['morphing'],
        summary: "Rotate a morphing code's render secret",
        description: 'Signatures made with the previous secret stop verifying at once, and so do the tokens of images rendered before.',
        security: SIGNED_IN,
        params: idParams,
        response: { 200: secretSchema, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const campaign = await morphingCampaign(ctx, principal.accountId, request.params.id);
      const secret = await rotateRenderSecret(ctx, campaign);
      return reply.header('cache-control', 'no-store').send({ campaign_id: campaign.id, secret_key: secret.secretKey, version: secret.version });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/campaigns/:id/morph',
    {
      schema: {
        tags: ['morphing'],
        summary: "A morphing code's settings",
        security: SIGNED_IN,
        params: idParams,
        response: { 200: settingsSchema, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return settingsJson(await morphingCampaign(ctx, principal.accountId, request.params.id));
    },
  );

  app.patch<{ Params: { id: string }; Body: { allow_reentry: boolean } }>(
    '/api/v1/campaigns/:id/morph',
    {
      schema: {
        tags: ['morphing'],
        summary: "Change a morphing code's check-in policy",
        description: 'With `allow_reentry`, an `exit` check-in lets the ticket enter again; without it, a ticket enters once.',
        security: SIGNED_IN,
        params: idParams,
        body: { type: 'object', required: ['allow_reentry'], additionalProperties: false, properties: { allow_reentry: { type: 'boolean' } } },
        response: { 200: settingsSchema, 400: problem, 401: problem, 404: problem, 409: problem },
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
