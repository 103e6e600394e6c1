// `npm run build:server` compiles src/ into dist/ (what bin/tessera.js runs when it is current,
// ADR 0023); `--if-stale` (npm start's prestart) only when a source changed since, and never fails
// a production install without TypeScript: the sources then run directly, as before.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentServerBuild, SERVER_DIST, SERVER_SRC, sourcesStamp, stampFile } from '../bin/server-build.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

function tscPath(): string | null {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

// Files the server reads at run time beside its modules (page styles and script).
function copyAssets(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyAssets(source, target);
    else if (!entry.name.endsWith('.ts')) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

/** Compiles src/ into `dist` and stamps it with the sources it was built from. */
export function buildServer(dist = SERVER_DIST): boolean {
  const tsc = tscPath();
  if (!tsc) {
    log('server build skipped: TypeScript is not installed (a production install); the sources run directly');
    return false;
  }
  // Stamped before compiling: a source edited during the build then leaves the build stale.
  const stamp = sourcesStamp(SERVER_SRC);
  fs.rmSync(dist, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', dist], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc failed with exit code ${result.status}`);
  copyAssets(SERVER_SRC, dist);
  fs.writeFileSync(stampFile(dist), stamp);
  log(`server built into ${path.relative(process.cwd(), dist) || dist}`);
  return true;
}

if (import.meta.main) {
  if (process.argv.includes('--if-stale') && currentServerBuild()) process.exit(0);
  buildServer();
}
