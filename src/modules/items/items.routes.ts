// The items API (/api/v0/items, the resolution-layer seed) and the public page (/i/{magic}).
import formbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { MemoryRateLimiter } from '../../http/rate-limit.ts';
import { itemPageRoutes } from './items.page.ts';
import { createItemSchema, deleteItemSchema, resolveItemSchema } from './items.schemas.ts';
import { createItem, deleteItem, probeItem, resolveItem } from './items.service.ts';

// Content is capped at 64 KiB of UTF-8; JSON escaping can grow it up to six-fold, so the body
// limit leaves room for that while still refusing absurd bodies before parsing.
const CREATE_BODY_LIMIT = 512 * 1024;

/** A header value as UTF-8 text: Node reads header bytes as latin1, clients send UTF-8. */
export function headerText(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value[0]! : value;
  if (!/[\u0080-\u00ff]/.test(text)) return text;
  const decoded = Buffer.from(text, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? text : decoded;
}

/** Registers the items API and the items' public pages. */
export async function itemsRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  // Resolutions are consumptive events: no cache or intermediary may keep or replay one.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  // Form posts from the public page only; the rest of the app stays JSON-only.
  await app.register(formbody);

  // buildApp always sets the shared limiter; an app built without one still limits, per instance.
  const limited = { db: ctx.db, clock: ctx.clock, config: ctx.config, rateLimiter: ctx.rateLimiter ?? new MemoryRateLimiter() };
  app.post('/api/v0/items', { schema: createItemSchema, bodyLimit: CREATE_BODY_LIMIT }, async (request, reply) => {
    const item = await createItem(limited, { ...request.body, accountId: request.principal?.accountId ?? null, clientIp: request.ip });
    return reply.status(201).header('x-content-hmac', item.contentHmac).send(item);
  });

  app.get(
    '/api/v0/items/:magic',
    {
      schema: resolveItemSchema,
      // Only a GET that returns the content spends a view: a link checker's HEAD learns the status.
      config: {
        head: async (request, reply) => {
          await probeItem(ctx, (request.params as { magic: string }).magic);
          return reply.send();
        },
      },
    },
    async (request, reply) => {
      const item = await resolveItem(limited, request.params.magic, headerText(request.headers['x-qr-password']), request.ip);
      return reply.header('x-content-hmac', item.contentHmac).send(item);
    },
  );

  app.delete('/api/v0/items/:magic', { schema: deleteItemSchema }, async (request, reply) => {
    await deleteItem(ctx, request.params.magic, headerText(request.headers['x-delete-token']));
    return reply.status(204).send();
  });

  await itemPageRoutes(server, ctx, limited);
}
