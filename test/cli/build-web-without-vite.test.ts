// A production install has no Vite: npm leaves the dev dependencies out with `--omit=dev`, and also
// when NODE_ENV=production is set in the shell that runs `npm ci` (an audit's server set it for
// every process). `npm run build:web` then failed with ERR_MODULE_NOT_FOUND and a stack, and the
// prestart line and the 503 page said to run that very command. Both scripts run here from a copy
// outside the repository, where no node_modules holds Vite.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-no-vite-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
fs.mkdirSync(path.join(root, 'scripts'));
for (const name of ['build-web.ts', 'web-build.ts']) fs.copyFileSync(path.join(REPO, 'scripts', name), path.join(root, 'scripts', name));

const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'scripts', 'build-web.ts'), ...args], { cwd: root, encoding: 'utf8' });

it('`npm run build:web` without Vite says why and what to run, in one line and no stack (exit 1)', () => {
  const result = run();
  expect(result.status).toBe(1);
  expect(result.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/^cannot build the dashboard: Vite is not installed: .*NODE_ENV=production.*run `npm ci --include=dev`, then `npm run build:web`$/),
  ]);
});

it("npm start's prestart without Vite starts anyway and names the install to run", () => {
  const result = run('--if-stale');
  expect(result.status).toBe(0);
  expect(result.stderr).toContain('dashboard: web/dist is missing');
  expect(result.stderr).toContain('npm ci --include=dev');
});
