// The app instance's scan recorder: created with the context (buildApp, `tessera worker`) and
// handed to whoever records scans as ctx.scans; flushed on a timer and closed by its creator.
// Batches are written by a ScanWriter (a worker thread on SQLite, in-process on PostgreSQL).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { inBackground } from '../../http/request-context.ts';
import { openGeoIp } from './ingest.service.ts';
import { ScanBuffer } from './scan-buffer.ts';
import type { ScanEvent, ScanRecorder } from './scan-event.ts';
import { nameBatch, partsOf, type ScanBatch } from './scan-batch.ts';
import { ScanColumns } from './scan-columns.ts';
import { createScanWriter } from './scan-writer.ts';

/** Buffered scans that start a flush before the timer does. */
export const SCAN_BATCH_SIZE = 4000;

/**
 * Most scans one write transaction takes. A backlog (a burst, the writer behind on a busy core, a
 * database back after an outage) is written in parts of this size: one flush of 57,000 new visitors
 * held SQLite's write lock ~3 s, against the API's 5 s busy timeout, and its garbage grew the writer
 * thread's heap to ~200 MB committed (docs/operations.md, *An audience*). Parts this large keep
 * most of the amortisation a large flush buys (16,000 new visitors: 40 µs a scan against 59 µs at
 * 4,000).
 */
export const SCAN_WRITE_MAX = 16_000;

/** A buffer of scan events and the writer it flushes to; reports to ctx.metrics when there is one. */
export function createScanRecorder(ctx: Pick<AppContext, 'db' | 'dialect' | 'config' | 'log' | 'metrics'>): ScanRecorder {
  const writer = createScanWriter(ctx);
  // A flush is nobody's request: the scan that fills the batch starts it, but the events it writes
  // (scan.created webhooks) must not carry that one request's id.
  const buffer = new ScanBuffer<ScanEvent, ScanBatch>(
    (batch) =>
      // The batch's token names its scans (the writer derives each id from it and the scan's
      // place); when the write fails its scans take the ids it used, so a retry of a write that
      // did commit stores nothing twice. Nothing is computed per scan here (ADR 0029).
      inBackground('scan flush', async () => {
        for (const part of partsOf(batch, SCAN_WRITE_MAX)) await writer.writeBatch(part);
      }).catch((error: unknown) => {
        nameBatch(batch);
        throw error;
      }),
    {
      intervalMs: ctx.config.scanFlushMs,
      // Each flush has a fixed cost (a transaction, its partly filled pages written again, rollup
      // upserts, a thread wake-up and on a shared core the switch to it): 4,000 events a flush
      // cost ~15-25% less CPU per scan than 1,000 (bench/scan-capture.bench.ts) and hold SQLite's
      // write lock ~10 ms. Buffered as columns (ScanColumns), not objects, they do not grow the
      // event loop's young generation (ADR 0029). Below ~4,000 scans a second the timer flushes first.
      batchSize: SCAN_BATCH_SIZE,
      // Bounded (TESSERA_SCAN_BUFFER_MAX): while the database refuses writes the oldest events are
      // kept for the next try and newer ones past the bound are dropped and counted (ADR 0020).
      maxBuffered: ctx.config.scanBufferMax,
      onError: (error, pending, dropped, trigger) => ctx.log.error({ err: error, trigger, pending, dropped, bound: ctx.config.scanBufferMax }, 'scan flush failed; events kept for the next try'),
      onFlush: ctx.metrics ? (events, ms, ok) => ctx.metrics!.observeScanFlush(events, ms, ok) : undefined,
      // A write that hangs (a database that stopped answering without closing the connection)
      // fails nothing, so without these lines scans would pile up and drop in silence.
      onStall: (ms, pending, dropped, ended) =>
        ended
          ? ctx.log.warn({ seconds: Math.round(ms / 1000), pending, dropped }, 'scan flush answered after hanging; writing resumes')
          : ctx.log.error({ seconds: Math.round(ms / 1000), pending, dropped, bound: ctx.config.scanBufferMax }, 'scan flush has had no answer from the database; new scans are held in memory'),
      onDrop: (since, dropped) => ctx.log.error({ since, dropped, bound: ctx.config.scanBufferMax }, 'scan buffer full (TESSERA_SCAN_BUFFER_MAX): new scans are being dropped'),
    },
    new ScanColumns(),
  );
  if (ctx.metrics) ctx.metrics.sources.scanBuffer = () => ({ pending: buffer.pending, dropped: buffer.dropped });
  return {
    record: (event) => buffer.record(event),
    flush: () => buffer.flush(),
    get pending() {
      return buffer.pending;
    },
    get dropped() {
      return buffer.dropped;
    },
    // Graceful shutdown loses nothing: what is buffered is written before the writer goes.
    async close() {
      await buffer.close();
      await writer.close();
      // Only what is still buffered is lost here; drops while running were logged as they happened.
      if (buffer.pending > 0) ctx.log.error({ lost: buffer.pending, droppedWhileRunning: buffer.dropped }, 'scan events lost at shutdown');
    },
  };
}

/** Registers no routes: checks at start what the flush will need. */
export async function scansModule(_app: FastifyInstance, ctx: AppContext): Promise<void> {
  // A configured GeoIP file that cannot be read fails the start, not the first flush.
  openGeoIp(ctx);
}
