// The bundle budget: what a first visit to /app downloads before anything lazy (the entry
// chunk and every chunk it imports statically) stays within 200 KB gzipped. The designer, the
// scans page (with uPlot), bulk, templates and API keys are lazy chunks. Prints the size of every chunk.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect, it } from 'vitest';
import { WEB_DIST } from '../../scripts/web-build.ts';

/** Budget for the initial JavaScript of /app, gzipped. */
const BUDGET_BYTES = 200 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(WEB_DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
const gzipped = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(WEB_DIST, file)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function initialChunks(): string[] {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)!;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]!.imports ?? []) visit(next);
  };
  visit(entry[0]);
  return [...seen];
}

it(`keeps the initial JavaScript of /app within ${kb(BUDGET_BYTES)} gzipped, with the designer and the other pages lazy`, () => {
  const initial = initialChunks();
  const rows = Object.entries(manifest)
    .filter(([, chunk]) => chunk.file.endsWith('.js'))
    .map(([key, chunk]) => ({ chunk: chunk.file, initial: initial.includes(key), raw: kb(fs.statSync(path.join(WEB_DIST, chunk.file)).size), gzip: gzipped(chunk.file) }));
  console.table(rows.map((r) => ({ ...r, gzip: kb(r.gzip) })));
  const total = rows.filter((r) => r.initial).reduce((sum, r) => sum + r.gzip, 0);
  console.log(`initial JavaScript for /app: ${kb(total)} gzipped (budget ${kb(BUDGET_BYTES)})`);
  expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  // The QR engine ships only with the designer and the pages that draw codes.
  const lazy = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry)
    .map(([key]) => key);
  for (const page of [
    'src/routes/campaign-editor.tsx',
    'src/routes/campaign-scans.tsx',
    'src/bulk/bulk-page.tsx',
    'src/routes/templates.tsx',
    'src/routes/api-keys.tsx',
    'src/routes/settings.tsx',
    'src/routes/webhooks.tsx',
    'src/routes/payments.tsx',
    'src/routes/payee.tsx',
    'src/routes/reconcile.tsx',
    'src/routes/form-answers.tsx',
    'src/routes/hosted-page.tsx',
  ])
    expect(lazy, page).toContain(page);
  // A production build: React's development runtime would be larger and slower.
  for (const key of initial) expect(fs.readFileSync(path.join(WEB_DIST, manifest[key]!.file), 'utf8')).not.toMatch(/jsxDEV|react-dom\.development/);
  const initialSources = initial.join(' ');
  expect(initialSources).not.toMatch(/campaign-editor|campaign-scans|uplot|bulk-page|qr\/svg/);
});
