// Generated HTTP requests for the fuzz sweep, derived from the running app's OpenAPI document with
// fast-check: every operation, its path parameters, query parameters and JSON body, mostly close to
// what the schema asks (so requests get past validation into the services) and often not: wrong
// types, NUL characters, lone surrogates, numbers that are not finite, extreme dates, deep nesting,
// other content types, other methods, other credentials.
import fc from 'fast-check';

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

type Operation = {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
};

/** The OpenAPI document, as far as the sweep reads it. */
export interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

// The document's named schemas (`$ref: '#/components/schemas/X'`), set by requestsFor.
let components: Record<string, Schema> = {};

/** One request, ready for app.inject (`payload` is raw text). */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  remoteAddress: string;
}

/** Values the generated requests draw on: real ids and credentials of the sweep's fixtures. */
export interface FuzzWorld {
  /** Candidate values per path parameter name (real ids, codes, slugs). */
  params: Record<string, string[]>;
  /** Credential headers with how often to send them: a valid key, a session with its CSRF token, junk, none. */
  credentials: Array<{ weight: number; headers: Record<string, string> }>;
  /** Free-form objects the schema leaves open (design_config, hosted_page): valid ones to start from. */
  openObjects: Record<string, unknown[]>;
}

// JSON text written into the body as is: numbers a JS value cannot carry (1e400), deep nesting.
class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  '\ud800',
  'x\udfffy',
  '\uffff',
  '\u202e',
  '😀',
  'ǅ',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '=cmd|"/c calc"!A1',
  '__proto__',
  'constructor',
  'null',
  'true',
  '[]',
  '{}',
  'Infinity',
  '-Infinity',
  'NaN',
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '0x10',
  '  7  ',
  '9999-12-31',
  '0000-01-01',
  '0001-01-01',
  '1969-12-31',
  '1970-01-01',
  '2026-02-30',
  '2026-03-01',
  '2199-12-31',
  '2200-01-01',
  '+010000-01-01',
  '2026-03-01T00:00:00Z',
  'Europe/Berlin',
  'Mars/Base',
  'UTC',
  'Etc/GMT+14',
  'https://example.com/x',
  'http://127.0.0.1/',
  'http://[2002:7f00:1::]/',
  'javascript:alert(1)',
  'ftp://x',
  'sec1-prd-AAAAAAAAAAAAA-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-00',
  'x'.repeat(300),
  'é'.repeat(70),
];
const SPECIAL_NUMBERS: unknown[] = [0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1.5, -0.0001, Number.MAX_VALUE, new RawJson('1e400'), new RawJson('-1e400'), new RawJson('1e-400'), new RawJson('1E2')];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\ud800', '\udc00'), fc.string({ maxLength: 10 })).map((parts) => parts.join('')) },
);

/** JSON nested `depth` levels deep (a body must never exhaust a stack on its way through). */
const nested = fc
  .oneof({ weight: 9, arbitrary: fc.integer({ min: 2, max: 64 }) }, { weight: 1, arbitrary: fc.constantFrom(1_000, 10_000) })
  .map((depth) => new RawJson(`${'[{"a":'.repeat(depth)}1${'}]'.repeat(depth)}`));

/** Anything at all, for wrong-type mutations. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_NUMBERS) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(text, text, { maxKeys: 3 }) },
  { weight: 1, arbitrary: nested },
);

function types(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  return [];
}

/** Values for `schema`: mostly valid, sometimes at or past its bounds, sometimes anything. */
function fromSchema(schema: Schema | undefined, name: string, world: FuzzWorld, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return anything;
  if (schema.$ref) return fromSchema(components[schema.$ref.split('/').at(-1) ?? ''], name, world, depth + 1);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fromSchema(s, name, world, depth + 1)), anything);
  const valid: Array<fc.Arbitrary<unknown>> = [];
  if (schema.enum) valid.push(fc.constantFrom(...schema.enum));
  for (const type of types(schema)) {
    switch (type) {
      case 'string': {
        const pool = world.params[name] ?? [];
        const max = Math.min(schema.maxLength ?? 60, 80);
        const strings: Array<fc.WeightedArbitrary<unknown>> = [
          { weight: 4, arbitrary: fc.string({ minLength: Math.min(schema.minLength ?? 0, max), maxLength: max }) },
          { weight: 1, arbitrary: text },
        ];
        if (pool.length > 0) strings.push({ weight: 6, arbitrary: fc.constantFrom(...pool) });
        if (schema.maxLength !== undefined) strings.push({ weight: 1, arbitrary: fc.constant('y'.repeat(schema.maxLength + 1)) });
        valid.push(fc.oneof(...strings));
        break;
      }
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? -1000;
        const max = schema.maximum ?? 1000;
        valid.push(type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true }));
        valid.push(fc.constantFrom(min - 1, max + 1, ...SPECIAL_NUMBERS));
        valid.push(fc.double());
        break;
      }
      case 'boolean':
        valid.push(fc.boolean());
        break;
      case 'null':
        valid.push(fc.constant(null));
        break;
      case 'array':
        valid.push(fc.array(fromSchema(schema.items, name, world, depth + 1), { minLength: Math.min(schema.minItems ?? 0, 3), maxLength: Math.min(schema.maxItems ?? 4, 4) }));
        break;
      case 'object': {
        const open = world.openObjects[name];
        if (open?.length)
          valid.push(
            fc.constantFrom(...open),
            fc.constantFrom(...open).chain((o) => mutateObject(o as Record<string, unknown>)),
          );
        const properties = Object.entries(schema.properties ?? {});
        if (properties.length > 0) {
          const fields = Object.fromEntries(properties.map(([key, s]) => [key, fromSchema(s, key, world, depth + 1)]));
          valid.push(fc.record(fields, { requiredKeys: schema.required?.filter((k) => k in fields) ?? [] }));
        } else {
          valid.push(fc.dictionary(text, anything, { maxKeys: 4 }));
        }
        break;
      }
    }
  }
  if (valid.length === 0) return anything;
  return fc.oneof({ weight: 12, arbitrary: fc.oneof(...valid) }, { weight: 1, arbitrary: anything });
}

/** A valid open object with one field changed to anything, added or dropped. */
function mutateObject(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  return fc.tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), anything, fc.integer({ min: 0, max: 2 })).map(([key, value, how]) => {
    const copy: Record<string, unknown> = { ...base };
    if (how === 0) copy[key] = value;
    else if (how === 1) delete copy[key];
    else copy[`extra_${key}`] = value;
    return copy;
  });
}

/** JSON text of `value`, with RawJson written as the number literal it holds. */
function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const json = JSON.stringify(value, (_key, v) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `__RAW_${raws.length - 1}__`;
    }
    return v;
  });
  return (json ?? 'null').replace(/"__RAW_(\d+)__"/g, (_m, i: string) => raws[Number(i)]!);
}

/** Percent-encodes a path segment; a lone surrogate becomes its (invalid) CESU-8 bytes, which no server may decode. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.toWellFormed()).replace(/%EF%BF%BD/g, '%ED%A0%80');
  }
}

function pathWith(path: string, values: string[], encode: boolean[]): string {
  let i = 0;
  return path.replace(/\{[^}]+\}/g, () => {
    const value = values[i]!;
    const raw = encode[i++] === false;
    return raw ? value.replace(/[/?#\s\\]/g, '_') : encodeSegment(value);
  });
}

const OTHER_METHODS = ['HEAD', 'OPTIONS', 'PATCH', 'PUT', 'DELETE', 'POST', 'GET'];

/** How a generated body is sent: its content type and text. */
const BODY_KINDS: Record<string, (body: unknown) => [string, string]> = {
  json: (body) => ['application/json', toJsonText(body)],
  'empty-json': () => ['application/json', ''],
  'broken-json': (body) => ['application/json', toJsonText(body).slice(0, -1) || '{'],
  'text/plain': (body) => ['text/plain', toJsonText(body)],
  form: (body) => [
    'application/x-www-form-urlencoded',
    new URLSearchParams(Object.entries(typeof body === 'object' && body ? body : { v: body }).map(([k, v]) => [k, typeof v === 'string' ? v : toJsonText(v)])).toString(),
  ],
};

/** Requests for one operation. */
function operationRequests(path: string, method: string, op: Operation, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const pathValues = fc.tuple(...pathNames.map((name) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(world.params[name] ?? ['x'])) }, { weight: 1, arbitrary: text })));
  const encodeFlags = fc.array(fc.boolean(), { minLength: pathNames.length, maxLength: pathNames.length });
  const query = fc.record(Object.fromEntries(queryParams.map((p) => [p.name, fromSchema(p.schema, p.name, world)])), { requiredKeys: [] });
  const extraQuery = fc.option(fc.tuple(text, text), { freq: 10 });
  const body = bodySchema ? fromSchema(bodySchema, 'body', world) : fc.option(anything, { freq: 3 });
  const bodyKind = fc.oneof({ weight: 8, arbitrary: fc.constant('json') }, { weight: 1, arbitrary: fc.constantFrom('empty-json', 'broken-json', 'text/plain', 'form', 'none') });
  const methodChoice = fc.oneof({ weight: 12, arbitrary: fc.constant(method.toUpperCase()) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) });
  return fc
    .record({
      pathValues,
      encodeFlags,
      query,
      extraQuery,
      body,
      bodyKind,
      methodChoice,
      credentials: fc.oneof(...world.credentials.map((c) => ({ weight: c.weight, arbitrary: fc.constant(c.headers) }))),
      ip: fc.constantFrom('192.0.2.1', '192.0.2.2', '198.51.100.7', '2001:db8::1'),
    })
    .map((r) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(r.query)) params.append(key, typeof value === 'string' ? value : value instanceof RawJson ? value.text : toJsonText(value).replace(/^"|"$/g, ''));
      if (r.extraQuery) params.append(r.extraQuery[0], r.extraQuery[1]);
      const search = params.toString();
      const headers: Record<string, string> = { ...r.credentials };
      let payload: string | undefined;
      const sendsBody = r.methodChoice !== 'GET' && r.methodChoice !== 'HEAD';
      if (sendsBody && r.bodyKind !== 'none') {
        const [contentType, body] = BODY_KINDS[r.bodyKind](r.body);
        headers['content-type'] = contentType;
        payload = body;
      }
      return { method: r.methodChoice, url: `${pathWith(path, r.pathValues as string[], r.encodeFlags)}${search ? `?${search}` : ''}`, headers, payload, remoteAddress: r.ip };
    });
}

/** Requests across every operation of `spec`, more of them for operations that take more input. */
export function requestsFor(spec: Spec, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  components = spec.components?.schemas ?? {};
  const arbitraries: Array<fc.WeightedArbitrary<FuzzRequest>> = [];
  for (const [path, operations] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      if (!['get', 'post', 'put', 'patch', 'delete', 'head'].includes(method)) continue;
      const inputs = (path.match(/\{/g)?.length ?? 0) + (op.parameters?.filter((p) => p.in === 'query').length ?? 0) + (op.requestBody ? 3 : 0);
      arbitraries.push({ weight: 1 + Math.min(inputs, 5), arbitrary: operationRequests(path, method, op, world) });
    }
  }
  return fc.oneof(...arbitraries);
}
