import { spawn } from 'node:child_process';
import fs from 'node:fs';
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
