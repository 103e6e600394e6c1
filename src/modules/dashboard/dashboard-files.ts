// The built dashboard (web/dist): where it is and which files it holds. The build is made by
// scripts/build-web.ts (on `npm start` when stale, in a Docker build stage, or by the test setup);
// the server only reads it, so a production install without dev dependencies serves it as is.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `vite build` writes the dashboard. */
export const DASHBOARD_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** The built dashboard as the server sees it at start. */
export interface DashboardBuild {
  /** Absolute path of the build directory. */
  root: string;
  /** Every other file, by its path below the build root ('assets/index-….js', 'favicon.svg'). */
  files: ReadonlySet<string>;
  /** When index.html was last written, as seen at load (0 when unknown). */
  builtAt: number;
}

function listFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) out.push(...listFiles(root, relative));
    else if (!/\.(gz|br)$/.test(entry.name) && relative !== 'index.html') out.push(relative);
  }
  return out;
}

/** Reads the build once; null when there is none (the routes then explain how to make one). */
export function loadDashboardBuild(root: string = DASHBOARD_DIST): DashboardBuild | null {
  const index = path.join(root, 'index.html');
  const builtAt = modifiedAt(index);
  if (builtAt === null) return null;
  return { root, files: new Set(listFiles(root)), builtAt };
}

function modifiedAt(file: string): number | null {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * The build again when it was rebuilt since `build` was read, else `build` itself. A rebuild
 * under a running server (`npm run build:web` after a pull) writes a shell naming bundles the
 * list read at start lacks: without this the dashboard was blank until a restart. Asked only when
 * a requested file is not in the list, so a steady build costs nothing.
 */
export function reloadedDashboardBuild(build: DashboardBuild): DashboardBuild {
  const builtAt = modifiedAt(path.join(build.root, 'index.html'));
  if (builtAt === null || builtAt === build.builtAt) return build;
  return loadDashboardBuild(build.root) ?? build;
}
