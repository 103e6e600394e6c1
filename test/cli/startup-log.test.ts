// What `tessera serve` and `tessera worker` say while starting (migrations applied, a development
// master key generated, a doubtful NODE_ENV) are JSON log lines on stdout like every other line:
// they were plain text on stderr, which a log shipper parsing JSON drops, and the key warning is
// the one that matters. The ready line says which mode runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts `tessera <command>` on a new data directory, stops it once `ready` is logged; its output. */
async function start(command: string, ready: string, env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; lines: Array<Record<string, unknown>> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-startup-log-'));
  dirs.push(dir);
  const child = spawn(process.execPath, ['src/main.ts', command], {
    env: { ...process.env, DATABASE_URL: '', TESSERA_DATA_DIR: dir, TESSERA_MASTER_KEY: '', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.stdout.on('data', () => {
    if (stdout.includes(`"msg":"${ready}"`)) child.kill('SIGTERM');
  });
  await exited;
  clearTimeout(killer);
  expect(stdout, stderr).toContain(`"msg":"${ready}"`);
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stdout, stderr, lines };
}

for (const [command, ready] of [
  ['serve', 'Tessera is ready'],
  ['worker', 'worker started'],
]) {
  it(`\`tessera ${command}\` logs migrations and a generated master key as JSON on stdout, nothing on stderr`, { timeout: 60_000 }, async () => {
    const { stderr, lines } = await start(command!, ready!);
    expect(stderr).toBe('');
    expect(lines.find((l) => String(l.msg).startsWith('applied migrations: 0001_accounts'))).toMatchObject({ level: 30 });
    expect(lines.find((l) => String(l.msg).startsWith('TESSERA_MASTER_KEY is not set: generated a development master key'))).toMatchObject({ level: 40 });
    expect(lines.find((l) => l.msg === ready)).toMatchObject({ mode: 'development' });
    // ./data is relative to where the process starts: the line names the file it serves.
    expect(lines.find((l) => l.msg === ready)).toMatchObject({ database: 'sqlite', databaseFile: path.join(dirs.at(-1)!, 'tessera.db') });
  });
}

it('`tessera serve` with a NODE_ENV it does not know warns naming it and the accepted ones, and says it runs development mode', { timeout: 60_000 }, async () => {
  const { lines } = await start('serve', 'Tessera is ready', { NODE_ENV: 'Production' });
  expect(lines.find((l) => String(l.msg).startsWith("NODE_ENV is 'Production'"))).toMatchObject({ level: 40, msg: expect.stringContaining('not one of production, development, test') });
  expect(lines.find((l) => l.msg === 'Tessera is ready')).toMatchObject({ mode: 'development' });
});

it('`tessera serve` on SQLite with TESSERA_WORKER=false warns that no background jobs run', { timeout: 60_000 }, async () => {
  const { lines } = await start('serve', 'Tessera is ready', { TESSERA_WORKER: 'false' });
  expect(lines.find((l) => String(l.msg).startsWith('TESSERA_WORKER=false on SQLite'))).toMatchObject({ level: 40, msg: expect.stringContaining('no background jobs run') });
});

it('`tessera serve` on SQLite with the default TESSERA_WORKER says nothing about it', { timeout: 60_000 }, async () => {
  const { lines } = await start('serve', 'Tessera is ready');
  expect(lines.some((l) => String(l.msg).includes('TESSERA_WORKER'))).toBe(false);
});

it('`tessera serve` on PORT=0 without TESSERA_PUBLIC_URL warns that codes would name port 0, and says nothing once the URL is set', { timeout: 60_000 }, async () => {
  const { lines } = await start('serve', 'Tessera is ready');
  const warning = lines.find((l) => String(l.msg).startsWith('PORT=0 took port'));
  expect(warning).toMatchObject({ level: 40, msg: expect.stringContaining('set TESSERA_PUBLIC_URL (e.g. http://127.0.0.1:') });
  const { lines: set } = await start('serve', 'Tessera is ready', { TESSERA_PUBLIC_URL: 'http://127.0.0.1:8080' });
  expect(set.some((l) => String(l.msg).startsWith('PORT=0'))).toBe(false);
});
