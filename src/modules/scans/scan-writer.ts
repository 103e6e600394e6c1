// Chooses where scan batches are written. PostgreSQL: flushScans in this process (the driver is
// asynchronous, the event loop keeps serving). SQLite on a file: a worker thread started on the
// first batch (see scan-worker.ts), so no request waits while SQLite writes.
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../context.ts';
import { sqliteFilePath } from '../../db/sqlite-file.ts';
import type { ScanWorkerData, ScanWorkerRequest, ScanWorkerResponse } from './scan-worker.ts';
import { encodeScanBatch, type ScanBatch, transferablesOf } from './scan-batch.ts';
import type { ScanEvent } from './scan-event.ts';
import { flushScanBatch, flushScans } from './scan.service.ts';

/** What a writer needs of the app context. */
export type ScanWriterContext = Pick<AppContext, 'db' | 'dialect' | 'config' | 'log'>;

/** Writes batches of scan events; close() releases what it holds. */
export interface ScanWriter {
  /** Writes `events`; those without an id are named by `token` (scanIdsOf), a fresh one when not given. */
  write(events: ScanEvent[], token?: string): Promise<void>;
  /** Writes a batch; it stays usable by the caller (for a retry after a failure). */
  writeBatch(batch: ScanBatch): Promise<void>;
  close(): Promise<void>;
  /** The worker thread writing, if any (diagnostics and tests). */
  threadId(): number | null;
}

/** Writes in this process. */
export function inProcessWriter(ctx: ScanWriterContext): ScanWriter {
  return { write: (events, token) => flushScans(ctx, events, token), writeBatch: (batch) => flushScanBatch(ctx, batch), close: async () => {}, threadId: () => null };
}

/** Writes through a worker thread holding its own connection to the SQLite file. */
export function workerWriter(ctx: ScanWriterContext): ScanWriter {
  let worker: Worker | null = null;
  let starting: Promise<Worker | null> | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve(): void; reject(error: Error): void }>();
  // A closing thread stays referenced until it exits, even once its last batch is answered: let go
  // earlier and a process with nothing else left ends with the close unfinished.
  const closing = new WeakSet<Worker>();

  const failAll = (error: Error) => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };

  const start = async (): Promise<Worker | null> => {
    const file = await sqliteFilePath(ctx.db);
    if (!file) return null;
    const data: ScanWorkerData = { file, config: ctx.config };
    // The worker is this module's sibling: .ts when the sources run, .js in a build (ADR 0023).
    const started = new Worker(new URL(`./scan-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url), { workerData: data });
    // An idle writer must not keep the process alive; one with a batch in flight must.
    started.unref();
    started.on('message', (response: ScanWorkerResponse) => {
      const pending = waiting.get(response.id);
      waiting.delete(response.id);
      if (waiting.size === 0 && !closing.has(started)) started.unref();
      if (response.error) pending?.reject(new Error(response.error));
      else pending?.resolve();
    });
    started.on('error', (error) => {
      ctx.log.error({ err: error }, 'scan writer thread failed; the batch stays buffered and the next flush starts a new thread');
      failAll(error);
      worker = null;
    });
    started.on('exit', () => {
      failAll(new Error('scan writer thread exited'));
      worker = null;
    });
    return started;
  };

  const post = async (batch: ScanBatch, transfer: ArrayBuffer[]): Promise<void> => {
    if (!worker) {
      starting ??= start().finally(() => (starting = null));
      worker = await starting;
      if (!worker) return flushScanBatch(ctx, batch);
    }
    const id = nextId++;
    const done = new Promise<void>((resolve, reject) => waiting.set(id, { resolve, reject }));
    worker.ref();
    worker.postMessage({ id, batch } satisfies ScanWorkerRequest, transfer);
    return done;
  };

  return {
    threadId: () => worker?.threadId ?? null,
    write(events, token) {
      const batch = encodeScanBatch(events, token);
      return post(batch, transferablesOf(batch));
    },
    // Copied, not moved: the caller keeps the batch to put it back if the write fails.
    writeBatch: (batch) => post(batch, []),
    async close() {
      // A thread still starting has a batch waiting for it: it is closed once it has taken that.
      // A start that fails has failed that batch (the buffer keeps it), so it leaves nothing to close.
      if (starting) await starting.catch(() => null);
      const current = worker;
      worker = null;
      if (!current) return;
      const exited = new Promise((resolve) => current.once('exit', resolve));
      closing.add(current);
      current.ref();
      current.postMessage('close');
      await exited;
    },
  };
}

/** The writer for this app's database. */
export function createScanWriter(ctx: ScanWriterContext): ScanWriter {
  return ctx.dialect === 'sqlite' ? workerWriter(ctx) : inProcessWriter(ctx);
}
