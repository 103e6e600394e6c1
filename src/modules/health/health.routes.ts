// Liveness and readiness. /readyz is what a load balancer asks before sending traffic.
import type { AppContext } from '../../context.ts';
import type { FastifyInstance } from 'fastify';
import { checkReadiness } from './health.service.ts';

/** Registers /healthz and /readyz. */
export async function healthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'The process is alive', response: { 200: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } } } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database is reachable and migrated',
        response: {
          200: { type: 'object', required: ['status', 'database'], properties: { status: { type: 'string', enum: ['ready'] }, database: { type: 'string', enum: ['sqlite', 'postgres'] } } },
          503: { description: 'Not ready: the database is unreachable or not migrated.', type: 'object', required: ['status', 'reason'], properties: { status: { type: 'string', enum: ['not_ready'] }, reason: { type: 'string' } } },
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const readiness = await checkReadiness(ctx.db, ctx.dialect);
      if (!readiness.ready) return reply.status(503).send({ status: 'not_ready', reason: readiness.reason });
      return { status: 'ready', database: ctx.dialect };
    },
  );
}
