// Liveness and readiness. /readyz is what a load balancer asks before sending traffic.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import type { FastifyInstance } from 'fastify';
import { Alive, NotReady, Ready } from './health.schemas.ts';
import { checkReadiness } from './health.service.ts';

/** Registers /healthz and /readyz. */
export async function healthRoutes(server: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/healthz', { schema: { tags: ['health'], summary: 'The process is alive', response: { 200: Alive } } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' as const };
  });
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database is reachable and migrated',
        response: {
          200: Ready,
          503: NotReady,
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const readiness = await checkReadiness(ctx);
      if (!readiness.ready) return reply.status(503).send({ status: 'not_ready' as const, reason: readiness.reason });
      return { status: 'ready' as const, database: ctx.dialect };
    },
  );
}
