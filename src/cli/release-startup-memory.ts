// Building the app (schemas compiled, routes and the OpenAPI document generated) allocates fast
// enough that V8 grows its young generation to the maximum (64 MB on Node 24) and keeps it: an
// idle server never collects again, so those pages stay resident. One memory-reducing collection
// before the server listens gives them back (~45 MB). It costs a few hundred milliseconds once,
// before the first request (ADR 0020, *Idle memory*).
//
// Where it runs matters. A memory-reducing collection also drops every hidden class no live
// object uses, and inline caches that had seen the dropped classes go megamorphic for good. Run
// from a promise continuation, the collection found no `process.nextTick` entry alive: the four
// property stores of nextTick's tick object went megamorphic and every nextTick after it cost
// ~5× as much (~550 ns instead of ~100), four of them per HTTP request. Run from inside a tick,
// the tick being processed keeps its class alive and nextTick stays monomorphic (ADR 0020,
// *Where the collection runs*; test/unit/release-startup-memory.test.ts).
import { createHook } from 'node:async_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

type GcFunction = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/** Collects everything startup left behind and shrinks the heap to what is live. */
export function releaseStartupMemory(): Promise<void> {
  return new Promise((resolve, reject) => {
    process.nextTick(() => {
      try {
        collectEverything();
        pinTickObjectClass();
        resolve();
      } catch (error) {
        reject(error);
      }
    });
  });
}

function collectEverything(): void {
  // V8 gives `gc` only to contexts created while --expose-gc is set; the flag is set for the
  // moment it takes to create one and reset, so application code never sees a global gc.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as GcFunction;
  v8.setFlagsFromString('--no-expose-gc');
  // 'last-resort' is V8's memory-reducing full collection (the one behind its low-memory
  // notification): unlike a plain major GC it also shrinks the young generation.
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

// V8's memory reducer runs the same memory-reducing collection by itself, from an idle task, some
// seconds after traffic stops, when no tick is pending: an idle server lost its monomorphic
// nextTick that way and served ~13 % fewer redirects from then on (ADR 0020, *Idle collections*).
// A tick object kept alive for the life of the process keeps its hidden class, and with it the
// transitions nextTick's inline caches point at, through any collection. Node hands the tick
// object itself only to async_hooks init hooks, so one is enabled for a single nextTick.
let pinnedTick: object | undefined;

function pinTickObjectClass(): void {
  if (pinnedTick) return;
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject') pinnedTick = resource;
    },
  });
  hook.enable();
  process.nextTick(() => {});
  hook.disable();
}
