// This machine cannot pull images, so the image itself is never built here; its recipe is. The
// test reads the Dockerfile and runs its own steps, stage by stage, in a clean temporary
// directory: COPY from the repository (or from an earlier stage), RUN `npm …`/`node …` commands
// exactly as written (npm may use its local cache: `npm_config_prefer_offline`), ENV as the
// environment. Then it starts the runtime stage's CMD with that environment (production) and
// runs the HEALTHCHECK command until it passes: /readyz answers 200 from a production install.
// RUN steps that only make sense inside an image (creating /data for the `node` user) are
// listed below; any other RUN fails the test until it is taught here.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { TEST_MASTER_KEY } from '../helpers/app.ts';
import { startServerProcess } from '../helpers/server-process.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
/** RUN steps for the image's filesystem only (users, mount points), checked to be exactly these. */
const IMAGE_ONLY_RUNS = ['mkdir -p -m 700 /data && chown node:node /data'];

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  name: string | null;
  from: string;
  steps: Instruction[];
}

/** The Dockerfile's instructions per stage (continuation lines joined, comments dropped). */
function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (op!.toUpperCase() === 'FROM') {
      const [from, , name] = args!.split(/\s+/);
      stages.push({ from: from!, name: name ?? null, steps: [] });
    } else stages.at(-1)!.steps.push({ op: op!.toUpperCase(), args: args! });
  }
  return stages;
}

/** ENV instruction (`K=V K2=V2`) as pairs. */
function parseEnv(args: string): Array<[string, string]> {
  return [...args.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map((m) => [m[1]!, m[2]!.replace(/^"|"$/g, '')]);
}

// .dockerignore: what the build context leaves out (plain names, paths and `**/name`).
const IGNORED = fs
  .readFileSync(path.join(REPO, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
function inContext(file: string): boolean {
  const relative = path.relative(REPO, file).split(path.sep).join('/');
  return !IGNORED.some((pattern) => {
    if (pattern.startsWith('**/')) return relative.split('/').includes(pattern.slice(3));
    if (pattern.startsWith('*.')) return relative.endsWith(pattern.slice(1));
    return relative === pattern || relative.startsWith(`${pattern}/`);
  });
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-image-'));
let server: ChildProcess | undefined;
afterAll(() => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
}, 120_000);

it('the Dockerfile is multi-stage on Node 24 slim, non-root, production install, /readyz health check, /data volume', () => {
  const stages = parseDockerfile(fs.readFileSync(path.join(REPO, 'Dockerfile'), 'utf8'));
  expect(stages.length).toBeGreaterThanOrEqual(2);
  for (const stage of stages) expect(stage.from).toMatch(/^node:24-slim$/);
  const runtime = stages.at(-1)!;
  const ops = (op: string) => runtime.steps.filter((s) => s.op === op).map((s) => s.args);
  expect(ops('USER')).toEqual(['node']);
  expect(ops('RUN').some((r) => r.startsWith('npm ci --omit=dev'))).toBe(true);
  expect(ops('HEALTHCHECK').join()).toContain('/readyz');
  expect(ops('VOLUME')).toEqual(['["/data"]']);
  // The data directory is its owner's only (0700, as documented): a new volume takes its mode.
  expect(ops('RUN')).toContain('mkdir -p -m 700 /data && chown node:node /data');
  expect(Object.fromEntries(ops('ENV').flatMap(parseEnv))).toMatchObject({ NODE_ENV: 'production', TESSERA_DATA_DIR: '/data', HOST: '0.0.0.0', MALLOC_ARENA_MAX: '2' });
});

it("runs the Dockerfile's own steps in a clean directory and the production server answers /readyz", { timeout: 600_000 }, async () => {
  const stages = parseDockerfile(fs.readFileSync(path.join(REPO, 'Dockerfile'), 'utf8'));
  const dirs = new Map<string, string>();
  let env: Record<string, string> = {};
  let workdir = '';
  let dir = '';
  for (const [index, stage] of stages.entries()) {
    dir = path.join(root, stage.name ?? `stage-${index}`);
    fs.mkdirSync(dir);
    if (stage.name) dirs.set(stage.name, dir);
    env = {};
    for (const { op, args } of stage.steps) {
      if (op === 'WORKDIR') workdir = args;
      else if (op === 'ENV') for (const [k, v] of parseEnv(args)) env[k] = v;
      else if (op === 'COPY') {
        const words = args.split(/\s+/);
        const from = words[0]!.startsWith('--from=') ? dirs.get(words.shift()!.slice('--from='.length))! : REPO;
        const target = words.pop()!;
        for (const source of words) {
          // Inside a stage, absolute paths are under its WORKDIR (/app) here.
          const sourcePath = from === REPO ? path.join(REPO, source) : path.join(from, path.relative(workdir, source));
          const destination = path.join(dir, target.endsWith('/') || target === './' ? path.join(target, path.basename(source)) : target);
          fs.cpSync(sourcePath, destination, { recursive: true, filter: (file) => from !== REPO || inContext(file) });
        }
      } else if (op === 'RUN') {
        if (IMAGE_ONLY_RUNS.includes(args)) continue;
        expect(args, 'a RUN step this test does not know how to run outside an image').toMatch(/^(npm|node) /);
        const result = spawnSync('sh', ['-c', args], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, ...env, npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' },
        });
        expect(result.status, `${args}\n${result.stdout}\n${result.stderr}`).toBe(0);
      }
    }
  }
  // What the runtime stage holds: no dev dependency, the built dashboard, no repository extras.
  expect(fs.existsSync(path.join(dir, 'node_modules', 'fastify'))).toBe(true);
  for (const dev of ['vite', 'vitest', 'typescript', 'playwright-core']) expect(fs.existsSync(path.join(dir, 'node_modules', dev)), dev).toBe(false);
  expect(fs.existsSync(path.join(dir, 'web', 'dist', 'index.html'))).toBe(true);
  for (const absent of ['test', 'bench', 'scripts', 'docs']) expect(fs.existsSync(path.join(dir, absent)), absent).toBe(false);

  // Start the CMD with the image's environment, the data volume mapped to a temporary directory.
  const runtime = stages.at(-1)!;
  const cmd = JSON.parse(runtime.steps.findLast((s) => s.op === 'CMD')!.args) as string[];
  const healthcheck = JSON.parse(/CMD\s+(\[.*\])$/.exec(runtime.steps.find((s) => s.op === 'HEALTHCHECK')!.args)![1]!) as string[];
  const dataDir = path.join(root, 'volume-data');
  const serverEnvOn = (port: number): Record<string, string> => ({
    PATH: process.env.PATH!,
    ...env,
    TESSERA_DATA_DIR: dataDir,
    PORT: String(port),
    // What an operator must supply (compose.yaml passes them).
    TESSERA_MASTER_KEY: TEST_MASTER_KEY,
    TESSERA_PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  expect(serverEnvOn(0).NODE_ENV).toBe('production');
  const resolved = (command: string[]) => command.map((word, i) => (i === 0 && word === 'node' ? process.execPath : word));
  const [bin, ...args] = resolved(cmd);
  // Wait for the server to say it is ready (started again on another port if its first was taken
  // before it listened), then run the image's HEALTHCHECK once.
  const { child, port } = await startServerProcess({
    spawn: (port) => (server = spawn(bin!, args, { cwd: dir, env: serverEnvOn(port) })),
    ready: (output) => output.includes('Tessera is ready'),
    timeoutMs: 120_000,
  });
  const serverEnv = serverEnvOn(port);
  const [hbin, ...hargs] = resolved(healthcheck);
  const health = spawnSync(hbin!, hargs, { cwd: dir, env: serverEnv, encoding: 'utf8' });
  expect(health.status, `HEALTHCHECK failed: ${health.stdout}${health.stderr}`).toBe(0);
  const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
  expect(await ready.json()).toEqual({ status: 'ready', database: 'sqlite' });
  // The production install serves the dashboard it was built with.
  const home = await fetch(`http://127.0.0.1:${port}/`);
  expect(home.status).toBe(200);
  expect(await home.text()).toContain('<div id="root"');
  expect(fs.existsSync(path.join(dataDir, 'tessera.db'))).toBe(true);
  child.kill('SIGTERM');
  expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
});
