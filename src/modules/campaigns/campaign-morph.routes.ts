// /api/v1/campaigns/{id}/secret, /morph and /live.svg: a morphing code's owner reads or rotates its
// render secret, sets its re-entry policy and sees the live ticket (campaign URLs; the morph module
// does the work).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { fileResponse } from '../../http/openapi-media.ts';
import {
  type CampaignMorphSecret,
  type CampaignMorphSettings,
  campaignMorphSecret,
  campaignMorphSettings,
  liveTicketSvg,
  rotateCampaignMorphSecret,
  setCampaignReentry,
} from './campaign-morph.service.ts';
import { IdParams, Problem as problem } from '../../http/schema.ts';
import { setWarningsHeader, withWarningsHeader } from '../render/index.ts';
import { MorphSecret, MorphSettings, MorphSettingsBody } from './campaign-morph.schemas.ts';

function secretJson(secret: CampaignMorphSecret): MorphSecret {
  return { campaign_id: secret.campaignId, secret_key: secret.secretKey, version: secret.version };
}

function settingsJson(settings: CampaignMorphSettings): MorphSettings {
  return {
    campaign_id: settings.campaignId,
    secret_version: settings.secretVersion,
    allow_reentry: settings.allowReentry,
    ttl_seconds: settings.ttlSeconds,
    step_seconds: settings.stepSeconds,
  };
}

/** Registers the morphing code routes of campaigns. */
export async function campaignMorphRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/campaigns/:id/secret',
    {
      schema: {
        tags: ['morphing'],
        summary: "A morphing code's render secret",
        description: 'The `secret_key` to sign `/api/render/{short_code}.svg?t=&sig=` with. Keep it on your server. A `sec1-tst-…` key gets 403 on a live campaign (one not made with a `tst` key).',
        security: SIGNED_IN,
        params: IdParams,
        response: { 200: MorphSecret, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const secret = await campaignMorphSecret(ctx, principal, request.params.id);
      return reply.header('cache-control', 'no-store').send(secretJson(secret));
    },
  );

  app.post(
    '/api/v1/campaigns/:id/secret/rotate',
    {
      schema: {
        tags: ['morphing'],
        summary: "Rotate a morphing code's render secret",
        description:
          'Signatures made with the previous secret stop verifying at once, and so do the tokens of images rendered before. A `sec1-tst-…` key gets 403 on a live campaign (one not made with a `tst` key).',
        security: SIGNED_IN,
        params: IdParams,
        response: { 200: MorphSecret, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const secret = await rotateCampaignMorphSecret(ctx, principal, request.params.id);
      return reply.header('cache-control', 'no-store').send(secretJson(secret));
    },
  );

  app.get(
    '/api/v1/campaigns/:id/morph',
    {
      schema: {
        tags: ['morphing'],
        summary: "A morphing code's settings",
        security: SIGNED_IN,
        params: IdParams,
        response: { 200: MorphSettings, 401: problem, 404: problem, 409: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return settingsJson(await campaignMorphSettings(ctx, principal.accountId, request.params.id));
    },
  );

  app.get(
    '/api/v1/campaigns/:id/live.svg',
    {
      schema: {
        operationId: 'getLiveTicket',
        tags: ['morphing'],
        summary: "A morphing code's live image, as a holder's screen shows it now",
        description:
          "For the code's owner (the dashboard's live preview, a test scan): the image a correctly signed `/api/render/{short_code}.svg` shows at this moment, with its real step token, so it leads on when scanned within the step. `X-Tessera-Step-Seconds` says how often it changes. Never cached. 409 for codes that are not morphing, 410 once archived. A `sec1-tst-…` key gets 403 on a live campaign (one not made with a `tst` key).",
        security: SIGNED_IN,
        params: IdParams,
        response: {
          200: withWarningsHeader(fileResponse('The live code (SVG); lint warnings about its design in `X-QR-Warnings`.', ['image/svg+xml'])),
          401: problem,
          403: problem,
          404: problem,
          409: problem,
          410: problem,
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const live = await liveTicketSvg(ctx, principal, request.params.id);
      setWarningsHeader(reply, live.warnings);
      return reply.header('cache-control', 'no-store').header('x-tessera-step-seconds', String(live.stepSeconds)).type('image/svg+xml; charset=utf-8').send(live.svg);
    },
  );

  app.patch(
    '/api/v1/campaigns/:id/morph',
    {
      schema: {
        tags: ['morphing'],
        summary: "Change a morphing code's check-in policy",
        description:
          'With `allow_reentry`, an `exit` check-in lets the ticket enter again; without it, a ticket enters once. A `sec1-tst-…` key gets 403 on a live campaign (one not made with a `tst` key).',
        security: SIGNED_IN,
        params: IdParams,
        body: MorphSettingsBody,
        response: { 200: MorphSettings, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return settingsJson(await setCampaignReentry(ctx, principal, request.params.id, request.body.allow_reentry));
    },
  );
}
