// The response check (test/helpers/response-check.ts) catches what it is there for: an undeclared
// status, an undeclared media type, a body outside its schema, a route missing from the document.
import swagger from '@fastify/swagger';
import Fastify, { type FastifyReply } from 'fastify';
import { expect, it } from 'vitest';
import { checkResponses } from '../helpers/response-check.ts';

it('records responses that do not match the document and passes those that do', async () => {
  const app = Fastify();
  await app.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 't', version: '1' } } });
  const violations = checkResponses(app);
  const thing = { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['a', 'b'] } } };
  app.get('/good', { schema: { response: { 200: thing } } }, async () => ({ kind: 'a' }));
  app.get('/enum', { schema: { response: { 200: thing } } }, async () => ({ kind: 'z' }));
  app.get('/status', { schema: { response: { 200: thing } } }, async (_request, reply: FastifyReply) => reply.status(201).send({ kind: 'a' }));
  app.get('/type', { schema: { response: { 200: thing } } }, async (_request, reply) => reply.type('text/plain').send('hello'));
  app.get('/hidden', { schema: { hide: true } }, async () => ({ any: 1 }));
  await app.ready();
  for (const url of ['/good', '/enum', '/status', '/type', '/hidden']) await app.inject({ method: 'GET', url });
  expect(violations.map((v) => v.request)).toEqual(['GET /enum', 'GET /status', 'GET /type']);
  expect(violations[0]!.problem).toContain('/kind must be equal to one of the allowed values');
  expect(violations[1]!.problem).toContain('status 201 is not declared');
  expect(violations[2]!.problem).toContain('media type text/plain is not declared');
  await app.close();
});
