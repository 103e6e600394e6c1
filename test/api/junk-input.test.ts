// Every documented route, called with junk, answers a 4xx (or a success), never a 500: bad input
// must be met with a message a person can act on, whatever route it hits.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

const JUNK_BODIES: Array<{ contentType: string; payload: string }> = [
  { contentType: 'application/json', payload: '{' },
  { contentType: 'application/json', payload: '[]' },
  { contentType: 'application/json', payload: '"text"' },
  { contentType: 'application/json', payload: 'null' },
  {
    contentType: 'application/json',
    payload: '{"urls":"x","content":7,"ttlHours":"soon","name":{},"destination":[],"design_config":"blob","payload":1,"type":"sideways","url":"ftp://x","hosted_page":{"blocks":"x"}}',
  },
  { contentType: 'application/json', payload: JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: { x: 1 } } }) },
  { contentType: 'text/plain', payload: 'hello' },
  { contentType: 'application/json', payload: '' },
  {
    contentType: 'application/json',
    payload:
      '{"name":"a\\u0000b","content":"\\ud800","ttlHours":1e400,"viewLimit":-1e400,"grace_period_hours":1e400,"urls":["\\u0000"],"email":"a\\u0000@x.com","password":"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000"}',
  },
  { contentType: 'application/json', payload: `{"design_config":${'['.repeat(50_000)}${']'.repeat(50_000)}}` },
];

// Query strings of the kinds that used to reach a 500: NUL, non-finite numbers, dates past 9999.
const JUNK_QUERIES = [
  'limit=-1&cursor=%%%&tz=Mars/Base&from=yesterday&size=huge&include_bots=maybe',
  'limit=Infinity&size=1e400&t=Infinity&from=9999-12-31&to=9999-12-31',
  'limit=1e400&cursor=%00&tz=UTC%00&from=0000-01-01&to=%2B010000-01-01',
];

describeDialects('junk input never gives a 500', (dialect) => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    headers = authHeaders((await signUp(t.app)).apiKey);
  });
  afterEach(async () => t.close());

  it('on every documented route and method', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const failures: string[] = [];
    let calls = 0;
    for (const [path, operations] of Object.entries(spec.paths)) {
      const url = path.replace(/\{[^}]+\}/g, 'zz%00..%2F<x>');
      for (const method of Object.keys(operations).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))) {
        const attempts = method === 'get' || method === 'delete' ? [undefined] : JUNK_BODIES;
        for (const [body, query] of attempts.flatMap((b) => JUNK_QUERIES.map((q) => [b, q] as const))) {
          const response = await t.app.inject({
            method: method.toUpperCase() as 'GET',
            url: `${url}?${query}`,
            headers: body ? { ...headers, 'content-type': body.contentType } : headers,
            payload: body?.payload,
          });
          calls++;
          if (response.statusCode >= 500) failures.push(`${method.toUpperCase()} ${path} ${body?.payload ?? ''} → ${response.statusCode} ${response.body.slice(0, 200)}`);
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });
});
