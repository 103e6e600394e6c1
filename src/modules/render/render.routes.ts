// POST /api/v1/qrs/render: text + design → SVG or PNG, lint warnings in a header.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { jsonHeaderValue } from '../../http/header-json.ts';
import { DESIGN_CONFIG_SCHEMA } from '../../qr/index.ts';
import { PNG_SIZE } from './png.ts';
import { renderImage } from './render.service.ts';
import { SIGNED_IN } from '../../http/auth.ts';

interface RenderBody {
  data: string;
  design_config?: Record<string, unknown>;
  format?: 'svg' | 'png';
  size?: number;
}

/** Registers the ad-hoc render endpoint. */
export async function renderRoutes(app: FastifyInstance, _ctx: AppContext): Promise<void> {
  app.post<{ Body: RenderBody }>(
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
        body: {
          type: 'object',
          required: ['data'],
          additionalProperties: false,
          properties: {
            data: { type: 'string', minLength: 1, maxLength: 7089, description: 'Text to encode (UTF-8).' },
            // Described, not validated, here: parseDesign is the one validator and names allowed values.
            design_config: { type: 'object', description: `Design; \`{}\` is plain black on white. ${(DESIGN_CONFIG_SCHEMA as { description: string }).description}` },
            format: { type: 'string', enum: ['svg', 'png'], default: 'svg' },
            size: { type: 'integer', minimum: PNG_SIZE.min, maximum: PNG_SIZE.max, default: PNG_SIZE.default, description: 'Width in pixels.' },
          },
        },
        response: {
          200: { description: 'The image', content: { 'image/svg+xml': { schema: { type: 'string' } }, 'image/png': { schema: { type: 'string', format: 'binary' } } } },
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const image = await renderImage({ data: body.data, design: body.design_config, format: body.format ?? 'svg', size: body.size ?? PNG_SIZE.default });
      reply.header('content-type', image.contentType).header('cache-control', 'no-store').header('x-qr-version', String(image.version));
      if (image.warnings.length) reply.header('x-qr-warnings', jsonHeaderValue(image.warnings.map((w) => ({ code: w.code, field: w.field, message: w.message }))));
      return reply.send(image.body);
    },
  );
}
