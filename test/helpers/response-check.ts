// Checks every response a test observes against the app's own OpenAPI document: the route must be
// documented, the status declared for its operation, the media type declared for that status, and
// a JSON body (application/json or application/problem+json) must validate against the declared
// schema (components resolved), and every header it declares `required` must be sent (e.g. a 401's
// WWW-Authenticate). createTestApp installs it; close() fails the test on a violation.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// ajv-formats is CommonJS: its module.exports is the plugin, which TypeScript sees as a namespace.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

type Json = Record<string, unknown>;
type Document = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown>; headers?: Record<string, { required?: boolean }> }> }>> };

/** Routes the document leaves out on purpose (its own machinery, the dashboard's files). */
const UNDOCUMENTED = [/^\/openapi\.json$/, /^\/docs(\/|$)/];

/** One response that does not match the document. */
export interface ResponseViolation {
  request: string;
  status: number;
  problem: string;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Fastify's `/a/:id/b` as OpenAPI's `/a/{id}/b`. */
export function openApiPath(fastifyUrl: string): string {
  return fastifyUrl.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Installs the check on `app` (before its routes are added) and returns the list violations go to. */
export function checkResponses(app: FastifyInstance): ResponseViolation[] {
  const violations: ResponseViolation[] = [];
  let ajv: Ajv | undefined;
  let document: Document | undefined;
  const validators = new Map<string, ValidateFunction>();

  const prepare = () => {
    if (document) return;
    document = app.swagger() as unknown as Document;
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    ajv.addSchema(document as unknown as Json, 'openapi.json', undefined, false);
  };

  const validatorFor = (pointer: string): ValidateFunction => {
    let validate = validators.get(pointer);
    if (!validate) {
      validate = ajv!.compile({ $ref: `openapi.json#${pointer}` });
      validators.set(pointer, validate);
    }
    return validate;
  };

  const check = (request: FastifyRequest, reply: FastifyReply, payload: unknown): string | null => {
    const url = request.routeOptions.url;
    if (url === undefined) return null; // not found: no route, no operation
    if (UNDOCUMENTED.some((pattern) => pattern.test(url))) return null;
    if ((request.routeOptions.schema as { hide?: boolean } | undefined)?.hide) return null;
    const method = request.method === 'HEAD' ? 'get' : request.method.toLowerCase();
    prepare();
    const path = openApiPath(url);
    const operation = document!.paths[path]?.[method];
    if (!operation) return `${request.method} ${path} is not in the OpenAPI document`;
    const status = String(reply.statusCode);
    const key = [status, `${status[0]}XX`, 'default'].find((candidate) => operation.responses?.[candidate]);
    if (!key) return `status ${status} is not declared (declared: ${Object.keys(operation.responses ?? {}).join(', ')})`;
    const declared = operation.responses![key]!;
    const missing = Object.entries(declared.headers ?? {}).find(([name, header]) => header.required && reply.getHeader(name) === undefined);
    if (missing) return `the required header ${missing[0]} is not sent with ${key}`;
    const contentType = String(reply.getHeader('content-type') ?? '')
      .split(';')[0]!
      .trim();
    const hasBody = payload !== undefined && payload !== null && payload !== '' && request.method !== 'HEAD';
    if (!hasBody) return null;
    if (!declared.content) return `a ${contentType || 'body'} is sent, but ${key} declares no content`;
    if (!declared.content[contentType]) return `media type ${contentType} is not declared for ${key} (declared: ${Object.keys(declared.content).join(', ')})`;
    if (!/json$/.test(contentType) || typeof payload !== 'string') return null;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return `the ${contentType} body is not JSON`;
    }
    const pointer = `/paths/${escapePointer(path)}/${method}/responses/${key}/content/${escapePointer(contentType)}/schema`;
    const validate = validatorFor(pointer);
    if (validate(body)) return null;
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
    return `the body does not match the ${key} schema: ${errors.join('; ')}`;
  };

  app.addHook('onSend', async (request, reply, payload) => {
    const problem = check(request, reply, payload);
    if (problem) violations.push({ request: `${request.method} ${request.url.split('?')[0]}`, status: reply.statusCode, problem });
    return payload;
  });
  return violations;
}
