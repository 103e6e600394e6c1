// Whether dist/ holds a build of exactly the current src/ (ADR 0023). Plain JavaScript: the
// entry point reads it before any TypeScript loads. The stamp lists every source's path, size and
// modification time, so an edit, a checkout or a pull makes the build stale and the sources run
// instead: a stale build never runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Sources and the directory a build writes. */
export const SERVER_SRC = path.join(ROOT, 'src');
export const SERVER_DIST = path.join(ROOT, 'dist');
const STAMP = '.sources-stamp';

function walk(root, dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(root, file, out);
    else {
      const stat = fs.statSync(file);
      out.push(`${path.relative(root, file)}\t${stat.size}\t${Math.trunc(stat.mtimeMs)}`);
    }
  }
  return out;
}

/** One line per source file: path, size, mtime (sorted). */
export function sourcesStamp(src = SERVER_SRC) {
  return walk(src, src, []).sort().join('\n');
}

/** The stamp file inside a build directory. */
export function stampFile(dist = SERVER_DIST) {
  return path.join(dist, STAMP);
}

/**
 * dist/main.js when dist/ was built from the current sources, or when there are no sources beside
 * it (an image that ships only the build); else null.
 */
export function currentServerBuild(dist = SERVER_DIST, src = SERVER_SRC) {
  const main = path.join(dist, 'main.js');
  if (!fs.existsSync(src)) return fs.existsSync(main) ? main : null;
  try {
    if (!fs.existsSync(main) || fs.readFileSync(stampFile(dist), 'utf8') !== sourcesStamp(src)) return null;
  } catch {
    return null;
  }
  return main;
}
