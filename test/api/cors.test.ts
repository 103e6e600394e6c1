// CORS for browser apps on other origins (TESSERA_CORS_ORIGINS): a listed origin may call the API
// and read the headers that carry meaning (lint warnings, request id, Retry-After, rate-limit
// state), which browsers otherwise hide from scripts; an unlisted origin gets no grant.
import { afterEach, expect, it } from 'vitest';
import { authHeaders, signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('CORS', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it('lets a listed origin read the render warnings and the other meaningful headers, and grants nothing to others', async () => {
    t = await createTestApp(dialect, { env: { TESSERA_CORS_ORIGINS: 'https://app.example' } });
    const account = await signUp(t.app);
    const render = (origin: string) =>
      t!.app.inject({ method: 'POST', url: '/api/v1/qrs/render', headers: { ...authHeaders(account.apiKey), origin }, payload: { data: 'warn me', design_config: { margin: 2 } } });
    const allowed = await render('https://app.example');
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    const exposed = String(allowed.headers['access-control-expose-headers'])
      .split(',')
      .map((h) => h.trim());
    for (const header of ['x-qr-warnings', 'x-qr-version', 'x-request-id', 'retry-after', 'ratelimit-remaining', 'idempotent-replayed']) expect(exposed).toContain(header);
    expect(allowed.headers['x-qr-warnings']).toBeDefined();
    const other = await render('https://elsewhere.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is off without TESSERA_CORS_ORIGINS', async () => {
    t = await createTestApp(dialect);
    const response = await t.app.inject({ method: 'GET', url: '/readyz', headers: { origin: 'https://app.example' } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
