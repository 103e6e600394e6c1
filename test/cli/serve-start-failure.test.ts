// A server that cannot take its port exits at once with status 1 and a line naming the address
// and the setting to change, as real processes: before, `tessera serve` printed Node's error and
// went on running (jobs, database, no listener) until someone noticed, so a supervisor never
// restarted it. `tessera worker` with a taken metrics port likewise.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { TEST_MASTER_KEY } from '../helpers/app.ts';

let taken: net.Server;
let port = 0;
let dir = '';
beforeEach(async () => {
  taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  port = (taken.address() as net.AddressInfo).port;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-listen-'));
});
afterEach(async () => {
  await new Promise((resolve) => taken.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `tessera <command>` to its end (killed after 20 s): exit status and stderr's non-JSON lines. */
function run(command: string, env: Record<string, string>): Promise<{ status: number | null; said: string }> {
  const child = spawn(process.execPath, ['src/main.ts', command], {
    env: { ...process.env, DATABASE_URL: '', TESSERA_DATA_DIR: dir, TESSERA_MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'warn', TESSERA_WORKER: 'false', ...env },
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  child.stdout.resume();
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.on('exit', (status) => {
      clearTimeout(killer);
      resolve({
        status,
        said: err
          .split('\n')
          .filter((line) => line && !line.startsWith('{'))
          .join('\n'),
      });
    }),
  );
}

it('serve exits 1 when its port is taken, naming the address and PORT', async () => {
  const { status, said } = await run('serve', { HOST: '127.0.0.1', PORT: String(port) });
  expect(status).toBe(1);
  expect(said).toContain(`tessera: cannot listen on 127.0.0.1:${port}: the port is in use by another process; stop it or set PORT`);
});

it('serve exits 1 when its metrics port is taken, naming TESSERA_METRICS_PORT', async () => {
  const { status, said } = await run('serve', { HOST: '127.0.0.1', PORT: '0', TESSERA_METRICS_PORT: String(port), TESSERA_METRICS_HOST: '127.0.0.1' });
  expect(status).toBe(1);
  expect(said).toContain(`cannot listen on 127.0.0.1:${port}: the port is in use by another process; stop it or set TESSERA_METRICS_PORT`);
});

it('serve exits 1 on a host this machine does not have, naming HOST', async () => {
  const { status, said } = await run('serve', { HOST: 'no-such-host.invalid', PORT: '0' });
  expect(status).toBe(1);
  expect(said).toMatch(/cannot listen on no-such-host\.invalid:0: no such address on this machine; set HOST/);
});

it('worker exits 1 when its metrics port is taken, naming TESSERA_METRICS_PORT', async () => {
  const { status, said } = await run('worker', { TESSERA_METRICS_PORT: String(port), TESSERA_METRICS_HOST: '127.0.0.1' });
  expect(status).toBe(1);
  expect(said).toContain('stop it or set TESSERA_METRICS_PORT');
});

it('serve with a TESSERA_GEOIP_DB it cannot use exits 1 naming it, and releases the SQLite lock', async () => {
  const { status, said } = await run('serve', { HOST: '127.0.0.1', PORT: '0', TESSERA_GEOIP_DB: path.join(dir, 'missing.mmdb') });
  expect(status).toBe(1);
  expect(said).toContain('configuration error: TESSERA_GEOIP_DB:');
  // A holder left recorded made the next start warn that this one "ended without stopping cleanly".
  const lock = new SqliteDatabase(path.join(dir, 'tessera.db.lock'), { readonly: true });
  try {
    expect(lock.prepare('select count(*) as n from holder').get()).toEqual({ n: 0 });
  } finally {
    lock.close();
  }
});
