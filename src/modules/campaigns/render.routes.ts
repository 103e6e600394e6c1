// GET /api/render/{short_code}.svg and .png?size=N: the image of a static or dynamic code.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { prepareRender, type RenderFormat } from './render.service.ts';

const FILE = /^([A-Za-z0-9]{1,32})\.(svg|png)$/;
/** PNG edge length bounds and default, in pixels. */
export const PNG_SIZE = { min: 64, max: 2048, default: 512 } as const;
const problem = { description: 'problem+json (RFC 9457)', type: 'object', additionalProperties: true } as const;

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}

/** Registers the render route. */
export async function renderRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Params: { file: string }; Querystring: { size: number } }>(
    '/api/render/:file',
    {
      schema: {
        tags: ['render'],
        summary: 'Render a code as SVG or PNG with its saved design',
        description:
          '`{short_code}.svg` or `{short_code}.png?size=64–2048`. Cacheable (ETag, 5 minutes). Unknown codes 404, archived campaigns 410. Morphing codes use signed URLs (`?t=&sig=`).',
        params: { type: 'object', properties: { file: { type: 'string', maxLength: 40, examples: ['Xk4mP9q.svg'] } }, required: ['file'] },
        querystring: { type: 'object', properties: { size: { type: 'integer', minimum: PNG_SIZE.min, maximum: PNG_SIZE.max, default: PNG_SIZE.default } } },
        response: { 200: { description: 'The image', type: 'string' }, 304: { description: 'Not modified', type: 'null' }, 404: problem, 410: problem },
      },
    },
    async (request, reply) => {
      const match = FILE.exec(request.params.file);
      if (!match) throw new AppError('not_found', `'${request.params.file}' is not a render path; use /api/render/{short_code}.svg or .png.`);
      const prepared = await prepareRender(ctx, match[1]!, match[2] as RenderFormat, request.query.size);
      reply.header('etag', prepared.etag).header('cache-control', 'public, max-age=300');
      if (etagMatches(request.headers['if-none-match'], prepared.etag)) return reply.status(304).send();
      const body = await prepared.render();
      return reply.type(prepared.contentType).send(body);
    },
  );
}
