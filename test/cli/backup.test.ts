// `tessera backup PATH` as real processes: a backup taken while `tessera serve` answers scanned
// redirects and writes them is consistent (integrity-checked), and the documented restore (the
// copy put in place as tessera.db of a fresh data directory) brings back a serving instance with
// the same accounts, keys and campaigns. Refusals: an existing target, a missing directory, a
// target that cannot be written, PostgreSQL, no PATH.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { TEST_MASTER_KEY } from '../helpers/app.ts';

const BASE_ENV = { DATABASE_URL: '', TESSERA_MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'info', TESSERA_WORKER: 'false', PORT: '0', TESSERA_SCAN_FLUSH_MS: '20' };

interface Proc {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function tessera(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['src/main.ts', ...args], { env: { ...process.env, ...BASE_ENV, ...env } });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

async function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const proc = tessera(args, env);
  const code = await proc.exited;
  return { code, output: proc.output() };
}

/** Starts `tessera serve` and resolves with its base URL once it is ready. */
async function serve(env: Record<string, string>, procs: Proc[]): Promise<{ proc: Proc; base: string }> {
  const proc = tessera(['serve'], env);
  procs.push(proc);
  const deadline = Date.now() + 30_000;
  while (!proc.output().includes('Tessera is ready')) {
    if (proc.child.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start: ${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const port = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(proc.output())![1];
  return { proc, base: `http://127.0.0.1:${port}` };
}

const dirs: string[] = [];
const procs: Proc[] = [];
afterEach(async () => {
  for (const proc of procs.splice(0)) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-backup-'));
  dirs.push(dir);
  return dir;
}

it('backs up a serving SQLite instance consistently, and the restored copy serves the same data', { timeout: 120_000 }, async () => {
  const root = tempDir();
  const env = { TESSERA_DATA_DIR: path.join(root, 'data') };
  const created = await run(['account', 'create', '--email', 'ops@example.com', '--password', 'correct horse battery', '--json'], env);
  expect(created.code, created.output).toBe(0);
  const apiKey = JSON.parse(created.output.slice(created.output.indexOf('{'))).api_key as string;
  const { proc: server, base } = await serve(env, procs);
  const auth = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const campaign = (await (await fetch(`${base}/api/v1/campaigns`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'backed up', destination: 'https://example.com/' }) })).json()) as {
    id: string;
    short_code: string;
  };

  // Scans flow (and are flushed every 20 ms) while the backup runs.
  let scanning = true;
  let answered = 0;
  const load = (async () => {
    while (scanning) {
      const response = await fetch(`${base}/${campaign.short_code}`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      answered++;
    }
  })();
  while (answered < 50) await new Promise((resolve) => setTimeout(resolve, 10));
  const target = path.join(root, 'backups', 'tessera-1.db');
  fs.mkdirSync(path.dirname(target));
  const backup = await run(['backup', target], env);
  const atBackup = answered;
  scanning = false;
  await load;
  expect(backup.code, backup.output).toBe(0);
  expect(backup.output).toMatch(/integrity ok/);
  expect(backup.output).toContain('the master key is not in the backup: restore it with the same TESSERA_MASTER_KEY');
  expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  // The backup is one file: no -wal or -shm left beside it to copy along or forget.
  expect(fs.readdirSync(path.dirname(target))).toEqual(['tessera-1.db']);
  // The copy is a consistent database with the campaign and scans flushed before it was taken.
  const copy = new SqliteDatabase(target, { readonly: true });
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
  const copiedScans = (copy.prepare('select count(*) as n from scans where campaign_id = ?').get(campaign.id) as { n: number }).n;
  copy.close();
  expect(copiedScans).toBeGreaterThan(0);
  expect(copiedScans).toBeLessThanOrEqual(atBackup + 50);

  // A directory that does not exist is refused, not created (an unmounted backup disk must not
  // fill the data disk).
  const nowhere = path.join(root, 'not-mounted', 'tessera-2.db');
  const missing = await run(['backup', nowhere], env);
  expect(missing.code).toBe(1);
  expect(missing.output).toContain(`error: cannot write the backup to ${nowhere}: the directory ${path.dirname(nowhere)} does not exist; create it (or mount the backup disk) first\n`);
  expect(fs.existsSync(path.dirname(nowhere))).toBe(false);

  // A second backup to the same path is refused: a backup never overwrites.
  const again = await run(['backup', target], env);
  expect(again.code).toBe(1);
  expect(again.output).toMatch(/already exists/);
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);

  // Restore: the copy becomes tessera.db of a fresh data directory.
  const restoredDir = path.join(tempDir(), 'data');
  fs.mkdirSync(restoredDir, { mode: 0o700 });
  fs.copyFileSync(target, path.join(restoredDir, 'tessera.db'));
  const { base: restored } = await serve({ TESSERA_DATA_DIR: restoredDir }, procs);
  expect((await fetch(`${restored}/readyz`)).status).toBe(200);
  const read = await fetch(`${restored}/api/v1/campaigns/${campaign.id}`, { headers: auth });
  expect(read.status).toBe(200);
  expect(((await read.json()) as { name: string }).name).toBe('backed up');
  expect((await fetch(`${restored}/${campaign.short_code}`, { redirect: 'manual' })).headers.get('location')).toBe('https://example.com/');
});

it('refuses without a PATH, and on PostgreSQL points to pg_dump', async () => {
  const root = tempDir();
  const none = await run(['backup'], { TESSERA_DATA_DIR: root });
  expect(none.code).toBe(2);
  expect(none.output).toMatch(/exactly one PATH/);
  const pg = await run(['backup', path.join(root, 'x.db')], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
  // Understood, but not a database it copies: 1, not the usage error's 2.
  expect(pg.code).toBe(1);
  expect(pg.output).toMatch(/pg_dump/);
  expect(fs.existsSync(path.join(root, 'x.db'))).toBe(false);
});

it('without a database where the environment points, names the file and the variables that choose it (exit 1)', async () => {
  // A cron job run from another directory reads ./data there: "no SQLite database at …" alone
  // did not say that the command needs the server's environment.
  const root = tempDir();
  const result = await run(['backup', path.join(root, 'x.db')], { TESSERA_DATA_DIR: path.join(root, 'data') });
  expect(result.code).toBe(1);
  expect(result.output).toBe(
    `error: no SQLite database at ${path.join(root, 'data', 'tessera.db')}: run \`tessera backup\` with the server's TESSERA_DATA_DIR or DATABASE_URL (TESSERA_DATA_DIR defaults to ./data in the current directory)\n`,
  );
  expect(fs.readdirSync(root)).toEqual([]);
});

it('a target it cannot write is refused before copying, naming the path and why (exit 1), and leaves no file', async () => {
  const root = tempDir();
  expect((await run(['migrate'], { TESSERA_DATA_DIR: root })).code).toBe(0);
  // A parent that is a regular file stops every user, root included (a 0500 directory would not).
  const regular = path.join(root, 'a-file');
  fs.writeFileSync(regular, '');
  const target = path.join(regular, 'tessera-1.db');
  const result = await run(['backup', target], { TESSERA_DATA_DIR: root });
  expect(result.code).toBe(1);
  expect(result.output).toBe(`error: cannot write the backup to ${target}: ${regular} is a file, not a directory\n`);
  const asDirectory = await run(['backup', root], { TESSERA_DATA_DIR: root });
  expect(asDirectory.code).toBe(1);
  expect(asDirectory.output).toContain(`error: cannot write the backup to ${root}: it is a directory; give the name of a new file in it`);
  expect(fs.readdirSync(root).sort()).toEqual(['a-file', 'tessera.db']);
});
