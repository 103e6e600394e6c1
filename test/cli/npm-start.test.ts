// `npm start` is how the README starts Tessera, and a supervisor that runs it signals npm's
// process. npm passes SIGTERM on to its script's process; the script must be Tessera itself
// (`exec`), not a shell in between: a shell died on the signal and left the server running as an
// orphan, never drained, still holding its port.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { TEST_MASTER_KEY } from '../helpers/app.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function until(check: () => boolean, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('SIGTERM to `npm start` drains and stops the server', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-npm-start-'));
  const npm = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, DATABASE_URL: '', TESSERA_DATA_DIR: dir, TESSERA_MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1' },
  });
  let out = '';
  npm.stdout.on('data', (d) => (out += d));
  npm.stderr.on('data', (d) => (out += d));
  const serverPid = () => Number(/"pid":(\d+)[^\n]*"msg":"Tessera is ready"/.exec(out)?.[1] ?? 0);
  cleanups.push(() => {
    // Whatever happens, no server outlives the test.
    for (const pid of [serverPid(), npm.pid]) {
      try {
        if (pid) process.kill(pid, 'SIGKILL');
      } catch {}
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
  await until(() => serverPid() > 0 || npm.exitCode !== null, 'Tessera is ready', 90_000);
  expect(serverPid(), out).toBeGreaterThan(0);
  // Two malloc arenas unless the operator says otherwise: PNG renders on several threads each
  // kept an arena of their own (docs/operations.md, Sizing).
  expect(fs.readFileSync(`/proc/${serverPid()}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=2');
  const npmExited = new Promise((resolve) => npm.on('exit', resolve));
  npm.kill('SIGTERM');
  await until(() => out.includes('"msg":"shutdown complete"'), `a graceful shutdown after SIGTERM to npm (output so far: ${out.slice(-500)})`, 15_000);
  await npmExited;
  await until(
    () => {
      try {
        process.kill(serverPid(), 0);
        return false;
      } catch {
        return true;
      }
    },
    'the server process to end',
    5_000,
  );
});
