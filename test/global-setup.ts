// Decides once per run whether the PostgreSQL pass runs. Locally an absent server skips it with
// a visible notice; in CI (CI=true) an absent server fails the run.
import type { TestProject } from 'vitest/node';
import { ensureWebBuild } from '../scripts/web-build.ts';
import { postgresReachable, TEST_DATABASE_URL } from './helpers/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: boolean;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const wanted = process.env.TEST_DIALECTS ?? 'sqlite,postgres';
  let available = wanted.includes('postgres') && (await postgresReachable());
  if (wanted.includes('postgres') && !available) {
    if (process.env.CI === 'true') throw new Error(`CI=true but PostgreSQL at ${TEST_DATABASE_URL} is unreachable: the PostgreSQL pass cannot be skipped in CI.`);
    process.stderr.write(`\n⚠️  NOTICE: PostgreSQL at ${TEST_DATABASE_URL} is unreachable — PostgreSQL tests are SKIPPED. Set TEST_DATABASE_URL or start PostgreSQL.\n\n`);
    available = false;
  }
  project.provide('postgres', available);
  // The dashboard's browser tests and bundle budget need web/dist built from the current sources
  // (a local build with Vite: no network). A no-op when nothing changed since the last build.
  await ensureWebBuild((line) => process.stderr.write(`${line}\n`));
}
