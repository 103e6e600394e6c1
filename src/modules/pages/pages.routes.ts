// Public hosted pages: the page document as JSON (`/api/v1/resolve/…`) and the server-rendered
// page itself (`/p/{account slug}/{campaign slug}`), plus its thank-you page; and the owner's
// preview of a page, published or not.
import { htmlResponse } from '../../http/openapi-media.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { pageLanguage, translator } from '../../http/page/language.ts';
import { sendErrorPage, sendPage } from '../../http/page/reply.ts';
import { hostedPageContext } from './page-context.ts';
import { renderHostedPage, renderHostedPagePreview, renderPageNotFound, renderThanks } from './page-html.ts';
import { findPublishedPage, getPage, pagePath } from './page.service.ts';
import { publicPageJson } from './page.view.ts';
import { IdParams, Problem as problem } from '../../http/schema.ts';
import { requirePrincipal, SIGNED_IN } from '../../http/auth.ts';
import { PageSlugParams, PublicPageJson, SlugParams } from './pages.schemas.ts';

// The HTML routes take any length: a person following a mangled link gets the not-found page,
// not a JSON validation error; a slug past the limit cannot exist, so it is not looked up.
const MAX_SLUG = 64;

/** Registers the public page routes. */
export async function pagesRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const notFoundPage = (request: FastifyRequest) => renderPageNotFound(translator(pageLanguage(request.headers['accept-language'])));
  // The page for a browser, problem+json for a script (x-html-errors).
  const pageNotFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendErrorPage(
      request,
      reply,
      404,
      () => notFoundPage(request),
      () => notFound('Page'),
    );
  const findForPerson = ({ userSlug, campaignSlug }: PageSlugParams) =>
    userSlug.length > MAX_SLUG || campaignSlug.length > MAX_SLUG ? Promise.resolve(undefined) : findPublishedPage(ctx, userSlug, campaignSlug);

  app.get(
    '/api/v1/resolve/:userSlug/:campaignSlug',
    {
      schema: {
        operationId: 'resolveHostedPage',
        tags: ['pages'],
        summary: 'Resolve hosted page config',
        description: 'The published page document of an active campaign, for clients that render it themselves. 404 when unknown, archived or unpublished.',
        params: SlugParams,
        response: { 200: PublicPageJson, 404: problem },
      },
    },
    async (request, reply) => {
      const page = await findPublishedPage(ctx, request.params.userSlug, request.params.campaignSlug);
      if (!page) throw notFound(`The hosted page '${request.params.userSlug}/${request.params.campaignSlug}'`);
      reply.header('cache-control', 'no-cache');
      return publicPageJson(page);
    },
  );

  app.get(
    '/p/:userSlug/:campaignSlug',
    {
      schema: {
        operationId: 'getHostedPage',
        tags: ['pages'],
        summary: 'The hosted page (HTML)',
        params: PageSlugParams,
        'x-html-errors': true,
        produces: ['text/html'],
        response: { 200: htmlResponse('The hosted page.') },
      },
    },
    async (request, reply) => {
      const page = await findForPerson(request.params);
      if (!page) return pageNotFound(request, reply);
      // Revalidated on every visit, so unpublishing takes effect at once.
      // The form posts back to this address (the forms module answers it).
      return sendPage(reply, 200, renderHostedPage(await hostedPageContext(ctx, request, page), page.config, pagePath(page.accountSlug, page.campaignSlug)), 'no-cache');
    },
  );

  app.get(
    '/api/v1/campaigns/:id/page/preview',
    {
      schema: {
        operationId: 'previewHostedPage',
        tags: ['pages'],
        summary: "Preview a campaign's hosted page (HTML)",
        description:
          "The page as saved, published or not, under a note that it is a preview; its form can be filled in but sends nothing. For the owner only (another account's campaign is a 404), never indexed or cached.",
        security: SIGNED_IN,
        params: IdParams,
        produces: ['text/html'],
        response: { 200: htmlResponse('The page, marked as a preview.'), 401: problem, 404: problem },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const page = await getPage(ctx, principal.accountId, request.params.id);
      if (!page) throw notFound(`The hosted page of campaign '${request.params.id}'`);
      const context = await hostedPageContext(ctx, request, { accountId: principal.accountId, config: page.config });
      const shown = page.archived ? 'archived' : page.published ? 'published' : 'unpublished';
      return sendPage(reply, 200, renderHostedPagePreview(context, page.config, shown), 'no-store');
    },
  );

  app.get(
    '/p/:userSlug/:campaignSlug/thanks',
    {
      schema: {
        operationId: 'getHostedPageThanks',
        tags: ['pages'],
        summary: 'The thank-you page after a form submission (HTML)',
        params: PageSlugParams,
        'x-html-errors': true,
        produces: ['text/html'],
        response: { 200: htmlResponse('The thank-you page.') },
      },
    },
    async (request, reply) => {
      const page = await findForPerson(request.params);
      if (!page) return pageNotFound(request, reply);
      return sendPage(reply, 200, renderThanks(await hostedPageContext(ctx, request, page), page.config, page.url), 'no-cache');
    },
  );
}
