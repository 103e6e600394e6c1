// Building the app (schemas compiled, routes and the OpenAPI document generated) allocates fast
// enough that V8 grows its young generation to the maximum (64 MB on Node 24) and keeps it: an
// idle server never collects again, so those pages stay resident. One memory-reducing collection
// before the server listens gives them back (~45 MB). It costs a few hundred milliseconds once,
// before the first request, and ~1 µs of CPU per redirect under load: V8 regrows the young
// generation only partway, so it scavenges more often (ADR 0020, *Idle memory*).
import v8 from 'node:v8';
import vm from 'node:vm';

type GcFunction = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/** Collects everything startup left behind and shrinks the heap to what is live. */
export function releaseStartupMemory(): void {
  // V8 gives `gc` only to contexts created while --expose-gc is set; the flag is set for the
  // moment it takes to create one and reset, so application code never sees a global gc.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as GcFunction;
  v8.setFlagsFromString('--no-expose-gc');
  // 'last-resort' is V8's memory-reducing full collection (the one behind its low-memory
  // notification): unlike a plain major GC it also shrinks the young generation.
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
