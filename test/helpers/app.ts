// Builds a Tessera app for API tests: a fresh database of the given dialect, a manual clock,
// a fixed master key, silent logs (or captured ones), driven through app.inject().
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Dialect } from '../../src/config.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { ManualClock } from './clock.ts';
import { checkResponses, type ResponseViolation } from './response-check.ts';
import { createTestDatabase, type TestDatabase } from './dialects.ts';

/** Fixed master key for tests. */
export const TEST_MASTER_KEY = '7e'.repeat(32);

/** Config for tests; `env` overrides individual variables. Sign-up is open so suites can sign up many accounts. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    TESSERA_MASTER_KEY: TEST_MASTER_KEY,
    TESSERA_PUBLIC_URL: 'http://tessera.test',
    LOG_LEVEL: 'silent',
    TESSERA_DATA_DIR: '/tmp/tessera-test-data',
    TESSERA_SIGNUP: 'open',
    ...env,
  });
}

/** A running test app and everything a test may want to reach into. */
export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: ManualClock;
  config: Config;
  /** Captured log lines (when `captureLogs` was set). */
  logs: string[];
  /** Responses so far that did not match the OpenAPI document (see test/helpers/response-check.ts). */
  violations(): ResponseViolation[];
  close(): Promise<void>;
}

/** Options for createTestApp. */
export interface TestAppOptions {
  env?: Record<string, string>;
  captureLogs?: boolean;
  clock?: ManualClock;
  /** Run background jobs (default false: tests call job functions by hand with a moved clock). */
  startWorker?: boolean;
  /** Reuse an existing database (a second instance on the same data). */
  database?: TestDatabase;
  /** Check every response against the OpenAPI document (default true); close() fails on a mismatch. */
  checkResponses?: boolean;
  /** Called before the modules add their routes (e.g. an onRoute hook that sees every route). */
  instrument?: (app: FastifyInstance) => void;
}

/** Builds an app on a fresh, migrated database of `dialect`. */
export async function createTestApp(dialect: Dialect, options: TestAppOptions = {}): Promise<TestApp> {
  const ownDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase(dialect));
  const handle = ownDatabase ? database.handle : database.connectAgain();
  const clock = options.clock ?? new ManualClock();
  const logs: string[] = [];
  const logStream = options.captureLogs
    ? new Writable({
        write(chunk, _encoding, done) {
          logs.push(...String(chunk).split('\n').filter(Boolean));
          done();
        },
      })
    : undefined;
  const config = testConfig({ ...(options.captureLogs ? { LOG_LEVEL: 'debug' } : {}), ...options.env });
  let violations: ResponseViolation[] = [];
  const instrument = (instance: FastifyInstance) => {
    if (options.checkResponses !== false) violations = checkResponses(instance);
    options.instrument?.(instance);
  };
  const app = await buildApp(config, { database: handle, clock, logStream, startWorker: options.startWorker ?? false, instrument });
  return {
    app,
    database,
    clock,
    config,
    logs,
    violations: () => violations,
    async close() {
      await app.close();
      if (ownDatabase) await database.destroy();
      else await handle.close();
      if (violations.length > 0) {
        const lines = violations.slice(0, 20).map((v) => `  ${v.request} → ${v.status}: ${v.problem}`);
        throw new Error(`${violations.length} response(s) do not match the OpenAPI document:\n${lines.join('\n')}`);
      }
    },
  };
}
