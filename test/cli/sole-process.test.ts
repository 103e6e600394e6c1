// One process per SQLite file (docs/operations.md): a second `tessera serve`, or a `tessera
// worker` beside one, used to start without a word and claim the same deliveries. Now it is
// refused before it opens the database, naming the file and the running process; the commands a
// person runs beside a server (account, migrate, backup) are not, nor an in-memory database.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openRuntime } from '../../src/cli/runtime.ts';
import { InstanceLockedError } from '../../src/db/instance-lock.ts';
import { TEST_MASTER_KEY } from '../helpers/app.ts';

const quiet = () => ({ info: () => {}, warn: () => {} });
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-sole-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

it('openRuntime for serve or worker refuses while another holds the file, until its database closes', async () => {
  const dir = dataDir();
  const env = { TESSERA_DATA_DIR: dir, TESSERA_MASTER_KEY: TEST_MASTER_KEY, DATABASE_URL: '' };
  const first = await openRuntime(quiet, env, { soleProcess: 'serve' });
  cleanups.push(() => first.database.close());
  const file = path.join(dir, 'tessera.db');
  for (const command of ['serve', 'worker']) {
    await expect(openRuntime(quiet, env, { soleProcess: command })).rejects.toThrow(
      new RegExp(`^another Tessera process \\(pid ${process.pid} on host .+, \`tessera serve\` started [^)]+\\) is using the SQLite file ${file}: `),
    );
  }
  // A refused start leaves the holder's lock as it was.
  await expect(openRuntime(quiet, env, { soleProcess: 'serve' })).rejects.toBeInstanceOf(InstanceLockedError);
  // Commands run beside a server take no lock.
  await (await openRuntime(quiet, env)).database.close();
  await first.database.close();
  const warnings: string[] = [];
  const next = await openRuntime(() => ({ info: () => {}, warn: (m) => warnings.push(m) }), env, { soleProcess: 'worker' });
  await next.database.close();
  expect(warnings).toEqual([]);
});

it('an in-memory database has no file to share: any number start', async () => {
  const env = { DATABASE_URL: ':memory:', TESSERA_MASTER_KEY: TEST_MASTER_KEY };
  const runtimes = [await openRuntime(quiet, env, { soleProcess: 'serve' }), await openRuntime(quiet, env, { soleProcess: 'serve' })];
  for (const runtime of runtimes) await runtime.database.close();
});

interface Proc {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Resolves at the next output or exit. */
  more(): Promise<void>;
}

function tessera(command: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['src/main.ts', command], {
    env: { ...process.env, DATABASE_URL: '', TESSERA_MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', ...env },
  });
  cleanups.push(() => void child.kill('SIGKILL'));
  let out = '';
  const waiting: Array<() => void> = [];
  const wake = () => {
    for (const resolve of waiting.splice(0)) resolve();
  };
  const add = (d: Buffer) => {
    out += d;
    wake();
  };
  child.stdout!.on('data', add);
  child.stderr!.on('data', add);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  void exited.then(wake);
  return { child, output: () => out, exited, more: () => new Promise<void>((resolve) => (child.exitCode === null ? waiting.push(resolve) : resolve())) };
}

async function started(proc: Proc, line: string): Promise<void> {
  while (!proc.output().includes(line)) {
    if (proc.child.exitCode !== null) throw new Error(`it did not start: ${proc.output()}`);
    await proc.more();
  }
}

it('as processes: a second serve and a worker beside a serve exit 1 naming the file and its pid; after it stops, a worker starts', { timeout: 120_000 }, async () => {
  const dir = dataDir();
  const env = { TESSERA_DATA_DIR: dir };
  const server = tessera('serve', env);
  await started(server, 'Tessera is ready');
  const [second, worker] = [tessera('serve', env), tessera('worker', env)];
  for (const [refused, ready] of [
    [second, 'Tessera is ready'],
    [worker, 'worker started'],
  ] as const) {
    // Before the lock, both started: fail then and there rather than wait for the test's timeout.
    expect(await Promise.race([refused.exited, started(refused, ready).then(() => 'started')]), refused.output()).toBe(1);
    expect(refused.output()).toContain(`tessera: another Tessera process (pid ${server.child.pid} on host ${os.hostname()}, \`tessera serve\` started `);
    expect(refused.output()).toContain(`is using the SQLite file ${path.join(dir, 'tessera.db')}: `);
    // Refused before anything opened: no migration ran, no server listened.
    expect(refused.output()).not.toMatch(/applied migrations|Server listening/);
  }
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  const after = tessera('worker', env);
  await started(after, 'worker started');
  // The server released its lock when it stopped: nothing to take over.
  expect(after.output()).not.toMatch(/took over/);
  after.child.kill('SIGTERM');
  expect(await after.exited).toBe(0);
});
