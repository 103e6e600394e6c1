import { afterEach, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createTestApp, testConfig, type TestApp } from '../helpers/app.ts';
import { createTestDatabase, describeDialects, type TestDatabase } from '../helpers/dialects.ts';

describeDialects('health', (dialect) => {
  let t: TestApp | undefined;
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    await database?.destroy();
    t = undefined;
    database = undefined;
  });

  it('/healthz answers while the process lives; /readyz when the database is migrated', async () => {
    t = await createTestApp(dialect);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: dialect });
  });

  it('/readyz is 503 with a reason when migrations are pending', async () => {
    database = await createTestDatabase(dialect, { migrate: false });
    const app = await buildApp(testConfig(), { database: database.handle, startWorker: false });
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().reason).toMatch(/migrations not applied: 0001_accounts/);
    await app.close();
  });

  it('/readyz is 503 with a reason when the database is unreachable', async () => {
    database = await createTestDatabase(dialect);
    const app = await buildApp(testConfig(), { database: database.handle, startWorker: false });
    await database.handle.close();
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().reason).toMatch(/unreachable/);
    await app.close();
  });

  it('serves the OpenAPI document and the docs UI', async () => {
    t = await createTestApp(dialect);
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
    expect(docs.body).toContain('<title>Tessera API reference</title>');
    const config = await t.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(config.body).toContain('"withCredentials":true');
    const css = await t.app.inject({ method: 'GET', url: '/docs/static/theme/tessera.css' });
    expect(css.body).toContain('.topbar { display: none; }');
    expect(spec.info.title).toBe('Tessera API');
    // Try-it with a session: every cookie-authenticated write documents the CSRF header.
    expect(spec.paths['/api/v1/campaigns'].post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'X-CSRF-Token' })]));
    expect(spec.info.description).toContain('X-CSRF-Token');
  });
});
