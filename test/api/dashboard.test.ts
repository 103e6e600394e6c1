// The dashboard's pages as the server answers them: the SPA shell for /, /login, /signup, every
// /app path and every /door path (door links; with the strict CSP), signed-in visitors of / sent on to /app, the built
// files with their caching, and a clear 503 page when no build exists.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { dashboardRoutes } from '../../src/modules/dashboard/dashboard.routes.ts';
import { loadDashboardBuild } from '../../src/modules/dashboard/dashboard-files.ts';
import { signUp } from '../helpers/accounts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

// A tiny stand-in build, so these tests do not depend on Vite's output.
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-dist-'));
fs.mkdirSync(path.join(dist, 'assets'));
fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Tessera</title><div id="root"></div><script type="module" src="/app/assets/index-abc.js"></script>');
fs.writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'console.log("dashboard")');
fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

describeDialects('dashboard pages', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  async function start(build = loadDashboardBuild(dist)) {
    t = await createTestApp(dialect);
    // The real module registers with the build in web/dist; here with the stand-in (or none).
    await t.app.register(async (scope) => dashboardRoutes(scope, t.app.ctx, build), { prefix: '/test-build' });
    return t;
  }

  it('answers the shell for /, /login, /signup, /app/* and /door/*, never cached, under a CSP without inline script', async () => {
    await start();
    const shell = await t.app.inject({ method: 'GET', url: '/test-build/app' });
    for (const url of ['/test-build/', '/test-build/login', '/test-build/signup', '/test-build/app', '/test-build/app/campaigns/cmp_x', '/test-build/app/deep/link?x=1', '/test-build/door/bat_x']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
    // A door link's page is the dashboard's own page, with the same security headers.
    const door = await t.app.inject({ method: 'GET', url: '/test-build/door/bat_x' });
    expect(door.body).toBe(shell.body);
    for (const header of ['content-security-policy', 'referrer-policy', 'x-frame-options', 'x-content-type-options', 'strict-transport-security'])
      expect(door.headers[header], header).toBe(shell.headers[header]);
  });

  it('serves hashed bundles as immutable and other files with a short cache; a missing bundle is a 404, not the shell', async () => {
    await start();
    const bundle = await t.app.inject({ method: 'GET', url: '/test-build/app/assets/index-abc.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('javascript');
    expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await t.app.inject({ method: 'GET', url: '/test-build/app/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
    const missing = await t.app.inject({ method: 'GET', url: '/test-build/app/assets/index-old.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('serves the bundles of a dashboard rebuilt while it runs, without a restart', async () => {
    const rebuilt = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-dist-'));
    try {
      fs.cpSync(dist, rebuilt, { recursive: true });
      await start(loadDashboardBuild(rebuilt));
      expect((await t.app.inject({ method: 'GET', url: '/test-build/app/assets/index-new.js' })).statusCode).toBe(404);
      // What vite build does: old bundles gone, new ones and a shell naming them.
      fs.rmSync(path.join(rebuilt, 'assets', 'index-abc.js'));
      fs.writeFileSync(path.join(rebuilt, 'assets', 'index-new.js'), 'console.log("rebuilt")');
      const shell = path.join(rebuilt, 'index.html');
      fs.writeFileSync(shell, fs.readFileSync(shell, 'utf8').replace('index-abc.js', 'index-new.js'));
      fs.utimesSync(shell, new Date(), new Date(Date.now() + 5000));
      expect((await t.app.inject({ method: 'GET', url: '/test-build/app' })).body).toContain('index-new.js');
      const bundle = await t.app.inject({ method: 'GET', url: '/test-build/app/assets/index-new.js' });
      expect([bundle.statusCode, bundle.body]).toEqual([200, 'console.log("rebuilt")']);
      expect((await t.app.inject({ method: 'GET', url: '/test-build/app/assets/index-abc.js' })).statusCode).toBe(404);
      // Files outside the build stay out of reach.
      expect((await t.app.inject({ method: 'GET', url: '/test-build/app/assets/../../package.json' })).statusCode).not.toBe(200);
    } finally {
      fs.rmSync(rebuilt, { recursive: true, force: true });
    }
  });

  it('sends a signed-in person from / to /app; API-key callers and anonymous visitors get the product page', async () => {
    await start();
    const account = await signUp(t.app);
    const signedIn = await t.app.inject({ method: 'GET', url: '/test-build/', headers: { cookie: account.cookie } });
    expect(signedIn.statusCode).toBe(302);
    expect(signedIn.headers.location).toBe('/app');
    const withKey = await t.app.inject({ method: 'GET', url: '/test-build/', headers: { 'x-api-key': account.apiKey } });
    expect(withKey.statusCode).toBe(200);
    const staleCookie = await t.app.inject({ method: 'GET', url: '/test-build/', headers: { cookie: 'tessera_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(staleCookie.statusCode).toBe(200);
  });

  it('explains how to build the dashboard when there is no build (503, not a 404)', async () => {
    await start(null);
    for (const url of ['/test-build/', '/test-build/app/campaigns']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build:web');
      // Without the dev dependencies that command fails: the page names the install that has them.
      expect(response.body).toContain('npm ci --include=dev');
    }
  });

  it('registers /, /login, /signup, /app and /door in the real app, ahead of the short-code route', async () => {
    t = await createTestApp(dialect);
    for (const url of ['/', '/login', '/signup', '/app', '/app/bulk', '/door/bat_x']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      // 200 with a build in web/dist, 503 without one: never the short-code route's 404 page.
      expect([200, 503], url).toContain(response.statusCode);
      expect(response.body).not.toContain('This code does not exist');
    }
  });
});
