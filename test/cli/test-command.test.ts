// The test command (scripts/test.ts, `npm test`) runs again, once, only the files whose test
// process died, and only when nothing else failed (ADR 0039). Driven on fixture files that kill
// their own process or fail, through the command itself.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const NOTICE = 'lost their process before finishing';

function testCommand(...filters: string[]): { status: number | null; out: string } {
  const markers = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-test-command-'));
  dirs.push(markers);
  // This file runs inside Vitest; the command under test must not think it is nested in it.
  // Nor take on the outer command's summary file, retry list or core handling.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && !name.startsWith('TESSERA_TEST_')));
  // One file for both streams keeps the command's lines in order with Vitest's.
  const log = path.join(markers, 'out.log');
  const fd = fs.openSync(log, 'w');
  const run = spawnSync(process.execPath, ['scripts/test.ts', '--config', 'test/fixtures/test-run/vitest.config.ts', ...filters], {
    stdio: ['ignore', fd, fd],
    env: { ...env, TEST_RUN_MARKERS: markers, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60_000,
  });
  fs.closeSync(fd);
  return { status: run.status, out: fs.readFileSync(log, 'utf8') };
}

it('runs a file whose process died once more, alone, and passes when it then passes', { timeout: 60_000 }, () => {
  const { status, out } = testCommand('dies-once', 'passes');
  expect(status, out).toBe(0);
  expect(out).toContain('Test files that never finished');
  const retry = out.slice(out.indexOf(NOTICE));
  expect(retry).toContain('test/fixtures/test-run/dies-once.fixture.ts');
  // The retry runs the dead file's three tests and not the file that had passed.
  expect(retry).toMatch(/dies-once\.fixture\.ts \(3 tests\)/);
  expect(retry).not.toContain('passes.fixture.ts');
});

it("keeps the first run's options on the retry, also an option value that equals a filter", { timeout: 60_000 }, () => {
  // `once` is both the file filter and the test name pattern: the retry runs the dead file's one
  // matching test again, and skips the others as the first run did.
  const { status, out } = testCommand('once', '-t', 'once');
  expect(status, out).toBe(0);
  const retry = out.slice(out.indexOf(NOTICE));
  expect(retry).toMatch(/dies-once\.fixture\.ts \(3 tests \| 2 skipped\)/);
  expect(retry).toMatch(/Tests\s+1 passed \| 2 skipped/);
});

it('does not run anything again when a test failed, even beside a dead process', { timeout: 60_000 }, () => {
  const { status, out } = testCommand('dies-once', 'fails');
  expect(status, out).toBe(1);
  expect(out).toContain('Test files that never finished');
  expect(out).not.toContain(NOTICE);
});

it('retries once: a file whose process dies again fails the run', { timeout: 60_000 }, () => {
  const { status, out } = testCommand('dies-always');
  expect(status, out).not.toBe(0);
  expect(out.split(NOTICE)).toHaveLength(2);
});

it('passes a passing run through untouched', { timeout: 60_000 }, () => {
  const { status, out } = testCommand('passes');
  expect(status, out).toBe(0);
  expect(out).not.toContain(NOTICE);
  expect(out).not.toContain('never finished');
});

/** Processes whose environment holds `TEST_RUN_MARKERS=dir`: what a command run with that dir started. */
function processesOf(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`TEST_RUN_MARKERS=${dir}`)) pids.push(Number(entry));
    } catch {}
  }
  return pids;
}

it('passes a SIGTERM on to Vitest and leaves nothing running', { timeout: 60_000 }, async () => {
  const markers = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-test-command-'));
  dirs.push(markers);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && !name.startsWith('TESSERA_TEST_')));
  const command = spawn(process.execPath, ['scripts/test.ts', '--config', 'test/fixtures/test-run/vitest.config.ts', 'hangs'], { stdio: 'ignore', env: { ...env, TEST_RUN_MARKERS: markers } });
  const exited = new Promise<number | null>((resolve) => command.on('exit', (code) => resolve(code)));
  await expect.poll(() => fs.existsSync(path.join(markers, 'hangs-started')), { timeout: 30_000 }).toBe(true);
  command.kill('SIGTERM');
  expect(await exited).not.toBe(0);
  await expect.poll(() => processesOf(markers), { timeout: 15_000 }).toEqual([]);
});
