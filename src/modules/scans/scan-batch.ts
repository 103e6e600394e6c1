// The form a batch of scan events takes between the event loop and the SQLite writer thread.
// JSON of 500 events cost the event loop ~1.5 µs per scan (stringify plus the clone of a large
// string) and the writer as much again to parse. A batch repeats a few values many times (one
// campaign, a handful of agents, visitors and referrers), so it travels as a string table plus
// columns of indexes: a Map lookup per field to encode, typed arrays moved without copying.
// Scans are not named on the event loop: the batch carries one token, and the writer derives
// each scan's id from it and the scan's place (scanIdsOf); only ids given before (a retried
// scan's) travel.

import type { ScanEvent } from './scan-event.ts';
import { batchToken, scanIdsOf } from './scan-id.ts';

/** Per event: campaign, account, user agent, referrer, IP, country — indexes into `strings`, 0 for null. */
export const FIELDS = 6;

/** A batch of scan events as columns. */
export interface ScanBatch {
  /** strings[0] stands for null. */
  strings: string[];
  /** FIELDS indexes per event, in event order. */
  refs: Uint32Array;
  occurredAt: Float64Array;
  /** 1 for a stale scan (a morphing code scanned outside its window), else 0. */
  stale: Uint8Array;
  /** Names the scans without an id (scanIdsOf). */
  token: string;
  /** Row ids, where given (see ScanEvent.id), '' for none; null when no event has one. */
  ids: string[] | null;
  /** 1 for an event written before (ScanEvent.retried), else 0; null when none was. */
  retried: Uint8Array | null;
}

/** Rows of a batch. */
export function scanCount(batch: ScanBatch): number {
  return batch.occurredAt.length;
}

/** The value of string reference `ref` (null for 0). */
export function stringOf(batch: ScanBatch, ref: number): string | null {
  return ref === 0 ? null : batch.strings[ref]!;
}

/** The event of row `i`. */
export function eventAt(batch: ScanBatch, i: number): ScanEvent {
  const at = i * FIELDS;
  const { strings, refs } = batch;
  const event: ScanEvent = {
    campaignId: strings[refs[at]!]!,
    accountId: strings[refs[at + 1]!]!,
    occurredAt: batch.occurredAt[i]!,
    userAgent: stringOf(batch, refs[at + 2]!),
    referrer: stringOf(batch, refs[at + 3]!),
    ip: stringOf(batch, refs[at + 4]!),
    country: stringOf(batch, refs[at + 5]!),
    kind: batch.stale[i] === 1 ? 'stale' : 'scan',
  };
  const id = batch.ids?.[i];
  if (id) event.id = id;
  if (batch.retried?.[i] === 1) event.retried = true;
  return event;
}

/** The rows `rows` of a batch (in that order) as a batch of their own, each with its id. */
export function selectRows(batch: ScanBatch, ids: readonly string[], rows: readonly number[]): ScanBatch {
  const refs = new Uint32Array(rows.length * FIELDS);
  const occurredAt = new Float64Array(rows.length);
  const stale = new Uint8Array(rows.length);
  const retried = new Uint8Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    refs.set(batch.refs.subarray(i * FIELDS, i * FIELDS + FIELDS), r * FIELDS);
    occurredAt[r] = batch.occurredAt[i]!;
    stale[r] = batch.stale[i]!;
    retried[r] = batch.retried?.[i] ?? 0;
  }
  return { strings: batch.strings, refs, occurredAt, stale, token: batch.token, ids: rows.map((i) => ids[i]!), retried };
}

/**
 * A batch as parts of at most `max` scans, each naming its scans with the ids the whole batch gives
 * them (scanIdsOf over the whole), so parts written apart store exactly what the batch would, and a
 * retry of the whole after a part failed skips the parts that committed (their scans are retried
 * ones with the same ids). A batch within `max` is its own one part, unchanged.
 */
export function partsOf(batch: ScanBatch, max: number): ScanBatch[] {
  const count = scanCount(batch);
  if (count <= max) return [batch];
  const ids = scanIdsOf(batch.occurredAt, batch.token, batch.ids);
  const parts: ScanBatch[] = [];
  for (let start = 0; start < count; start += max) {
    parts.push(
      selectRows(
        batch,
        ids,
        Array.from({ length: Math.min(max, count - start) }, (_, i) => start + i),
      ),
    );
  }
  return parts;
}

/** After a failed write: the batch's scans take the ids that write used, and all count as retried (it may have committed with only its answer lost). */
export function nameBatch(batch: ScanBatch): void {
  batch.ids = scanIdsOf(batch.occurredAt, batch.token, batch.ids);
  batch.retried = new Uint8Array(batch.occurredAt.length).fill(1);
}

/** Encodes events as a ScanBatch whose scans without an id `token` names. */
export function encodeScanBatch(events: readonly ScanEvent[], token: string = batchToken()): ScanBatch {
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
  let ids: string[] | null = null;
  let retried: Uint8Array | null = null;
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
    if (event.id !== undefined) (ids ??= new Array<string>(events.length).fill(''))[e] = event.id;
    if (event.retried) (retried ??= new Uint8Array(events.length))[e] = 1;
  }
  return { strings, refs, occurredAt, stale, token, ids, retried };
}

/** The buffers postMessage can move instead of copying. */
export function transferablesOf(batch: ScanBatch): ArrayBuffer[] {
  const buffers = [batch.refs.buffer as ArrayBuffer, batch.occurredAt.buffer as ArrayBuffer, batch.stale.buffer as ArrayBuffer];
  if (batch.retried) buffers.push(batch.retried.buffer as ArrayBuffer);
  return buffers;
}

/** The events of a ScanBatch, as encoded. */
export function decodeScanBatch(batch: ScanBatch): ScanEvent[] {
  return Array.from({ length: scanCount(batch) }, (_, i) => eventAt(batch, i));
}
