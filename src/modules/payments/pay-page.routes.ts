// The public side of a payment: its code as SVG and PNG (what svg_url / png_url point at). The
// payment id (22 random base62 characters) is the capability, as a short code is for a campaign.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { PNG_SIZE } from '../render/png.ts';
import { findPaymentById } from './payment.repo.ts';
import { paymentPng, paymentSvg } from './payment-render.ts';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } } as const;
// An SVG served from our origin must not be able to run anything, even if opened directly.
const IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";
// The payload never changes, but a canceled or expired payment's code should stop being handed out soon.
const IMAGE_CACHE = 'private, max-age=60';

/** Registers /pay/{id}/qr.svg and /pay/{id}/qr.png. */
export async function payPageRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const load = async (id: string) => {
    const row = await findPaymentById(ctx.db, id);
    if (!row) throw notFound(`Payment ${id}`);
    return row;
  };

  app.get<{ Params: { id: string } }>('/pay/:id/qr.svg', {
    schema: { tags: ['payments'], summary: "The payment's QR code as SVG (ECC and Swiss cross as its scheme prescribes)", params: idParams, produces: ['image/svg+xml'] },
  }, async (request, reply) => {
    const svg = paymentSvg(await load(request.params.id));
    return reply.type('image/svg+xml; charset=utf-8').header('content-security-policy', IMAGE_CSP).header('cache-control', IMAGE_CACHE).header('referrer-policy', 'no-referrer').send(svg);
  });

  app.get<{ Params: { id: string }; Querystring: { size: number } }>('/pay/:id/qr.png', {
    schema: {
      tags: ['payments'],
      summary: "The payment's QR code as PNG",
      params: idParams,
      querystring: { type: 'object', properties: { size: { type: 'integer', minimum: PNG_SIZE.min, maximum: PNG_SIZE.max, default: PNG_SIZE.default, description: 'Width in pixels.' } } },
      produces: ['image/png'],
    },
  }, async (request, reply) => {
    const png = await paymentPng(await load(request.params.id), request.query.size);
    return reply.type('image/png').header('cache-control', IMAGE_CACHE).header('referrer-policy', 'no-referrer').send(png);
  });
}
