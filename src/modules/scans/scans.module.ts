// Owns the app instance's scan buffer: created at startup, flushed on a timer and on shutdown,
// written by a ScanWriter (a worker thread on SQLite, in-process on PostgreSQL).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { inBackground } from '../../http/request-context.ts';
import { ScanBuffer } from './scan-buffer.ts';
import type { ScanEvent } from './scan.service.ts';
import { createScanWriter } from './scan-writer.ts';

/** Buffered scans that start a flush before the timer does. */
export const SCAN_BATCH_SIZE = 1000;

const buffers = new WeakMap<object, ScanBuffer<ScanEvent>>();

/** The scan buffer of this app instance (registered by scansModule). */
export function scanBuffer(ctx: AppContext): ScanBuffer<ScanEvent> {
  const buffer = buffers.get(ctx);
  if (!buffer) throw new Error('scansModule must be registered before modules that record scans');
  return buffer;
}

/** Creates the scan buffer and flushes it when the app closes (graceful shutdown loses nothing). */
export async function scansModule(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const writer = createScanWriter(ctx);
  // A flush is nobody's request: the thousandth scan fills the batch, but the events it writes
  // (scan.created webhooks) must not carry that one request's id.
  const buffer = new ScanBuffer<ScanEvent>((events) => inBackground('scan flush', () => writer.write(events)), {
    intervalMs: ctx.config.scanFlushMs,
    // Each flush has a fixed cost (a transaction, rollup upserts, a thread wake-up): under load,
    // 1,000 events a flush cost ~20% less CPU per scan than 500 and hold SQLite's write lock for
    // only a few milliseconds.
    batchSize: SCAN_BATCH_SIZE,
    // Bounded (TESSERA_SCAN_BUFFER_MAX): while the database refuses writes the oldest events are
    // kept for the next try and newer ones past the bound are dropped and counted (ADR 0020).
    maxBuffered: ctx.config.scanBufferMax,
    onError: (error, pending, dropped, trigger) => ctx.log.error({ err: error, trigger, pending, dropped, bound: ctx.config.scanBufferMax }, 'scan flush failed; events kept for the next try'),
    onFlush: ctx.metrics ? (events, ms, ok) => ctx.metrics!.observeScanFlush(events, ms, ok) : undefined,
  });
  if (ctx.metrics) ctx.metrics.sources.scanBuffer = () => ({ pending: buffer.pending, dropped: buffer.dropped });
  buffers.set(ctx, buffer);
  app.addHook('onClose', async () => {
    await buffer.close();
    await writer.close();
    if (buffer.pending > 0 || buffer.dropped > 0) ctx.log.error({ pending: buffer.pending, dropped: buffer.dropped }, 'scan events lost at shutdown');
  });
}
