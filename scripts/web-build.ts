// Builds the dashboard (web/ → web/dist) when its inputs changed since the last build. The inputs'
// digest is stamped into the build, so `npm start`, the test setup and CI rebuild only when a
// source, the engine it imports (src/qr), the client or the lockfile changed. Needs the dev
// dependencies (Vite); a production install serves whatever web/dist holds.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The build directory. */
export const WEB_DIST = path.join(ROOT, 'web', 'dist');
const STAMP = path.join(WEB_DIST, '.inputs-digest');
const INPUTS = ['web', 'src/qr', 'src/csv.ts', 'clients/typescript/src', 'clients/typescript/package.json', 'package-lock.json'];
const SKIP = new Set(['dist', 'node_modules']);

function walk(file: string, out: string[]): void {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) {
    out.push(file);
    return;
  }
  for (const name of fs.readdirSync(file).sort()) if (!SKIP.has(name)) walk(path.join(file, name), out);
}

/** Digest of every file the build reads. */
export function inputsDigest(): string {
  const hash = createHash('sha256');
  const files: string[] = [];
  for (const input of INPUTS) walk(path.join(ROOT, input), files);
  for (const file of files) hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Whether web/dist was built from the current inputs. */
export function webBuildIsCurrent(digest = inputsDigest()): boolean {
  return fs.existsSync(path.join(WEB_DIST, 'index.html')) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === digest;
}

// Clients that accept compression get these instead of the originals (@fastify/static preCompressed).
function compressAssets(dir: string): void {
  for (const name of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, name.name);
    if (name.isDirectory()) compressAssets(file);
    else if (/\.(js|css|svg|html|json)$/.test(name.name)) {
      const body = fs.readFileSync(file);
      if (body.length < 1024) continue;
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
      fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
}

/** Runs `vite build` and stamps the result. */
export async function buildWeb(log: (line: string) => void = () => {}): Promise<void> {
  const digest = inputsDigest();
  const vite = await import('vite');
  // Always a production build, also when started from a test run (NODE_ENV=test would make the
  // React plugin emit the development JSX runtime).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({ configFile: path.join(ROOT, 'web', 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  compressAssets(WEB_DIST);
  fs.writeFileSync(STAMP, `${digest}\n`);
  log(`dashboard built into ${path.relative(process.cwd(), WEB_DIST) || WEB_DIST}`);
}

/**
 * Why Vite is missing and what to run. npm leaves the dev dependencies out with `--omit=dev` and
 * also, unasked, when NODE_ENV=production is set in the shell that runs `npm ci`: a server whose
 * environment sets it got no dashboard, and `npm run build:web` then failed with a stack trace.
 */
export const VITE_MISSING =
  'Vite is not installed: npm leaves the dev dependencies out with `npm ci --omit=dev` or when NODE_ENV=production is set; run `npm ci --include=dev`, then `npm run build:web`';

/** Whether the dev dependencies that build the dashboard are installed. */
export async function viteInstalled(): Promise<boolean> {
  try {
    await import('vite');
    return true;
  } catch {
    return false;
  }
}

/** Builds when stale; without Vite (a production install) keeps whatever build exists. */
export async function ensureWebBuild(log: (line: string) => void = () => {}): Promise<'current' | 'built' | 'prebuilt' | 'missing'> {
  const digest = inputsDigest();
  if (webBuildIsCurrent(digest)) return 'current';
  if (!(await viteInstalled())) {
    const exists = fs.existsSync(path.join(WEB_DIST, 'index.html'));
    log(exists ? 'dashboard: serving the prebuilt web/dist (Vite is not installed to check it)' : `dashboard: web/dist is missing, so / and /app answer 503 until it is built. ${VITE_MISSING}`);
    return exists ? 'prebuilt' : 'missing';
  }
  log('dashboard: sources changed since the last build; building web/dist…');
  await buildWeb(log);
  return 'built';
}
