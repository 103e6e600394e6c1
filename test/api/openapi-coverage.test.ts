// Every route Fastify serves is in the OpenAPI document (unless deliberately hidden), with an
// operationId, a tag, the security the auth hook enforces on it, the CSRF header where a session
// may write, Idempotency-Key where the route honours it, and its error responses as problem+json.
// (Every response the API tests observe is checked against the same document: test/helpers/response-check.ts.)
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { openApiPath } from '../helpers/response-check.ts';

type Parameter = { in: string; name: string; required?: boolean };
type Operation = {
  operationId?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Parameter[];
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: { $ref?: string; required?: string[] } }> };
};
type Spec = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };

interface SeenRoute {
  method: string;
  url: string;
  hidden: boolean;
  auth: 'required' | 'optional' | undefined;
  idempotent: boolean;
  bodyOptional: boolean;
}

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

describeDialects('OpenAPI coverage', (dialect) => {
  let t: TestApp;
  let spec: Spec;
  const routes: SeenRoute[] = [];
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      instrument: (app) =>
        app.addHook('onRoute', (route: RouteOptions) => {
          const methods = Array.isArray(route.method) ? route.method : [route.method];
          const schema = (route.schema ?? {}) as { hide?: boolean; 'x-idempotent'?: boolean; 'x-body-optional'?: boolean };
          for (const method of methods) {
            routes.push({
              method: method.toLowerCase(),
              url: route.url,
              hidden: schema.hide === true,
              auth: route.config?.auth,
              idempotent: schema['x-idempotent'] === true,
              bodyOptional: schema['x-body-optional'] === true,
            });
          }
        }),
    });
    spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as Spec;
  });
  afterAll(async () => t.close());

  const documented = () => routes.filter((r) => !r.hidden && r.method !== 'head' && r.method !== 'options');

  it('every route is documented with a unique operationId and a tag', () => {
    expect(documented().length).toBeGreaterThan(70);
    const missing = documented().filter((r) => !spec.paths[openApiPath(r.url)]?.[r.method]);
    expect(missing.map((r) => `${r.method.toUpperCase()} ${r.url}`)).toEqual([]);
    const ids = new Set<string>();
    for (const r of documented()) {
      const op = spec.paths[openApiPath(r.url)]![r.method]!;
      expect(op.operationId, `${r.method} ${r.url}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(ids.has(op.operationId!), `duplicate operationId ${op.operationId}`).toBe(false);
      ids.add(op.operationId!);
      expect(op.tags?.length, `${r.method} ${r.url} has no tag`).toBeGreaterThan(0);
    }
    // And nothing documented that no route serves.
    const served = new Set(documented().map((r) => `${r.method} ${openApiPath(r.url)}`));
    const ghosts = Object.entries(spec.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
      .filter((key) => !served.has(key));
    expect(ghosts).toEqual([]);
  });

  it('the documented security is what the auth hook enforces: public routes say security: []', () => {
    for (const r of documented()) {
      const op = spec.paths[openApiPath(r.url)]![r.method]!;
      const where = `${r.method.toUpperCase()} ${r.url}`;
      expect(Array.isArray(op.security), `${where} declares no security`).toBe(true);
      const security = op.security!;
      const anonymousAllowed = security.some((requirement) => Object.keys(requirement).length === 0);
      if (r.auth === undefined) expect(security, where).toEqual([]);
      if (r.auth === 'required') expect(security.length > 0 && !anonymousAllowed, where).toBe(true);
      if (r.auth === 'optional') expect(anonymousAllowed && security.length > 1, where).toBe(true);
      for (const requirement of security) for (const scheme of Object.keys(requirement)) expect(spec.components.securitySchemes[scheme], `${where}: ${scheme}`).toBeDefined();
      const sessionWrite = UNSAFE.has(r.method) && security.some((requirement) => 'session' in requirement);
      const csrf = op.parameters?.find((p) => p.in === 'header' && p.name === 'X-CSRF-Token');
      expect(Boolean(csrf), `${where}: X-CSRF-Token ${sessionWrite ? 'missing' : 'where no session writes'}`).toBe(sessionWrite);
      const idempotency = op.parameters?.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
      if (r.idempotent) expect(idempotency, `${where}: Idempotency-Key`).toBeDefined();
    }
  });

  // HTTP reads header names in any case, but the typed client's types take them as the document
  // spells them: a TypeScript user copying the items seed's `X-QR-Password` must not meet a type error.
  it('spells request headers as the seeds and their clients write them (X-QR-Password, X-Delete-Token)', () => {
    const header = (path: string, method: string) => spec.paths[path]?.[method]?.parameters?.filter((p) => p.in === 'header').map((p) => p.name);
    expect(header('/api/v0/items/{magic}', 'get')).toEqual(['X-QR-Password']);
    expect(header('/api/v0/items/{magic}', 'delete')).toEqual(['X-Delete-Token']);
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const p of op.parameters ?? []) if (p.in === 'header') expect(p.name, `${method.toUpperCase()} ${path}`).not.toBe(p.name.toLowerCase());
      }
    }
  });

  it('every operation declares its errors as problem+json, with the statuses its security and inputs make possible', () => {
    for (const r of documented()) {
      const op = spec.paths[openApiPath(r.url)]![r.method]!;
      const where = `${r.method.toUpperCase()} ${r.url}`;
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => /^[23]/.test(s)),
        `${where}: no success response`,
      ).toBe(true);
      for (const status of ['400', '500', '503']) expect(statuses, where).toContain(status);
      if (r.auth === 'required') for (const status of ['401', '403', '429']) expect(statuses, where).toContain(status);
      if (r.url.includes(':')) expect(statuses, where).toContain('404');
      if (UNSAFE.has(r.method)) for (const status of ['413', '415']) expect(statuses, where).toContain(status);
      if (r.idempotent) for (const status of ['409', '422']) expect(statuses, where).toContain(status);
      for (const status of statuses.filter((s) => Number(s) >= 400 && s !== '503')) {
        expect(op.responses[status]!.content?.['application/problem+json'], `${where} ${status}`).toEqual({ schema: { $ref: '#/components/schemas/Problem' } });
      }
    }
  });

  it('names a component schema for every resource, and every $ref resolves', () => {
    for (const name of [
      'Campaign',
      'CampaignList',
      'Template',
      'TemplateList',
      'Item',
      'WebhookEndpoint',
      'WebhookDelivery',
      'WebhookSecret',
      'ApiKey',
      'Problem',
      'HostedPage',
      'HostedPageInput',
      'PageBlock',
      'DesignConfig',
      'PublicPage',
      'AnalyticsTimeline',
      'AnalyticsOverview',
      'AnalyticsOsBreakdown',
      'ErrorCode',
    ]) {
      expect(spec.components.schemas[name], name).toBeDefined();
    }
    const refs = JSON.stringify(spec).match(/"\$ref":"#\/components\/schemas\/[A-Za-z0-9]+"/g) ?? [];
    for (const ref of new Set(refs)) expect(spec.components.schemas[ref.split('/').at(-1)!.replace('"', '')], ref).toBeDefined();
  });

  it('a request body is required except where every field is optional and the route takes none as {}', () => {
    const optional: string[] = [];
    for (const route of documented()) {
      const operation = spec.paths[openApiPath(route.url)]?.[route.method];
      if (!operation?.requestBody) continue;
      expect(operation.requestBody.required, `${route.method} ${route.url}`).toBe(!route.bodyOptional);
      if (!route.bodyOptional) continue;
      optional.push(`${route.method} ${route.url}`);
      const schema = operation.requestBody.content['application/json']!.schema;
      const resolved = (schema.$ref ? spec.components.schemas[schema.$ref.split('/').at(-1)!] : schema) as { required?: string[] };
      expect(resolved.required ?? [], `${route.method} ${route.url}`).toEqual([]);
    }
    // The two the seeds' curl examples call without a body.
    expect(optional.sort()).toEqual(['post /api/v1/merchant/api-keys/secret/regenerate', 'post /api/v1/merchant/webhooks/secret/rotate']);
  });

  it('binary and redirect responses are typed as what they are', () => {
    expect(Object.keys(spec.paths['/api/render/{file}']!.get!.responses['200']!.content!)).toEqual(['image/svg+xml', 'image/png']);
    expect(Object.keys(spec.paths['/api/v1/analytics/campaign/{id}/export.csv']!.get!.responses['200']!.content!)).toEqual(['text/csv']);
    expect(Object.keys(spec.paths['/api/v1/forms/campaign/{id}/export.csv']!.get!.responses['200']!.content!)).toEqual(['text/csv']);
    expect(Object.keys(spec.paths['/i/{magic}/qr.png']!.get!.responses['200']!.content!)).toEqual(['image/png']);
    const follow = spec.paths['/{code}']!.get!;
    expect(Object.keys(follow.responses).filter((s) => /^[23]/.test(s))).toEqual(['301', '302']);
    expect(follow.responses['302']!.headers).toHaveProperty('location');
  });

  it('declares the response headers the API sends: request id everywhere, replays on idempotent creates, rate limits on signed-in routes, caching on images', () => {
    const headersOf = (path: string, method: string, status: string) => Object.keys(spec.paths[path]![method]!.responses[status]!.headers ?? {});
    for (const [path, method] of Object.entries({ '/api/v1/campaigns': 'post', '/api/v1/qrs/bulk': 'post' })) {
      expect(headersOf(path, method, path.endsWith('bulk') ? '200' : '201')).toEqual(
        expect.arrayContaining(['X-Request-Id', 'Idempotent-Replayed', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']),
      );
      expect(headersOf(path, method, '429')).toEqual(expect.arrayContaining(['Retry-After', 'RateLimit-Reset']));
    }
    expect(headersOf('/api/v1/campaigns', 'get', '200')).not.toContain('Idempotent-Replayed');
    expect(headersOf('/healthz', 'get', '200')).toEqual(['X-Request-Id']);
    expect(headersOf('/api/render/{file}', 'get', '200')).toEqual(expect.arrayContaining(['X-QR-Warnings', 'ETag', 'Cache-Control', 'X-Tessera-Render', 'X-Tessera-Render-Reason', 'X-Request-Id']));
    expect(headersOf('/api/render/{file}', 'get', '304')).toEqual(expect.arrayContaining(['ETag']));
    const declared = (spec.components as { headers?: Record<string, unknown> }).headers ?? {};
    for (const name of ['X-Request-Id', 'Idempotent-Replayed', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']) expect(declared[name], name).toBeDefined();
  });
});
