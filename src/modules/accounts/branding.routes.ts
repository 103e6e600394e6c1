// GET/PATCH /api/v1/account/branding: the name, logo and footer strangers see on the account's
// public pages (item pages, code error pages, hosted pages).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requireLivePrincipal, requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { Problem as problem } from '../../http/schema.ts';
import { BrandingJson, BrandingPatchBody } from './accounts.schemas.ts';
import { type BrandingSettings, getBrandingSettings, updateBranding } from './branding.service.ts';

function brandingJson(settings: BrandingSettings): BrandingJson {
  return { name: settings.name, logo_url: settings.logoUrl, logo_alt: settings.logoAlt, made_with_tessera: settings.madeWithTessera };
}

/** Registers the branding routes. */
export async function brandingRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/account/branding',
    { schema: { tags: ['account'], summary: "The account's public branding", security: SIGNED_IN, response: { 200: BrandingJson, 401: problem } } },
    async (request) => brandingJson(await getBrandingSettings(ctx, requirePrincipal(request).accountId)),
  );

  app.patch(
    '/api/v1/account/branding',
    {
      schema: {
        tags: ['account'],
        summary: "Change the account's public branding",
        description:
          'Every field is optional; fields left out keep their value. Applies at once to item pages, code error pages and hosted pages without a logo of their own. A `sec1-tst-…` key gets 403.',
        security: SIGNED_IN,
        body: BrandingPatchBody,
        response: { 200: BrandingJson, 400: problem, 401: problem, 403: problem },
      },
    },
    async (request) => {
      // What every visitor of the public pages sees: not for a test key, like the webhook settings.
      const { accountId } = requireLivePrincipal(request, "change the account's public branding");
      const body = request.body;
      return brandingJson(await updateBranding(ctx, accountId, { name: body.name, logoUrl: body.logo_url, logoAlt: body.logo_alt, madeWithTessera: body.made_with_tessera }));
    },
  );
}
