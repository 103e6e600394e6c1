// The dashboard's build: a single-page app served by Tessera under /app/ (its shell also answers
// /, /login and /signup). `npm run build:web` runs it; `npm run dev:web` serves it with hot reload
// against a Tessera on :8080.
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const api = process.env.TESSERA_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  plugins: [react(), tailwindcss()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The bundle-budget test reads which chunks /app loads before anything lazy.
    manifest: true,
    target: 'es2022',
    sourcemap: false,
    // The budget that matters (gzipped initial JavaScript) is checked by test/unit/dashboard-bundle.test.ts.
    chunkSizeWarningLimit: 600,
  },
  server: {
    // The live preview imports the QR engine from src/qr and the CSV writer from src/.
    fs: { allow: [repoRoot] },
    proxy: Object.fromEntries(['/api', '/openapi.json', '/docs', '/p', '/i'].map((p) => [p, api])),
  },
});
