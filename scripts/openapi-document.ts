// The app's own OpenAPI document, taken from an app built on a throwaway SQLite database without
// listening: what /openapi.json serves, available offline for code generation and drift checks.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/** Public URL written into the document's `servers` (the README's default address). */
const DOCUMENT_SERVER = 'http://127.0.0.1:8080';

/** Builds the app once and returns its OpenAPI document. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-openapi-'));
  const file = path.join(dir, 'tessera.db');
  const database = connectDatabase({ dialect: 'sqlite', url: file });
  try {
    await migrateToLatest(database.db);
    const config = loadConfig({ TESSERA_MASTER_KEY: randomBytes(32).toString('hex'), TESSERA_PUBLIC_URL: DOCUMENT_SERVER, LOG_LEVEL: 'silent', TESSERA_DATA_DIR: dir });
    const app = await buildApp(config, { database, startWorker: false });
    try {
      await app.ready();
      return app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
