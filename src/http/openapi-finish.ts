// The last pass over the generated OpenAPI document: the conventions every operation shares are
// declared here once instead of on 70-odd routes, so a new route cannot forget them:
//  - an operationId (derived from method and path unless the route names one) and `security: []`
//    on routes that declare no security (public);
//  - the X-CSRF-Token header on cookie-authenticated writes, Idempotency-Key on idempotent creates;
//  - every 4xx/5xx as application/problem+json (the shared `Problem` schema), with the registry
//    codes that status can carry; 400 on every operation (the edge input guard answers it for any
//    route), 401/403/429 on signed-in routes, 404 on routes with path parameters;
//  - schemas marked with a `title` hoisted into components.schemas and referenced by `$ref`.
import { challengeFor, ERROR_CODES, type ErrorCode } from '../errors.ts';

type Json = Record<string, unknown>;
type Operation = Json & { responses?: Record<string, Json>; parameters?: Json[]; security?: Array<Record<string, string[]>>; operationId?: string };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);
// The schema extension of idempotent routes (src/modules/idempotency reads the same one).
const IDEMPOTENT_EXTENSION = 'x-idempotent';
// The schema extension of routes that answer errors with an HTML page to browsers (see openapi-media.ts).
const HTML_ERRORS_EXTENSION = 'x-html-errors';
// The schema extension of routes whose body may be left out (src/http/body-parsers.ts reads the same one).
const OPTIONAL_BODY_EXTENSION = 'x-body-optional';

/** The problem document every error is. */
export const PROBLEM_COMPONENT = {
  type: 'object',
  description: 'An RFC 9457 problem document. `code` is stable and listed at `/problems`; `errors` lists the fields a 400 refused.',
  required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'Where the code is described: `{public URL}/problems/{code}`.' },
    title: { type: 'string', description: 'The fixed title of the code.' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'What went wrong with this request and what to do about it.' },
    code: { type: 'string', enum: Object.keys(ERROR_CODES), description: 'The stable error code.' },
    requestId: { type: 'string', description: 'Also sent as X-Request-Id; quote it when asking about a failure.' },
    instance: { type: 'string', description: 'The request path.' },
    errors: {
      type: 'array',
      description: 'Every refused field (validation).',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string', examples: ['body/urls/3'] }, message: { type: 'string' } } },
    },
  },
  additionalProperties: true,
  examples: [
    {
      type: 'http://127.0.0.1:8080/problems/validation_failed',
      title: 'The request is not valid',
      status: 400,
      detail: 'Some fields are invalid: body/name must not be empty.',
      code: 'validation_failed',
      requestId: 'req-1',
      instance: '/api/v1/campaigns',
      errors: [{ field: 'body/name', message: 'must not be empty' }],
    },
  ],
} as const;

const TAGS: Record<string, string> = {
  health: 'Liveness and readiness probes.',
  meta: 'The error code registry.',
  auth: 'Sign-up, sign-in and the session (dashboard).',
  'api-keys': '`sec1-…` secret keys (payment seed shapes).',
  account: 'Account settings.',
  items: 'Ephemeral, immutable items (the items seed, `/api/v0/items`).',
  qr: 'One-off QR rendering.',
  webhooks: 'Signed webhooks (Standard Webhooks): secret, endpoints, deliveries.',
  templates: 'Reusable designs.',
  campaigns: 'QR codes: static, dynamic and morphing.',
  render: 'Campaign images.',
  bulk: 'Up to 1,000 codes per request.',
  morphing: 'Anti-screenshot tickets: render secrets and rotation.',
  checkins: 'Redeeming rotating tickets.',
  public: 'What a scanner hits.',
  analytics: 'Scan analytics.',
  pages: 'Hosted landing pages.',
  forms: 'Hosted page forms and their submissions.',
  dashboard: 'The dashboard web app.',
};

// Response headers shared by many operations, declared once under components.headers.
const RESPONSE_HEADERS: Record<string, Json> = {
  'X-Request-Id': {
    description: "This request's id (the caller's own X-Request-Id when it sent a well-formed one); it is also the problem's `requestId`. Quote it when asking about a response.",
    schema: { type: 'string' },
  },
  'Idempotent-Replayed': {
    description: 'Present (`true`) when this is the stored response of an earlier request with the same Idempotency-Key, replayed.',
    schema: { type: 'string', enum: ['true'] },
  },
  'RateLimit-Limit': { description: 'Requests the API key or session may make per minute (on a 429 of another limit, that limit).', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in the current minute.', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the current minute ends.', schema: { type: 'integer' } },
};
// Request headers as the seeds and their clients spell them. Route schemas name headers in lower
// case (as Node hands them over); the typed client's types take the document's spelling, so the
// items seed's `X-QR-Password` copied into TypeScript would otherwise be a type error.
const HEADER_SPELLING: Record<string, string> = { 'x-qr-password': 'X-QR-Password', 'x-delete-token': 'X-Delete-Token' };
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** Declares `names` on a response, keeping what the route declared itself. */
function declareHeaders(response: Json, names: string[]): void {
  const headers = (isSchemaObject(response.headers) ? response.headers : {}) as Json;
  for (const name of names) if (!Object.keys(headers).some((own) => own.toLowerCase() === name.toLowerCase())) headers[name] = headerRef(name);
  response.headers = headers;
}

const STATUS_TEXT: Record<string, string> = {
  '400': 'Bad request',
  '401': 'Not authenticated',
  '403': 'Forbidden',
  '404': 'Not found',
  '405': 'Method not allowed',
  '409': 'Conflict',
  '410': 'Gone',
  '413': 'Payload too large',
  '415': 'Unsupported media type',
  '422': 'Unprocessable request',
  '429': 'Too many requests',
  '500': 'Internal error',
  '503': 'Unavailable',
};

function codesFor(status: string): ErrorCode[] {
  return (Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => String(ERROR_CODES[code].status) === status);
}

function isSchemaObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a declared error response is (or leaves room for) a problem document rather than a body of its own. */
function isProblemDeclaration(declared: Json): boolean {
  const content = declared.content as Record<string, { schema?: Json }> | undefined;
  if (!content) return true;
  return Object.values(content).some((media) => isSchemaObject(media.schema?.properties) && 'requestId' in (media.schema.properties as Json));
}

/** The standard description of an error status: its title and every registry code it can carry. */
function errorDescription(status: string): string {
  const codes = codesFor(status);
  const title = STATUS_TEXT[status] ?? 'Error';
  return codes.length ? `${title}: problem+json with \`code\` ${codes.map((c) => `\`${c}\``).join(', ')}.` : `${title} (problem+json).`;
}

/** What WWW-Authenticate carries on a 401, per challenge the registry gives its codes. */
function challengeDescription(): string {
  const codes = new Map<string, ErrorCode[]>();
  for (const code of codesFor('401')) {
    const challenge = challengeFor(code)!;
    codes.set(challenge, [...(codes.get(challenge) ?? []), code]);
  }
  const each = [...codes].map(([challenge, list]) => `\`${challenge}\` with ${list.map((c) => `\`${c}\``).join(', ')}`);
  return `The challenge (RFC 9110): ${each.join('; ')}. A refused API key or session adds \`error="invalid_token"\` (RFC 6750).`;
}

/** A route's error response becomes problem+json (and an HTML page too on page routes); a description of its own (not the generic one) is kept. */
function problemResponse(status: string, declared: Json | undefined, html: boolean): Json {
  const own = typeof declared?.description === 'string' && !declared.description.startsWith('problem+json') && declared.description !== 'Default Response' ? declared.description : undefined;
  const headers = declared?.headers;
  const response: Json = {
    description: own ? `${own} ${errorDescription(status)}` : errorDescription(status),
    content: {
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
      ...(html ? { 'text/html': { schema: { type: 'string', description: 'A page for people (browsers sending `Accept: text/html`).' } } } : {}),
    },
  };
  if (headers) response.headers = headers;
  if ((status === '429' || status === '503') && !headers) response.headers = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } };
  if (status === '401') response.headers = { ...(isSchemaObject(headers) ? headers : {}), 'WWW-Authenticate': { description: challengeDescription(), required: true, schema: { type: 'string' } } };
  return response;
}

const VERBS: Record<string, string> = { get: 'get', post: 'create', put: 'replace', patch: 'update', delete: 'delete', head: 'head', options: 'options' };
const ACTIONS = new Set(['rotate', 'regenerate', 'retry', 'test', 'reveal', 'submit', 'login', 'logout', 'signup', 'render', 'bulk', 'resolve', 'export.csv']);

function pascal(word: string): string {
  return word
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * A readable operationId from method and path: `GET /api/v1/campaigns` → listCampaigns,
 * `GET /api/v1/campaigns/{id}` → getCampaign, `POST …/secret/rotate` → rotateWebhooksSecret.
 */
export function deriveOperationId(method: string, path: string): string {
  const segments = path.split('/').filter((s) => s && !/^(api|v\d+)$/.test(s));
  const nouns: string[] = [];
  let last: 'noun' | 'param' = 'noun';
  let action: string | undefined;
  segments.forEach((segment, i) => {
    if (segment.startsWith('{')) {
      if (nouns.length) nouns[nouns.length - 1] = singular(nouns[nouns.length - 1]!);
      last = 'param';
      return;
    }
    last = 'noun';
    if (i === segments.length - 1 && method !== 'get' && ACTIONS.has(segment)) action = segment;
    else nouns.push(segment);
  });
  // A POST to a collection creates one of it.
  if (method === 'post' && last === 'noun' && !action && nouns.length) nouns[nouns.length - 1] = singular(nouns[nouns.length - 1]!);
  const base = nouns.map(pascal).join('') || 'Root';
  if (action) return `${action.replace(/\.csv$/, '')}${base}`;
  if (method === 'get' && last === 'noun' && segments.at(-1)?.endsWith('s') && !segments.at(-1)?.includes('.')) return `list${base}`;
  if (segments.at(-1)?.endsWith('.csv')) return `export${base.replace(/ExportCsv$/, '')}Csv`;
  return `${VERBS[method] ?? method}${base}`;
}

/**
 * Components the document shows in full where routes keep a looser schema for validation or
 * serialisation (a design is checked by the QR engine, whose messages are better than a schema's).
 */
export type DocumentedComponents = Record<string, Json>;

/**
 * Hoists every schema carrying a `title` into components.schemas; same title must mean same
 * schema. A title naming a documented component refers to it instead (`null` kept when allowed).
 */
function hoist(node: unknown, components: Record<string, Json>, documented: DocumentedComponents, top: boolean): unknown {
  if (Array.isArray(node)) return node.map((child) => hoist(child, components, documented, false));
  if (!isSchemaObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isSchemaObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, hoist(child, components, documented, false)]));
    else if (key === 'examples' || key === 'example' || key === 'default' || key === 'const' || key === 'enum') out[key] = value;
    else out[key] = hoist(value, components, documented, false);
  }
  const name = out.title;
  if (!top && typeof name === 'string' && documented[name]) {
    components[name] = documented[name];
    const ref = { $ref: `#/components/schemas/${name}` };
    const nullable = Array.isArray(out.type) && out.type.includes('null');
    return nullable ? { anyOf: [ref, { type: 'null' }], ...(typeof out.description === 'string' ? { description: out.description } : {}) } : ref;
  }
  if (!top && typeof name === 'string' && /^[A-Z][A-Za-z0-9]+$/.test(name) && (out.type !== undefined || out.anyOf || out.oneOf || out.allOf)) {
    // `type: [object, null]` is the component or null. @fastify/swagger moves a response schema's
    // examples to the media type, so occurrences are compared without examples and description.
    const nullable = Array.isArray(out.type) && out.type.includes('null');
    const { description, examples, ...component } = out;
    if (nullable) {
      const types = (out.type as string[]).filter((t) => t !== 'null');
      component.type = types.length === 1 ? types[0] : types;
    }
    const existing = components[name];
    const { description: existingDescription, examples: existingExamples, ...comparable } = existing ?? {};
    if (existing && JSON.stringify(comparable) !== JSON.stringify(component)) {
      throw new Error(`OpenAPI: two different schemas are titled ${name}; give one another title.`);
    }
    const merged: Json = { ...component };
    if ((existingDescription ?? description) !== undefined) merged.description = existingDescription ?? description;
    if ((existingExamples ?? examples) !== undefined) merged.examples = existingExamples ?? examples;
    components[name] = merged;
    const ref = { $ref: `#/components/schemas/${name}` };
    return nullable ? { anyOf: [ref, { type: 'null' }] } : ref;
  }
  return out;
}

/** Finishes the document @fastify/swagger generated (see the header of this file). */
export function finishDocument(generated: Json, documented: DocumentedComponents = {}): Json {
  const document = structuredClone(generated);
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  const components = (document.components ?? {}) as Json;
  const schemas: Record<string, Json> = { ...((components.schemas as Record<string, Json>) ?? {}) };
  const usedTags = new Set<string>();
  const operationIds = new Set<string>();

  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.operationId ??= deriveOperationId(method, path);
      if (operationIds.has(operation.operationId)) throw new Error(`OpenAPI: operationId ${operation.operationId} is used twice (${method.toUpperCase()} ${path}).`);
      operationIds.add(operation.operationId);
      for (const tag of (operation.tags as string[] | undefined) ?? []) usedTags.add(tag);
      operation.security ??= [];
      const security = operation.security;
      const signedIn = security.length > 0 && !security.some((requirement) => Object.keys(requirement).length === 0);
      const usesSession = security.some((requirement) => 'session' in requirement);
      const parameters = (operation.parameters ??= []);
      const hasParameter = (where: string, name: string) => parameters.some((p) => p.in === where && String(p.name).toLowerCase() === name.toLowerCase());
      for (const parameter of parameters) if (parameter.in === 'header') parameter.name = HEADER_SPELLING[String(parameter.name).toLowerCase()] ?? parameter.name;
      if (usesSession && UNSAFE.has(method) && !hasParameter('header', 'x-csrf-token')) {
        parameters.push({
          in: 'header',
          name: 'X-CSRF-Token',
          required: false,
          description: 'Required with the session cookie (not with an API key): the `csrf_token` of `GET /api/v1/auth/me`. The request must also come from the same origin.',
          schema: { type: 'string', maxLength: 200 },
        });
      }
      const existing = parameters.find((p) => p.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key');
      const idempotent = operation[IDEMPOTENT_EXTENSION] === true || existing !== undefined;
      if (idempotent) {
        delete operation[IDEMPOTENT_EXTENSION];
        const declaration = {
          in: 'header',
          name: 'Idempotency-Key',
          required: false,
          description:
            'Makes a retry safe: the first response under a key is stored for 24 hours and replayed (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`, and while the first request still runs a 409 `idempotency_key_in_use`. Keys are per account; a UUID is a good choice.',
          schema: { type: 'string', minLength: 1, maxLength: 255, examples: ['4d7e2a8c-5f1b-4c3e-9a06-2b8f1d3e7c54'] },
        };
        if (existing) Object.assign(existing, declaration);
        else parameters.push(declaration);
      }
      if (parameters.length === 0) delete operation.parameters;

      const responses = (operation.responses ??= {});
      const html = operation[HTML_ERRORS_EXTENSION] === true;
      delete operation[HTML_ERRORS_EXTENSION];
      // 400: the edge refuses NUL and unpaired surrogates in any query; 500 can happen anywhere, and
      // 503 (with Retry-After) wherever the database is down, restarting or out of disk.
      const wanted = new Set<string>(['400', '500', '503']);
      // Every body-bearing method can meet the body limit and an unreadable content type.
      if (UNSAFE.has(method)) for (const status of ['413', '415']) wanted.add(status);
      if (signedIn) for (const status of ['401', '403', '429']) wanted.add(status);
      if (parameters.some((p) => p.in === 'path')) wanted.add('404');
      if (idempotent) for (const status of ['409', '422']) wanted.add(status);
      for (const status of Object.keys(responses)) if (/^[45]\d\d$/.test(status)) wanted.add(status);
      for (const status of [...wanted].sort()) {
        // A route may answer an error status with a body of its own (readiness: {status, reason}).
        if (responses[status] && !isProblemDeclaration(responses[status])) continue;
        responses[status] = problemResponse(status, responses[status], html);
      }
      for (const [status, response] of Object.entries(responses)) {
        if (/^[23]\d\d$/.test(status) && response.description === 'Default Response') response.description = status.startsWith('2') ? 'Success' : 'Redirect';
        const success = status.startsWith('2');
        declareHeaders(response, [
          'X-Request-Id',
          ...(idempotent && success ? ['Idempotent-Replayed'] : []),
          ...((signedIn && success) || status === '429' ? ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'] : []),
        ]);
        if (response.content) response.content = hoist(response.content, schemas, documented, true) as Json;
      }
      if (operation[OPTIONAL_BODY_EXTENSION] === true && isSchemaObject(operation.requestBody)) operation.requestBody.required = false;
      delete operation[OPTIONAL_BODY_EXTENSION];
      if (isSchemaObject(operation.requestBody)) operation.requestBody = hoist(operation.requestBody, schemas, documented, true) as Json;
    }
  }
  schemas.Problem = PROBLEM_COMPONENT as unknown as Json;
  const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  document.components = { ...components, schemas: sorted, headers: { ...((components.headers as Json) ?? {}), ...RESPONSE_HEADERS } };
  document.tags = [...usedTags].sort().map((name) => ({ name, description: TAGS[name] ?? name }));
  return document;
}
