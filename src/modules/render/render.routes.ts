// POST /api/v1/qrs/render: text + design → SVG or PNG, lint warnings in a header.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { renderImage } from './render.service.ts';
import { setWarningsHeader, WARNINGS_HEADER_DOC } from './warnings-header.ts';
import { SIGNED_IN } from '../../http/auth.ts';
import { RenderBody } from './render.schemas.ts';
import { Type } from '../../http/schema.ts';

/** Registers the ad-hoc render endpoint. */
export async function renderRoutes(server: FastifyInstance, _ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/qrs/render',
    {
      bodyLimit: 512 * 1024,
      schema: {
        tags: ['qr'],
        summary: 'Render a QR code for any text with a design',
        description:
          'Returns `image/svg+xml` or `image/png`. Lint warnings (low contrast, small quiet zone…) come back as JSON in the `X-QR-Warnings` header; ' +
          'designs that would not scan are refused with 400 `design_unscannable`, content that does not fit with 400 `content_too_long`.',
        security: SIGNED_IN,
        body: RenderBody,
        response: {
          200: {
            description: 'The image',
            headers: { ...WARNINGS_HEADER_DOC, 'X-QR-Version': { type: 'string', description: 'The QR version (1–40) the content needed.' } },
            content: { 'image/svg+xml': { schema: Type.Unsafe<string>({ type: 'string' }) }, 'image/png': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } },
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const image = await renderImage({ data: body.data, design: body.design_config, format: body.format ?? 'svg', size: body.size });
      reply.header('content-type', image.contentType).header('cache-control', 'no-store').header('x-qr-version', String(image.version));
      setWarningsHeader(reply, image.warnings);
      return reply.send(image.body);
    },
  );
}
