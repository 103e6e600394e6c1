// /api/v1/campaigns/{id}/secret and /morph: a morphing code's owner reads or rotates its render
// secret and sets its re-entry policy (campaign URLs; the morph module does the work).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal } from '../../http/auth.ts';
import { type CampaignMorphSecret, type CampaignMorphSettings, campaignMorphSecret, campaignMorphSettings, rotateCampaignMorphSecret, setCampaignReentry } from './campaign-morph.service.ts';
import { PROBLEM_SCHEMA as problem } from '../../http/problem.ts';

const security: Array<Record<string, string[]>> = [{ bearer: [] }, { apiKey: [] }, { session: [] }];
const idParams = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] } as const;
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

function secretJson(secret: CampaignMorphSecret) {
  return { campaign_id: secret.campaignId, secret_key: secret.secretKey, version: secret.version };
}

function settingsJson(settings: CampaignMorphSettings) {
  return {
    campaign_id: settings.campaignId,
    secret_version: settings.secretVersion,
    allow_reentry: settings.allowReentry,
    ttl_seconds: settings.ttlSeconds,
    step_seconds: settings.stepSeconds,
  };
}

/** Registers the morphing code routes of campaigns. */
export async function campaignMorphRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/api/v1/campaigns/:id/secret',
    {
      schema: {
        tags: ['morphing'],
        summary: "A morphing code's render secret",
        description: 'The `secret_key` to sign `/api/render/{short_code}.svg?t=&sig=` with. Keep it on your server.',
        security,
        params: idParams,
        response: { 200: secretSchema, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const secret = await campaignMorphSecret(ctx, principal.accountId, request.params.id);
      return reply.header('cache-control', 'no-store').send(secretJson(secret));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/campaigns/:id/secret/rotate',
    {
      schema: {
        tags: ['morphing'],
        summary: "Rotate a morphing code's render secret",
        description: 'Signatures made with the previous secret stop verifying at once, and so do the tokens of images rendered before.',
        security,
        params: idParams,
        response: { 200: secretSchema, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const secret = await rotateCampaignMorphSecret(ctx, principal.accountId, request.params.id);
      return reply.header('cache-control', 'no-store').send(secretJson(secret));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/campaigns/:id/morph',
    {
      schema: {
        tags: ['morphing'],
        summary: "A morphing code's settings",
        security,
        params: idParams,
        response: { 200: settingsSchema, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return settingsJson(await campaignMorphSettings(ctx, principal.accountId, request.params.id));
    },
  );

  app.patch<{ Params: { id: string }; Body: { allow_reentry: boolean } }>(
    '/api/v1/campaigns/:id/morph',
    {
      schema: {
        tags: ['morphing'],
        summary: "Change a morphing code's check-in policy",
        description: 'With `allow_reentry`, an `exit` check-in lets the ticket enter again; without it, a ticket enters once.',
        security,
        params: idParams,
        body: { type: 'object', required: ['allow_reentry'], additionalProperties: false, properties: { allow_reentry: { type: 'boolean' } } },
        response: { 200: settingsSchema, 400: problem, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return settingsJson(await setCampaignReentry(ctx, principal.accountId, request.params.id, request.body.allow_reentry));
    },
  );
}
