// `tessera account create` as a real process: bad input is refused (exit 2) before a data
// directory or database exists, and the command warns on stderr while no `tessera serve` has
// used the database it writes to (the server-starts marker), on both dialects.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestSchema, TEST_DATABASE_URL } from '../helpers/postgres.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { TEST_MASTER_KEY } from '../helpers/app.ts';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BASE_ENV = { DATABASE_URL: '', TESSERA_MASTER_KEY: '', LOG_LEVEL: 'silent', TESSERA_WORKER: 'false', PORT: '0' };

function start(args: string[], env: Record<string, string>): { child: ChildProcess; result: Promise<Result>; output: () => string } {
  const child = spawn(process.execPath, ['src/main.ts', ...args], { env: { ...process.env, ...BASE_ENV, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const result = new Promise<Result>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, result, output: () => stdout + stderr };
}

const run = (args: string[], env: Record<string, string>) => start(args, env).result;

/** Runs `tessera serve` until it reports ready, then stops it with SIGTERM (exit 0). */
async function serveOnce(env: Record<string, string>): Promise<void> {
  const server = start(['serve'], { ...env, LOG_LEVEL: 'info' });
  const deadline = Date.now() + 30_000;
  while (!server.output().includes('Tessera is ready')) {
    if (server.child.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start: ${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  server.child.kill('SIGTERM');
  const { code } = await server.result;
  expect(code, server.output()).toBe(0);
}

const create = (email: string, env: Record<string, string>) => run(['account', 'create', '--email', email, '--password', 'correct horse battery', '--json'], env);

describe('tessera account create: input is checked first', () => {
  const dirs: string[] = [];
  afterEach(() => {
    while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
  });

  it.each([
    [['--email', 'not-an-email', '--password', 'correct horse battery'], /--email 'not-an-email' must be an email address/],
    [['--email', 'ada@example.com', '--password', 'short'], /--password must be at least 10 characters/],
    [['--email', 'ada@example.com', '--password', 'correct horse battery', '--slug', 'Bad Slug!'], /--slug 'Bad Slug!' must be 3–40 lowercase/],
    [['--email', 'ada@example.com', '--password', 'correct horse battery', '--slug', 'admin'], /--slug 'admin' is reserved/],
  ])('%j exits 2 naming the option, and creates no data directory', async (args, message) => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
    dirs.push(parent);
    const dataDir = path.join(parent, 'data');
    const result = await run(['account', 'create', ...args], { TESSERA_DATA_DIR: dataDir });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/tessera account create --email EMAIL/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});

describeDialects('tessera account create: warns until a server has used the database', (dialect) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  async function environment(): Promise<Record<string, string>> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const env: Record<string, string> = { TESSERA_DATA_DIR: path.join(dir, 'data'), TESSERA_MASTER_KEY: TEST_MASTER_KEY };
    if (dialect === 'postgres') {
      const { schema, drop } = await createTestSchema();
      cleanups.push(drop);
      const url = new URL(TEST_DATABASE_URL);
      url.searchParams.set('options', `-c search_path=${schema}`);
      env.DATABASE_URL = url.toString();
    }
    return env;
  }

  it('on a new database it says it created it and that no server used it; after `tessera serve` ran, it is quiet', async () => {
    const env = await environment();
    const first = await create('first@example.com', env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/warning: created a new database \((SQLite file \S+tessera\.db|PostgreSQL postgres:\/\/\S+)\); no Tessera server has used this database yet/);
    expect(first.stderr).toMatch(/TESSERA_DATA_DIR or DATABASE_URL/);
    expect(JSON.parse(first.stdout).api_key).toMatch(/^sec1-prd-/);

    // Migrated, but still never served: the warning stays, without "created".
    const second = await create('second@example.com', env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/no Tessera server has used this database yet/);
    expect(second.stderr).not.toMatch(/created a new database/);

    await serveOnce(env);
    const third = await create('third@example.com', env);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).not.toMatch(/warning/);
    // Three CLI processes and a real server start: slow on a busy CI host.
  }, 120_000);
});
