// The lock that keeps a SQLite file to one `tessera serve` or `tessera worker`: a second taker is
// refused naming the file and the holder (pid, host, command, start), in this process and from
// another; a holder that was SIGKILLed leaves nothing that blocks the next start, which reports the
// takeover; a released lock is taken again without one.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { InstanceLockedError, lockFileFor, lockSqliteDatabase } from '../../src/db/instance-lock.ts';

const STARTED = Date.UTC(2026, 11, 7, 9, 30);
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function database(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-lock-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'data', 'tessera.db');
}

/** Another process holding the lock of `file`, resolved once it holds it. */
async function holdInChild(file: string): Promise<{ child: ChildProcess; exited: Promise<unknown> }> {
  const source = [
    `import { lockSqliteDatabase } from ${JSON.stringify(path.resolve('src/db/instance-lock.ts'))};`,
    `lockSqliteDatabase(${JSON.stringify(file)}, { command: 'worker', now: ${STARTED} }, () => {});`,
    // The lock is dropped on the floor, then collected: it must hold all the same (better-sqlite3
    // closes a connection the collector finds, and its lock with it; a second start got in).
    'globalThis.gc();',
    "console.log('held');",
    'setInterval(() => {}, 1 << 30);',
  ].join('\n');
  const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => child.kill('SIGKILL'));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('held') && resolve());
    void exited.then(() => reject(new Error('the child ended before it held the lock')));
  });
  return { child, exited };
}

it('a second taker in this process is refused naming the file and the holder; after release the next one starts without a takeover', () => {
  const file = database();
  const warnings: string[] = [];
  const first = lockSqliteDatabase(file, { command: 'serve', now: STARTED }, (m) => warnings.push(m));
  cleanups.push(() => first.release());
  // The lock file is the owner's alone, like the database beside it.
  expect(fs.statSync(lockFileFor(file)).mode & 0o777).toBe(0o600);
  expect(() => lockSqliteDatabase(file, { command: 'worker', now: STARTED + 1 }, (m) => warnings.push(m))).toThrow(
    new InstanceLockedError(
      `another Tessera process (pid ${process.pid} on host ${os.hostname()}, \`tessera serve\` started 2026-12-07T09:30:00.000Z) is using the SQLite file ${file}: ` +
        'SQLite takes one process per file, and `tessera serve` runs the background jobs itself. Stop that process first, or move to PostgreSQL to run several (docs/operations.md)',
    ),
  );
  first.release();
  const second = lockSqliteDatabase(file, { command: 'serve', now: STARTED + 2 }, (m) => warnings.push(m));
  second.release();
  expect(warnings).toEqual([]);
});

it('a holder in another process is named; once it is SIGKILLed the next start takes over and says from whom', async () => {
  const file = database();
  const { child, exited } = await holdInChild(file);
  expect(() => lockSqliteDatabase(file, { command: 'serve', now: STARTED }, () => {})).toThrow(
    `another Tessera process (pid ${child.pid} on host ${os.hostname()}, \`tessera worker\` started 2026-12-07T09:30:00.000Z) is using the SQLite file ${file}`,
  );
  child.kill('SIGKILL');
  await exited;
  const warnings: string[] = [];
  const lock = lockSqliteDatabase(file, { command: 'serve', now: STARTED + 60_000 }, (m) => warnings.push(m));
  lock.release();
  expect(warnings).toEqual([
    `took over the lock ${lockFileFor(file)} from pid ${child.pid} on host ${os.hostname()}, \`tessera worker\` started 2026-12-07T09:30:00.000Z, which ended without stopping cleanly`,
  ]);
});

it('names the same lock file through a symbolic link to the database', () => {
  const file = database();
  const lock = lockSqliteDatabase(file, { command: 'serve', now: STARTED }, () => {});
  cleanups.push(() => lock.release());
  fs.writeFileSync(file, '');
  const link = path.join(path.dirname(file), 'link.db');
  fs.symlinkSync(file, link);
  expect(() => lockSqliteDatabase(link, { command: 'serve', now: STARTED }, () => {})).toThrow(InstanceLockedError);
});
