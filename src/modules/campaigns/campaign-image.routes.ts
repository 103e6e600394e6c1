// GET /api/render/{short_code}.svg and .png?size=N: the image of a static or dynamic code.
import { fileResponse } from '../../http/openapi-media.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { PNG_SIZES, setWarningsHeader, withWarningsHeader } from '../render/index.ts';
import { prepareRender, type RenderFormat } from './campaign-image.service.ts';
import { Problem as problem } from '../../http/schema.ts';
import { NotModified, RenderFileParams, RenderQuery } from './campaign.schemas.ts';

const FILE = /^([A-Za-z0-9]{1,32})\.(svg|png)$/;
const SIZES = PNG_SIZES.campaignImage;

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}

// What a render answer carries besides the image, as the OpenAPI document states it.
const RENDER_HEADERS = {
  ETag: { type: 'string', description: 'The image version (design, content, format and size); send it back in If-None-Match for a 304. Not on morphing codes.' },
  'Cache-Control': { type: 'string', description: '`public, max-age=300`; `no-store` for a morphing code.' },
  'X-Tessera-Render': { type: 'string', enum: ['live', 'expired'], description: 'Morphing codes only: the live image, or the red EXPIRED one.' },
  'X-Tessera-Render-Reason': {
    type: 'string',
    enum: ['missing', 'malformed', 'invalid', 'expired', 'ended', 'archived'],
    description: "Why the EXPIRED image was drawn (`ended`: the campaign's `active_until` has passed; `archived`: the campaign is archived).",
  },
} as const;

function withRenderHeaders<T extends object>(schema: T): T {
  const own = (schema as { headers?: object }).headers;
  return { ...schema, headers: { ...own, ...RENDER_HEADERS } };
}

/** Registers the route serving campaign codes' images. */
export async function campaignRenderRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/render/:file',
    {
      schema: {
        operationId: 'renderCampaignImage',
        tags: ['render'],
        summary: 'Render a code as SVG or PNG with its saved design',
        description:
          `\`{short_code}.svg\` or \`{short_code}.png?size=${SIZES.min}–${SIZES.max}\`. Cacheable (ETag, 5 minutes). Unknown codes 404, archived campaigns 410.\n\n` +
          "**Morphing codes** need a signed URL: `t` = milliseconds since the epoch, `sig` = hex HMAC-SHA256 of `t`'s decimal string keyed by the code's `secret_key`. " +
          'Valid for TESSERA_MORPH_TTL_SECONDS (30 s) after `t`, and up to 5 s before it. The live image encodes `{public_url}/{short_code}?k={token}` with a token that changes every step. ' +
          'A missing, malformed, invalid or expired signature is answered with **200** and a red "EXPIRED" image (so `<img>` tags show it), with `X-Tessera-Render: expired` and `X-Tessera-Render-Reason: missing|malformed|invalid|expired`; ' +
          "so is a valid one from the campaign's `active_until` on (`X-Tessera-Render-Reason: ended`), and any render of an archived morphing code (`archived`; other archived codes answer 410); " +
          'a live image has `X-Tessera-Render: live`. Both are `Cache-Control: no-store`.',
        params: RenderFileParams,
        querystring: RenderQuery,
        response: {
          200: withRenderHeaders(
            withWarningsHeader(fileResponse('The image (SVG or PNG, after the file extension); lint warnings about the code at this size in `X-QR-Warnings`.', ['image/svg+xml', 'image/png'])),
          ),
          304: { ...NotModified, headers: { ETag: RENDER_HEADERS.ETag, 'Cache-Control': RENDER_HEADERS['Cache-Control'] } },
          404: problem,
          410: problem,
        },
      },
    },
    async (request, reply) => {
      const match = FILE.exec(request.params.file);
      if (!match) throw new AppError('not_found', `'${request.params.file}' is not a render path; use /api/render/{short_code}.svg or .png.`);
      const prepared = await prepareRender(ctx, match[1]!, match[2] as RenderFormat, request.query.size, request.query);
      if (prepared.kind === 'signed') {
        const image = await prepared.render();
        reply.header('cache-control', 'no-store').header('x-tessera-render', image.state);
        if (image.reason) reply.header('x-tessera-render-reason', image.reason);
        setWarningsHeader(reply, image.warnings);
        return reply.type(image.contentType).send(image.body);
      }
      reply.header('etag', prepared.etag).header('cache-control', 'public, max-age=300');
      if (etagMatches(request.headers['if-none-match'], prepared.etag)) return reply.status(304).send();
      const { body, warnings } = await prepared.render();
      setWarningsHeader(reply, warnings);
      return reply.type(prepared.contentType).send(body);
    },
  );
}
