// Worker thread that writes scan batches on SQLite. better-sqlite3 is synchronous: a flush on the
// main thread would stop every request for its duration. Here it runs flushScanBatch on its own
// connection (WAL lets it write while the main thread reads) and answers each batch with ok/error.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../config.ts';
import type { AppContext } from '../../context.ts';
import { connectDatabase } from '../../db/connect.ts';
import type { ScanBatch } from './scan-batch.ts';
import { flushScanBatch } from './scan.service.ts';

/** What the main thread passes when starting the worker. */
export interface ScanWorkerData {
  file: string;
  config: Config;
}

/** A batch to write. */
export interface ScanWorkerRequest {
  id: number;
  batch: ScanBatch;
}

/** The answer to a batch. */
export interface ScanWorkerResponse {
  id: number;
  error?: string;
}

const data = workerData as ScanWorkerData;
// flushScans checks each batch's campaigns itself, inside its write transaction.
const database = connectDatabase({ dialect: 'sqlite', url: data.file, skipForeignKeyChecks: true, memoryTempStore: true });
const ctx: Pick<AppContext, 'db' | 'config'> = {
  config: { ...data.config, masterKey: Buffer.from(data.config.masterKey ?? []) },
  db: database.db,
};

parentPort!.on('message', (message: ScanWorkerRequest | 'close') => {
  if (message === 'close') {
    // Never inside a flush: better-sqlite3 runs the batch's statements without yielding to the
    // event loop, so this message is handled only after the batch before it has been answered.
    // Closing the port leaves the thread nothing to wait for, so it ends on its own. process.exit()
    // would stop it abruptly, the exit better-sqlite3 #1476 saw crash the process while the
    // isolate's last collection finalised the addon's objects.
    void database.close().finally(() => parentPort!.close());
    return;
  }
  flushScanBatch(ctx, message.batch).then(
    () => parentPort!.postMessage({ id: message.id } satisfies ScanWorkerResponse),
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies ScanWorkerResponse),
  );
});
