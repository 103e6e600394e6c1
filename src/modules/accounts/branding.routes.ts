// GET/PATCH /api/v1/account/branding: the name, logo and footer strangers see on the account's
// public pages (item pages, code error pages, hosted pages).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { PROBLEM_SCHEMA as problem } from '../../http/problem.ts';
import { type BrandingSettings, getBrandingSettings, updateBranding } from './branding.service.ts';

const properties = {
  name: { type: 'string', maxLength: 1000, description: 'The account name shown at the top of its public pages (when it has no logo).', examples: ['Spring Fair Ltd'] },
  logo_url: { type: ['string', 'null'], maxLength: 2048, description: 'Absolute http(s) URL of a logo shown instead of the name; null for none.', examples: ['https://cdn.example.com/logo.png'] },
  logo_alt: { type: 'string', maxLength: 1000, description: 'Text alternative of the logo; the name when empty.' },
  made_with_tessera: { type: 'boolean', description: 'End public pages with a small "Made with Tessera" link (default true).' },
} as const;
const brandingSchema = { title: 'Branding', type: 'object', description: "What the account's public pages show.", required: ['name', 'logo_url', 'logo_alt', 'made_with_tessera'], properties } as const;

function brandingJson(settings: BrandingSettings) {
  return { name: settings.name, logo_url: settings.logoUrl, logo_alt: settings.logoAlt, made_with_tessera: settings.madeWithTessera };
}

/** Registers the branding routes. */
export async function brandingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/account/branding',
    { schema: { tags: ['account'], summary: "The account's public branding", security: SIGNED_IN, response: { 200: brandingSchema, 401: problem } } },
    async (request) => brandingJson(await getBrandingSettings(ctx.db, requirePrincipal(request).accountId)),
  );

  app.patch<{ Body: { name?: string; logo_url?: string | null; logo_alt?: string; made_with_tessera?: boolean } }>(
    '/api/v1/account/branding',
    {
      schema: {
        tags: ['account'],
        summary: "Change the account's public branding",
        description: 'Every field is optional; fields left out keep their value. Applies at once to item pages, code error pages and hosted pages without a logo of their own.',
        security: SIGNED_IN,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties },
        response: { 200: brandingSchema, 400: problem, 401: problem },
      },
    },
    async (request) => {
      const { accountId } = requirePrincipal(request);
      const body = request.body;
      return brandingJson(await updateBranding(ctx.db, ctx.clock, accountId, { name: body.name, logoUrl: body.logo_url, logoAlt: body.logo_alt, madeWithTessera: body.made_with_tessera }));
    },
  );
}
