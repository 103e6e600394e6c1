// The method rules on a bare Fastify instance: HEAD of a GET that changes state never runs the GET
// handler, and the Allow list a 405 carries.
import Fastify, { type FastifyError, type FastifyReply } from 'fastify';
import { describe, expect, it } from 'vitest';
import { installMethodRules } from '../../src/http/methods.ts';
import { toAppError } from '../../src/http/problem.ts';

async function appWith(routes: (app: ReturnType<typeof Fastify>) => void) {
  const app = Fastify();
  const allowed = installMethodRules(app);
  app.setErrorHandler((error, _request, reply) => {
    const e = toAppError(error as FastifyError);
    return reply
      .status(e.status)
      .headers(e.headers ?? {})
      .send({ code: e.code });
  });
  routes(app);
  await app.ready();
  return { app, allowed };
}

describe('method rules', () => {
  it('HEAD of a GET marked head: false is a 405 naming the other methods, and the GET handler never runs', async () => {
    let runs = 0;
    const { app } = await appWith((app) => {
      app.get('/spend', { config: { head: false } }, async () => ({ spent: ++runs }));
      app.delete('/spend', async () => ({}));
      app.get('/plain', async () => ({ runs: ++runs }));
    });
    const head = await app.inject({ method: 'HEAD', url: '/spend' });
    expect(head.statusCode).toBe(405);
    expect(head.headers.allow).toBe('DELETE, GET');
    expect(runs).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/spend' })).json()).toEqual({ spent: 1 });
    // An ordinary GET keeps Fastify's HEAD (same handler, no body).
    expect((await app.inject({ method: 'HEAD', url: '/plain' })).statusCode).toBe(200);
    expect(runs).toBe(2);
  });

  it('a head handler answers HEAD instead of the GET handler', async () => {
    const { app } = await appWith((app) => {
      app.get('/x/:id', { config: { head: async (_request: unknown, reply: FastifyReply) => reply.status(204).send() } }, async () => {
        throw new Error('GET handler ran for HEAD');
      });
    });
    expect((await app.inject({ method: 'HEAD', url: '/x/1' })).statusCode).toBe(204);
  });

  it('lists the methods a concrete path is served with; OPTIONS alone does not make a path known', async () => {
    const { allowed } = await appWith((app) => {
      app.get('/a/:id', async () => ({}));
      app.put('/a/:id', async () => ({}));
      app.options('*', async () => ({}));
    });
    expect(allowed('/a/7?x=1')).toEqual(['GET', 'HEAD', 'OPTIONS', 'PUT']);
    expect(allowed('/b')).toEqual([]);
  });
});
