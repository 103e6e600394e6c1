// The public page an item's QR code points at. GET shows the state and never spends a view
// (link-preview bots and mail scanners fetch links); Reveal is an explicit POST.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { fileResponse, htmlResponse } from '../../http/openapi-media.ts';
import { Problem as problem, Type } from '../../http/schema.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound as notFoundError } from '../../errors.ts';
import { pageLanguage, translator } from '../../http/page/language.ts';
import { wantsHtml } from '../../http/page/not-found.ts';
import { sendErrorPage, sendPage } from '../../http/page/reply.ts';
import type { RenderedPage } from '../../http/page/shell.ts';
import { pageBranding } from '../accounts/index.ts';
import { availablePage, finalPage, type ItemPageContext, lockedPage, notFoundPage, revealedPage } from './items.html.ts';
import { PNG_SIZES, pngSizeQuery, setWarningsHeader, withWarningsHeader } from '../render/index.ts';
import { itemQrPng, itemQrSvg } from './items.qr.ts';
import type { AppContext } from '../../context.ts';
import { type ItemStatus, peekItem, type ResolveContext, resolveItem } from './items.service.ts';

const magicParam = Type.Object({ magic: Type.String({ maxLength: 100 }) });
// An SVG served from our origin must not be able to run anything, even if opened directly.
const IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";
// The only field is a password: a few KiB is plenty.
const REVEAL_BODY_LIMIT = 8 * 1024;

// Item pages are never stored: each one reflects the item at this moment, some show its content.
function html(reply: FastifyReply, status: number, page: RenderedPage): FastifyReply {
  return sendPage(reply, status, page, 'no-store');
}

async function pageContext(ctx: Pick<AppContext, 'db' | 'clock'>, request: FastifyRequest, status: ItemStatus | null): Promise<ItemPageContext> {
  return { t: translator(pageLanguage(request.headers['accept-language'])), now: ctx.clock.now(), branding: await pageBranding(ctx, status?.accountId ?? null) };
}

function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendErrorPage(
    request,
    reply,
    404,
    () => notFoundPage({ t: translator(pageLanguage(request.headers['accept-language'])) }),
    () => notFoundError('Item'),
  );
}

const gone = () => new AppError('gone', 'This item can no longer be viewed: it expired, reached its view limit or was deleted.');

async function peekOrNull(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>, magic: string): Promise<ItemStatus | null> {
  try {
    return await peekItem(ctx, magic);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
}

/** Registers GET /i/{magic}, POST /i/{magic}/reveal and the QR images /i/{magic}/qr.svg|png; reveals resolve with `limited` (the shared limiter). */
export async function itemPageRoutes(server: FastifyInstance, ctx: AppContext, limited: ResolveContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/i/:magic',
    {
      schema: {
        operationId: 'getItemPage',
        tags: ['items'],
        summary: 'Public page of an item (spends no view)',
        params: magicParam,
        'x-html-errors': true,
        produces: ['text/html'],
        response: { 200: htmlResponse('The public page of the item.'), 404: problem, 410: problem },
      },
    },
    async (request, reply) => {
      const status = await peekOrNull(ctx, request.params.magic);
      if (!status) return notFound(request, reply);
      const page = await pageContext(ctx, request, status);
      if (status.state === 'FINALIZED' || status.state === 'ARCHIVAL') return sendErrorPage(request, reply, 410, () => finalPage(page, status), gone);
      // Relative to /i/{magic}: keeps working when TESSERA_PUBLIC_URL carries a path prefix.
      return html(reply, 200, availablePage(page, status, `${encodeURIComponent(request.params.magic)}/reveal`));
    },
  );

  app.post(
    '/i/:magic/reveal',
    {
      schema: {
        operationId: 'revealItem',
        tags: ['items'],
        summary: 'Reveal an item from its public page (spends one view)',
        params: magicParam,
        'x-html-errors': true,
        // The page's own form posts urlencoded; a script may send JSON.
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        produces: ['text/html'],
        response: { 200: htmlResponse('The page with the content.'), 401: problem, 404: problem, 410: problem, 429: problem },
      },
      bodyLimit: REVEAL_BODY_LIMIT,
    },
    async (request, reply) => {
      const { magic } = request.params;
      const body = request.body as { password?: unknown } | undefined;
      const password = typeof body?.password === 'string' && body.password !== '' ? body.password : undefined;
      // Whose page this is (its branding) is read before the view is spent.
      const page = await pageContext(ctx, request, await peekOrNull(ctx, magic));
      try {
        return html(reply, 200, revealedPage(page, await resolveItem(limited, magic, password, request.ip)));
      } catch (error) {
        // A script gets the item's own problem; a browser the page that says it.
        if (!(error instanceof AppError) || !wantsHtml(request)) throw error;
        switch (error.code) {
          case 'not_found':
            return notFound(request, reply);
          case 'item_expired':
          case 'item_exhausted': {
            const status = await peekOrNull(ctx, magic);
            return status ? html(reply, 410, finalPage(page, status)) : notFound(request, reply);
          }
          case 'item_password_required':
          case 'item_password_invalid': {
            const status = await peekOrNull(ctx, magic);
            if (!status) return notFound(request, reply);
            // The page is the 401's body; its challenge (WWW-Authenticate) comes with the error.
            const attemptsLeft = error.extensions?.attemptsLeft;
            return html(
              reply.headers(error.headers ?? {}),
              401,
              availablePage(page, status, 'reveal', error.code === 'item_password_invalid' ? 'wrong' : 'missing', typeof attemptsLeft === 'number' ? attemptsLeft : undefined),
            );
          }
          case 'too_many_attempts':
          case 'rate_limited': {
            const retryAfter = Number(error.headers?.['retry-after'] ?? 900);
            return html(reply.headers(error.headers ?? {}).header('retry-after', String(retryAfter)), 429, lockedPage(page, retryAfter, error.code === 'rate_limited' ? 'busy' : 'wrong'));
          }
          default:
            throw error;
        }
      }
    },
  );
  // The reveal's address is what the browser shows after the form posts: reopened from the
  // history, a bookmark or a shared link it is a GET, which goes back to the item's page (a
  // person asks for the content again there) instead of a 405 problem. It spends no view.
  app.get(
    '/i/:magic/reveal',
    {
      // A browser's way back, not an operation (like GET /{code}, it has no 2xx to declare).
      schema: { hide: true, params: magicParam },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').redirect(`../${encodeURIComponent(request.params.magic)}`, 303),
  );
  app.get(
    '/i/:magic/qr.svg',
    {
      schema: {
        operationId: 'getItemQrSvg',
        tags: ['items'],
        summary: "The item's QR code (encodes publicUrl) as SVG; spends no view",
        params: magicParam,
        produces: ['image/svg+xml'],
        response: { 200: fileResponse('The QR code as SVG.', ['image/svg+xml']) },
      },
    },
    async (request, reply) => {
      const svg = await itemQrSvg(ctx, request.params.magic);
      return reply.type('image/svg+xml; charset=utf-8').header('content-security-policy', IMAGE_CSP).header('referrer-policy', 'no-referrer').send(svg);
    },
  );

  app.get(
    '/i/:magic/qr.png',
    {
      schema: {
        operationId: 'getItemQrPng',
        tags: ['items'],
        summary: "The item's QR code (encodes publicUrl) as PNG; spends no view",
        params: magicParam,
        querystring: pngSizeQuery(PNG_SIZES.standard),
        produces: ['image/png'],
        response: { 200: withWarningsHeader(fileResponse('The QR code as PNG; lint warnings about the code at this size (too few pixels a module) in `X-QR-Warnings`.', ['image/png'])) },
      },
    },
    async (request, reply) => {
      const { png, warnings } = await itemQrPng(ctx, request.params.magic, request.query.size);
      setWarningsHeader(reply, warnings);
      return reply.type('image/png').header('referrer-policy', 'no-referrer').send(png);
    },
  );
}
