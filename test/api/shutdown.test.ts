import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';

describeDialects('graceful shutdown', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close().catch(() => {});
    t = undefined;
  });

  it('drains an in-flight request before closing', async () => {
    t = await createTestApp(dialect);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    t.app.get('/test/slow', async () => {
      entered();
      await gate;
      return { done: true };
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const pending = fetch(`http://127.0.0.1:${port}/test/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await inside;
    const closing = t.app.close();
    release();
    await closing;
    expect(await pending).toEqual({ status: 200, body: { done: true } });
    t = undefined;
  });

  it('answers what arrives while it drains with a 503 problem, not bare JSON, and then closes the connection', async () => {
    const { answers } = await requestsWhileDraining(dialect, ['GET /api/v1/campaigns HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n']);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200/);
    // Connection: close on the 503: nothing after it on that connection is answered.
    expect(answers).toHaveLength(2);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(answers[1]).toMatch(/^content-type: application\/problem\+json/im);
    expect(answers[1]).toMatch(/^retry-after: 1/im);
    expect(answers[1]).toMatch(/^connection: close/im);
    expect(answers[1]).toMatch(/^x-request-id: /im);
    expect(answers[1]).toContain('"code":"not_ready"');
    expect(answers[1]).toContain('shutting down');
  });

  // A scanned code (a page route) and the dashboard alike.
  for (const url of ['/Zz9Zz9Zz', '/app/campaigns']) {
    it(`gives a browser arriving at ${url} while it drains the page that says to retry`, async () => {
      const { answers } = await requestsWhileDraining(dialect, [`GET ${url} HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nAccept-Language: fr\r\n\r\n`]);
      expect(answers[1]).toMatch(/^HTTP\/1\.1 503/);
      expect(answers[1]).toMatch(/^content-type: text\/html/im);
      expect(answers[1]).toMatch(/^retry-after: 1/im);
      expect(answers[1]).toContain('Cette page ne peut pas s’ouvrir pour le moment');
    });
  }

  /**
   * Sends a slow request, starts closing the app while it is in flight, then sends `requests` on
   * the same connection (a keep-alive client that has not heard yet): the raw answers, in order.
   */
  async function requestsWhileDraining(dialect: Parameters<typeof createTestApp>[0], requests: string[]) {
    const app = await createTestApp(dialect);
    t = app;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    app.app.get('/test/slow', async () => {
      entered();
      await gate;
      return { done: true };
    });
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.app.server.address() as { port: number };
    const socket = net.connect(port, '127.0.0.1');
    let raw = '';
    socket.on('data', (chunk) => (raw += chunk));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('GET /test/slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await inside;
    const closing = app.app.close();
    // The server stops listening once the close hooks have run: from then on the app is draining.
    while (app.app.server.listening) await new Promise((resolve) => setImmediate(resolve));
    // Node reads the next request at once (and answers in order): release the first once it has.
    const arrived = new Promise((resolve) => app.app.server.once('request', resolve));
    socket.write(requests.join(''));
    await arrived;
    release();
    await closing;
    await ended;
    t = undefined;
    return { answers: raw.split(/(?=HTTP\/1\.1 \d{3} )/) };
  }
});

it('`tessera serve` exits 0 on SIGTERM after draining', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-serve-'));
  const child = spawn(process.execPath, ['src/main.ts', 'serve'], {
    env: { ...process.env, TESSERA_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: '', NODE_ENV: 'test', TESSERA_MASTER_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 20);
    child.once('exit', (code) => reject(new Error(`serve exited early with ${code}: ${output}`)));
  });
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exit).toBe(0);
  expect(output).toContain('shutdown complete');
  expect(output).toContain('generated a development master key');
  fs.rmSync(dir, { recursive: true, force: true });
});
