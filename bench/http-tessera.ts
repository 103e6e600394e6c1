// What bench/http-server.ts and bench/http-seed.ts share about the Tessera they run: the same
// code (the compiled build as `npm start` runs it, ADR 0023, or the sources with BENCH_SOURCES=1)
// and the same configuration, so the seed writes what the server then reads.
import { currentServerBuild } from '../bin/server-build.js';

// Each isolate running the sources holds Node's type stripper (the scan writer thread too).
const root = process.env.BENCH_SOURCES !== '1' && currentServerBuild() ? '../dist' : '../src';
const ext = root === '../dist' ? 'js' : 'ts';

/** Imports a server module (path under src/, no extension) from the build or the sources. */
export const load = <T>(file: string): Promise<T> => import(`${root}/${file}.${ext}`) as Promise<T>;

/** The environment Tessera runs with: the defaults (LOG_LEVEL info and all), so what users run is what is measured. */
export function tesseraEnv(dataDir: string): Record<string, string> {
  return {
    TESSERA_DATA_DIR: dataDir,
    TESSERA_MASTER_KEY: '7e'.repeat(32),
    PORT: '0',
    TESSERA_WORKER: 'false',
    ...(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {}),
  };
}
