// The compiled start (ADR 0023): scripts/build-server.ts turns src/ into JavaScript that runs
// as the sources do — including the SQLite scan writer thread, the one module loaded by file URL —
// and bin/server-build.js only ever hands out a build of exactly the current sources.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentServerBuild, sourcesStamp, stampFile } from '../../bin/server-build.js';
import { buildServer } from '../../scripts/build-server.ts';
import { TEST_MASTER_KEY } from '../helpers/app.ts';
import { startServerProcess } from '../helpers/server-process.ts';

describe('stamps', () => {
  it('a build is current only while every source keeps its path, size and modification time', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-stamp-'));
    const src = path.join(root, 'src');
    const dist = path.join(root, 'dist');
    try {
      fs.mkdirSync(path.join(src, 'a'), { recursive: true });
      fs.writeFileSync(path.join(src, 'main.ts'), 'export {};\n');
      fs.writeFileSync(path.join(src, 'a', 'b.ts'), 'export const b = 1;\n');
      expect(currentServerBuild(dist, src)).toBeNull(); // nothing built
      fs.mkdirSync(dist);
      fs.writeFileSync(path.join(dist, 'main.js'), 'export {};\n');
      fs.writeFileSync(stampFile(dist), sourcesStamp(src));
      expect(currentServerBuild(dist, src)).toBe(path.join(dist, 'main.js'));

      const later = new Date(Date.now() + 5000);
      fs.utimesSync(path.join(src, 'a', 'b.ts'), later, later); // touched (a checkout, an edit)
      expect(currentServerBuild(dist, src)).toBeNull();
      fs.writeFileSync(stampFile(dist), sourcesStamp(src));
      fs.writeFileSync(path.join(src, 'a', 'c.ts'), 'export {};\n'); // a new file
      expect(currentServerBuild(dist, src)).toBeNull();
      fs.writeFileSync(stampFile(dist), sourcesStamp(src));
      fs.rmSync(path.join(dist, 'main.js')); // a half-deleted build
      expect(currentServerBuild(dist, src)).toBeNull();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the compiled server', () => {
  // Inside the repository, so the build resolves node_modules as dist/ does.
  const dist = fs.mkdtempSync(path.join(process.cwd(), '.tmp-dist-'));
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-build-data-'));
  let child: ChildProcess | undefined;
  let output = () => '';
  let base = '';

  beforeAll(async () => {
    expect(buildServer(dist)).toBe(true);
    expect(currentServerBuild(dist)).toBe(path.join(dist, 'main.js'));
    expect(fs.existsSync(path.join(dist, 'http', 'page', 'page.css'))).toBe(true);
    const server = await startServerProcess({
      spawn: (port) =>
        spawn(process.execPath, [path.join(dist, 'main.js'), 'serve'], {
          env: {
            ...process.env,
            TESSERA_DATA_DIR: data,
            TESSERA_MASTER_KEY: TEST_MASTER_KEY,
            PORT: String(port),
            HOST: '127.0.0.1',
            TESSERA_PUBLIC_URL: `http://127.0.0.1:${port}`,
            LOG_LEVEL: 'info',
          },
        }),
      ready: (out) => out.includes('Tessera is ready'),
    });
    child = server.child;
    output = server.output;
    base = `http://127.0.0.1:${server.port}`;
  }, 180_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
    }
    fs.rmSync(dist, { recursive: true, force: true });
    fs.rmSync(data, { recursive: true, force: true });
  });

  it('serves, renders pages, and writes scans through the writer thread', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const page = await fetch(`${base}/nowhere/at/all`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('</html>');

    const signup = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'build@example.com', password: 'correct horse battery', slug: 'build', name: 'Build' }),
    });
    expect(signup.status).toBe(201);
    const cookie = signup.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrf_token: csrf } = (await signup.json()) as { csrf_token: string };
    const campaign = await fetch(`${base}/api/v1/campaigns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, origin: base },
      body: JSON.stringify({ name: 'Build', destination: 'https://example.com/built' }),
    });
    expect(campaign.status, await campaign.clone().text()).toBe(201);
    const { short_code: code } = (await campaign.json()) as { short_code: string };
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}/${code}`, { redirect: 'manual' })).status).toBe(302);

    // A graceful stop flushes the buffer through the writer thread.
    child!.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
    expect(output()).not.toMatch(/scan flush failed|scan writer thread failed/);
    const db = new Database(path.join(data, 'tessera.db'), { readonly: true });
    try {
      expect((db.prepare('select count(*) as n from scans').get() as { n: number }).n).toBe(3);
    } finally {
      db.close();
    }
  });
});
