// While the database is unreachable every request that needs it fails: the error handler answers
// 503 (an HTML page to a person's browser, problem+json to programs) and logs the outage once per
// reason per interval with a count, instead of a line with a stack per request.
import Fastify from 'fastify';
import { afterAll, afterEach, beforeEach, expect, it, vi } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { installProblemHandlers, OUTAGE_LOG_INTERVAL_MS } from '../../src/http/problem.ts';

const logs: Array<{ msg: string; reason?: string; failed?: number }> = [];
const app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => void logs.push(JSON.parse(line)) } } });
installProblemHandlers(app, 'http://tessera.test', () => []);
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());
let failure: Error = new Error('unset');
app.get('/api/v1/things', async () => {
  throw failure;
});
// A page route (its errors are pages for browsers), as the hosted pages and short codes are.
app.get('/p/thing', { schema: { 'x-html-errors': true } as object }, async () => {
  throw failure;
});
// Any other route keeps problem+json, whatever the client accepts.
app.get('/openapi-like.json', async () => {
  throw failure;
});
afterAll(() => app.close());

const restarting = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const outageLines = () => logs.filter((l) => l.msg === 'request failed: database unavailable');
const summaries = () => logs.filter((l) => l.msg === 'requests failed: database unavailable').map(({ reason, failed }) => ({ reason, failed }));

it('answers 503 with Retry-After, logs the first failure per reason at once and the rest as a count every interval', async () => {
  failure = restarting();
  for (let i = 0; i < 5; i++) {
    const response = await app.inject({ method: 'GET', url: '/api/v1/things' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ code: 'not_ready', status: 503 });
  }
  expect(outageLines()).toHaveLength(1);
  // Another reason is news: its own line at once.
  failure = refused();
  await app.inject({ method: 'GET', url: '/api/v1/things' });
  expect(outageLines().map((l) => l.reason)).toEqual(['postgres: 57P01', 'postgres: ECONNREFUSED']);
  // At the end of the interval, what each reason failed meanwhile; none for a reason that failed nothing more.
  await vi.advanceTimersByTimeAsync(OUTAGE_LOG_INTERVAL_MS);
  expect(summaries()).toEqual([{ reason: 'postgres: 57P01', failed: 4 }]);
  failure = restarting();
  await app.inject({ method: 'GET', url: '/api/v1/things' });
  await app.inject({ method: 'GET', url: '/api/v1/things' });
  await vi.advanceTimersByTimeAsync(OUTAGE_LOG_INTERVAL_MS);
  expect(summaries()).toEqual([
    { reason: 'postgres: 57P01', failed: 4 },
    { reason: 'postgres: 57P01', failed: 2 },
  ]);
  // An interval without failures ends it: the next failure is a first line again.
  await vi.advanceTimersByTimeAsync(OUTAGE_LOG_INTERVAL_MS);
  await app.inject({ method: 'GET', url: '/api/v1/things' });
  expect(outageLines().map((l) => l.reason)).toEqual(['postgres: 57P01', 'postgres: ECONNREFUSED', 'postgres: 57P01']);
  // 4xx answers write nothing at the default level.
  failure = new AppError('validation_failed', 'name: required');
  expect((await app.inject({ method: 'GET', url: '/api/v1/things' })).statusCode).toBe(400);
  expect(logs.filter((l) => l.msg === 'request rejected')).toEqual([]);
});

it('gives a browser a page that says to retry, in its language, and programs the problem', async () => {
  failure = refused();
  const page = await app.inject({ method: 'GET', url: '/p/thing', headers: { accept: 'text/html', 'accept-language': 'de' } });
  expect(page.statusCode).toBe(503);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(page.headers['retry-after']).toBe('5');
  expect(page.headers['cache-control']).toBe('no-store');
  expect(page.body).toContain('Diese Seite lässt sich gerade nicht öffnen');
  const api = await app.inject({ method: 'GET', url: '/p/thing', headers: { accept: 'application/json' } });
  expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
  // The API and other routes never answer HTML, whatever the Accept header says.
  for (const url of ['/api/v1/things', '/openapi-like.json']) {
    const fromBrowser = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    expect(fromBrowser.headers['content-type'], url).toMatch(/^application\/problem\+json/);
  }
  // Other errors keep their own handling: a bug is a 500 problem, logged every time.
  failure = new Error('column "nme" does not exist');
  const bug = await app.inject({ method: 'GET', url: '/p/thing', headers: { accept: 'text/html' } });
  expect(bug.statusCode).toBe(500);
});
