// OpenAPI 3 generated from the route schemas, served at /openapi.json, with a readable reference at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { documentedComponents } from './openapi-components.ts';
import { finishDocument } from './openapi-finish.ts';

/** Registers the OpenAPI generator and the docs UI; must run before any route is added. */
export async function registerOpenApi(app: FastifyInstance, publicUrl: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera API',
        version: '0.1.0',
        license: { name: 'MIT', identifier: 'MIT' },
        description:
          'Self-hostable QR platform. Errors are RFC 9457 problem+json documents (`application/problem+json`) with a stable `code`; see `/problems/{code}`.',
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: '`sec1-…` secret key' },
          bearer: { type: 'http', scheme: 'bearer', description: '`sec1-…` secret key as a Bearer token' },
          session: { type: 'apiKey', in: 'cookie', name: 'tessera_session', description: 'Dashboard session cookie' },
        },
      },
    },
    transformObject: (generated) => finishDocument(('openapiObject' in generated ? generated.openapiObject : generated.swaggerObject) as Record<string, unknown>, documentedComponents()),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { deepLinking: true } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
