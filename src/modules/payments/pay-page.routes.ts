// The public side of a payment: the hosted pay page, its live status, and its code as SVG and PNG
// (what svg_url / png_url point at). The payment id (22 random base62 characters) is the
// capability, as a short code is for a campaign; nothing here is reachable by listing.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { PaymentsTable } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { fileResponse, htmlResponse } from '../../http/openapi-media.ts';
import { IdParams as idParams, StringEnum, Type } from '../../http/schema.ts';
import { pageLanguage, translator } from '../../http/page/language.ts';
import { sendErrorPage, sendPage } from '../../http/page/reply.ts';
import { pageBranding } from '../accounts/index.ts';
import { payNotFoundPage, payPage } from './pay-page.html.ts';
import { PNG_SIZES, pngSizeQuery, setWarningsHeader, withWarningsHeader } from '../render/index.ts';
import { findPaymentById } from './payment.repo.ts';
import { PAYMENT_STATUSES } from './payment.view.ts';
import { paymentCodeImage } from './payment-render.ts';

const PayStatus = Type.Object({ status: StringEnum(PAYMENT_STATUSES) });
// An SVG served from our origin must not be able to run anything, even if opened directly.
// The Swiss cross is a data: image inside the SVG.
const IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
// A closed payment's address stops serving its code (paymentCodeImage): cached for a minute at most.
const IMAGE_CACHE = 'private, max-age=60';
const CLOSED_CODE =
  'While the payment is pending. Once it is paid, canceled, failed or expired (its time up, even before the sweeper records it), the same address serves a word image instead (PAID, CANCELED, CLOSED, EXPIRED), so an invoice or a printed notice that embeds it cannot be paid again; browsers cache the image for at most a minute.';

/** A payment whose time is up reads as expired at once, before the sweeper records it. */
function visibleStatus(row: PaymentsTable, now: number): PaymentsTable['status'] {
  return row.status === 'pending' && row.expires_at <= now ? 'expired' : row.status;
}

/** Registers /pay/{id}, /pay/{id}/status, /pay/{id}/qr.svg and /pay/{id}/qr.png. */
export async function payPageRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const load = async (id: string) => {
    const row = await findPaymentById(ctx.db, id);
    if (!row) throw notFound(`Payment ${id}`);
    return row;
  };

  app.get(
    '/pay/:id',
    {
      schema: {
        tags: ['payments'],
        summary: 'The hosted pay page (payee, amount, code, details to copy, live status)',
        params: idParams,
        'x-html-errors': true,
        produces: ['text/html'],
        response: { 200: htmlResponse('The pay page.') },
      },
    },
    async (request, reply) => {
      const t = translator(pageLanguage(request.headers['accept-language']));
      const row = await findPaymentById(ctx.db, request.params.id);
      if (!row)
        return sendErrorPage(
          request,
          reply,
          404,
          () => payNotFoundPage(t),
          () => notFound('Payment'),
        );
      const branding = await pageBranding(ctx, row.account_id);
      const now = ctx.clock.now();
      // Relative URLs keep working when TESSERA_PUBLIC_URL carries a path prefix.
      const base = encodeURIComponent(row.id);
      return sendPage(reply, 200, payPage({ t, now, branding }, { ...row, status: visibleStatus(row, now) }, { svg: `${base}/qr.svg`, status: `${base}/status` }));
    },
  );

  app.get(
    '/pay/:id/status',
    {
      schema: {
        tags: ['payments'],
        summary: "The payment's status, for the pay page's live update",
        params: idParams,
        response: { 200: PayStatus },
      },
    },
    async (request, reply) => {
      const row = await load(request.params.id);
      return reply.header('cache-control', 'no-store').send({ status: visibleStatus(row, ctx.clock.now()) });
    },
  );

  app.get(
    '/pay/:id/qr.svg',
    {
      schema: {
        tags: ['payments'],
        summary: "The payment's QR code as SVG (ECC and Swiss cross as its scheme prescribes)",
        description: CLOSED_CODE,
        params: idParams,
        produces: ['image/svg+xml'],
        response: { 200: fileResponse('The code as SVG.', ['image/svg+xml']) },
      },
    },
    async (request, reply) => {
      const row = await load(request.params.id);
      const { body: svg } = await paymentCodeImage(row, visibleStatus(row, ctx.clock.now()), 'svg');
      return reply.type('image/svg+xml; charset=utf-8').header('content-security-policy', IMAGE_CSP).header('cache-control', IMAGE_CACHE).header('referrer-policy', 'no-referrer').send(svg);
    },
  );

  app.get(
    '/pay/:id/qr.png',
    {
      schema: {
        tags: ['payments'],
        summary: "The payment's QR code as PNG",
        description: CLOSED_CODE,
        params: idParams,
        querystring: pngSizeQuery(PNG_SIZES.standard),
        produces: ['image/png'],
        response: { 200: withWarningsHeader(fileResponse('The code as PNG; lint warnings about the code at this size (too few pixels a module) in `X-QR-Warnings`.', ['image/png'])) },
      },
    },
    async (request, reply) => {
      const row = await load(request.params.id);
      const { body: png, warnings } = await paymentCodeImage(row, visibleStatus(row, ctx.clock.now()), 'png', request.query.size);
      setWarningsHeader(reply, warnings);
      return reply.type('image/png').header('cache-control', IMAGE_CACHE).header('referrer-policy', 'no-referrer').send(png);
    },
  );
}
