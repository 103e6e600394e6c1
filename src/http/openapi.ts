// OpenAPI 3 generated from the route schemas, served at /openapi.json, with a readable reference at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { csrfForSession } from './docs-session.ts';
import { DOCS_CSS, docsAccessibility, nameServerPicker, swaggerDownloadUrl } from './docs-ui.ts';
import { documentedComponents } from './openapi-components.ts';
import { finishDocument } from './openapi-finish.ts';
import { compressedDocument } from './compressed-document.ts';

/** Registers the OpenAPI generator and the docs UI; must run before any route is added. */
export async function registerOpenApi(app: FastifyInstance, publicUrl: string): Promise<void> {
  // Both addresses of the description (ours, and the one the docs page loads) go out compressed.
  app.addHook('onRoute', (route) => {
    if ((route.url === '/openapi.json' || route.url === '/docs/json') && [route.method].flat().includes('GET')) {
      route.onSend = [...(Array.isArray(route.onSend) ? route.onSend : route.onSend ? [route.onSend] : []), compressedDocument()];
    }
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera API',
        version: '0.1.0',
        license: { name: 'MIT', identifier: 'MIT' },
        description: [
          'Tessera: designed QR codes, dynamic and morphing codes, campaigns, ephemeral items, hosted pages and signed webhooks, self-hosted.',
          '',
          '**Authentication.** Send a `sec1-…` API key in `X-API-Key` or as `Authorization: Bearer` (use *Authorize*). In a browser signed in to the dashboard, the session cookie is sent too; every write made with it needs the `X-CSRF-Token` header, whose value is `csrf_token` from `GET /api/v1/auth/me` (Try-it on this page adds it for you).',
          '',
          '**Errors** are RFC 9457 problem documents (`application/problem+json`) with a stable `code`, listed at `/problems`. **Creates** take an `Idempotency-Key`. Conventions (ids, casing, pagination, timestamps, rate limits): `docs/api-conventions.md`.',
        ].join('\n'),
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
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // The page is Tessera's reference, titled by the document's info ("Tessera API"), not Swagger's top bar.
    theme: { title: 'Tessera API reference', css: [{ filename: 'tessera.css', content: DOCS_CSS }] },
    // withCredentials: Try-it sends the dashboard's session cookie when the reader is signed in;
    // csrfForSession adds that session's X-CSRF-Token to writes.
    uiConfig: {
      deepLinking: true,
      persistAuthorization: true,
      withCredentials: true,
      displayOperationId: true,
      docExpansion: 'list',
      tryItOutEnabled: true,
      // Swagger UI's request objects are plain objects, not the DOM Request its types name.
      requestInterceptor: csrfForSession as never,
      // Accessibility repairs (docs-ui.ts): axe-core reads the page clean.
      plugins: [swaggerDownloadUrl, docsAccessibility] as never,
      onComplete: nameServerPicker,
      // Swagger UI ships `idea` (light; every token colour at 4.5:1 or more); the plugin's types list only the dark themes.
      syntaxHighlight: { activated: true, theme: 'idea' } as never,
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
