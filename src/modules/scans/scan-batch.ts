// The form a batch of scan events takes between the event loop and the SQLite writer thread.
// JSON of 500 events cost the event loop ~1.5 µs per scan (stringify plus the clone of a large
// string) and the writer as much again to parse. A batch repeats a few values many times (one
// campaign, a handful of agents, visitors and referrers), so it travels as a string table plus
// columns of indexes: a Map lookup per field to encode, typed arrays moved without copying.

import type { ScanEvent } from './scan-event.ts';

/** Per event: campaign, account, user agent, referrer, IP, country — indexes into `strings`, 0 for null. */
const FIELDS = 6;

/** A batch of scan events as columns. */
export interface ScanBatch {
  /** strings[0] stands for null. */
  strings: string[];
  /** FIELDS indexes per event, in event order. */
  refs: Uint32Array;
  occurredAt: Float64Array;
  /** 1 for a stale scan (a morphing code scanned outside its window), else 0. */
  stale: Uint8Array;
  /** Row ids, where given (see ScanEvent.id); '' for none. */
  ids: string[];
  /** 1 for an event written before (ScanEvent.retried), else 0. */
  retried: Uint8Array;
}

/** Encodes events as a ScanBatch. */
export function encodeScanBatch(events: readonly ScanEvent[]): ScanBatch {
  const strings: string[] = [''];
  const index = new Map<string, number>();
  const ref = (value: string | null): number => {
    if (value === null) return 0;
    let i = index.get(value);
    if (i === undefined) {
      i = strings.length;
      strings.push(value);
      index.set(value, i);
    }
    return i;
  };
  const refs = new Uint32Array(events.length * FIELDS);
  const occurredAt = new Float64Array(events.length);
  const stale = new Uint8Array(events.length);
  const ids: string[] = new Array(events.length);
  const retried = new Uint8Array(events.length);
  for (let e = 0; e < events.length; e++) {
    const event = events[e]!;
    const at = e * FIELDS;
    refs[at] = ref(event.campaignId);
    refs[at + 1] = ref(event.accountId);
    refs[at + 2] = ref(event.userAgent);
    refs[at + 3] = ref(event.referrer);
    refs[at + 4] = ref(event.ip);
    refs[at + 5] = ref(event.country);
    occurredAt[e] = event.occurredAt;
    stale[e] = event.kind === 'stale' ? 1 : 0;
    ids[e] = event.id ?? '';
    retried[e] = event.retried ? 1 : 0;
  }
  return { strings, refs, occurredAt, stale, ids, retried };
}

/** The buffers postMessage can move instead of copying. */
export function transferablesOf(batch: ScanBatch): ArrayBuffer[] {
  return [batch.refs.buffer as ArrayBuffer, batch.occurredAt.buffer as ArrayBuffer, batch.stale.buffer as ArrayBuffer, batch.retried.buffer as ArrayBuffer];
}

/** The events of a ScanBatch, as encoded. */
export function decodeScanBatch(batch: ScanBatch): ScanEvent[] {
  const { strings, refs, occurredAt, stale, ids, retried } = batch;
  const value = (i: number): string | null => (i === 0 ? null : strings[i]!);
  const events: ScanEvent[] = new Array(occurredAt.length);
  for (let e = 0; e < occurredAt.length; e++) {
    const at = e * FIELDS;
    events[e] = {
      campaignId: strings[refs[at]!]!,
      accountId: strings[refs[at + 1]!]!,
      occurredAt: occurredAt[e]!,
      userAgent: value(refs[at + 2]!),
      referrer: value(refs[at + 3]!),
      ip: value(refs[at + 4]!),
      country: value(refs[at + 5]!),
      kind: stale[e] === 1 ? 'stale' : 'scan',
    };
    if (ids[e]) events[e]!.id = ids[e];
    if (retried[e] === 1) events[e]!.retried = true;
  }
  return events;
}
