// The recorder's queue of captured scans, kept as the columns a ScanBatch is made of. An event
// object per scan, held until its flush, outlives the event loop's young-generation collections:
// each one copies it, and V8 answers a high survival rate by growing that generation (with 4,000
// events buffered it doubled, +60 MB of RSS). Here a scan leaves six string references, a time
// and a flag in typed arrays (outside the heap) the moment it is recorded; its event object dies
// young, and a flush hands over the columns as they are (ADR 0029).
import type { BufferQueue } from './scan-buffer.ts';
import { encodeScanBatch, eventAt, FIELDS, type ScanBatch } from './scan-batch.ts';
import type { ScanEvent } from './scan-event.ts';
import { batchToken } from './scan-id.ts';

const INITIAL_CAPACITY = 1024;

/** Captured scans as growing columns; take() turns them into a ScanBatch named by a fresh token. */
export class ScanColumns implements BufferQueue<ScanEvent, ScanBatch> {
  private strings: string[] = [''];
  private index = new Map<string, number>();
  private refs = new Uint32Array(INITIAL_CAPACITY * FIELDS);
  private occurredAt = new Float64Array(INITIAL_CAPACITY);
  private stale = new Uint8Array(INITIAL_CAPACITY);
  private count = 0;
  // Events put back after a failed write, or recorded with an id: rare, kept as objects, ahead of the columns.
  private front: ScanEvent[] = [];

  get length(): number {
    return this.front.length + this.count;
  }

  push(event: ScanEvent): void {
    if (event.id !== undefined || event.retried || this.front.length > 0) {
      // Order must hold: once anything waits in front, later events queue behind it there too.
      if (this.front.length === 0 && this.count > 0) this.front = this.events();
      this.front.push(event);
      this.clear();
      return;
    }
    if (this.count === this.occurredAt.length) this.grow();
    const at = this.count * FIELDS;
    const refs = this.refs;
    refs[at] = this.ref(event.campaignId);
    refs[at + 1] = this.ref(event.accountId);
    refs[at + 2] = this.ref(event.userAgent);
    refs[at + 3] = this.ref(event.referrer);
    refs[at + 4] = this.ref(event.ip);
    refs[at + 5] = this.ref(event.country);
    this.occurredAt[this.count] = event.occurredAt;
    this.stale[this.count] = event.kind === 'stale' ? 1 : 0;
    this.count++;
  }

  take(): ScanBatch {
    if (this.front.length > 0) {
      const events = this.front.concat(this.events());
      this.front = [];
      this.clear();
      return encodeScanBatch(events);
    }
    const n = this.count;
    // Copies of the used part: the batch travels (and may come back after a failure) while the
    // columns take the next scans.
    const batch: ScanBatch = {
      strings: this.strings,
      refs: this.refs.slice(0, n * FIELDS),
      occurredAt: this.occurredAt.slice(0, n),
      stale: this.stale.slice(0, n),
      token: batchToken(),
      ids: null,
      retried: null,
    };
    this.clear();
    return batch;
  }

  sizeOf(batch: ScanBatch): number {
    return batch.occurredAt.length;
  }

  restore(batch: ScanBatch, keep: number): void {
    const n = batch.occurredAt.length;
    const kept: ScanEvent[] = [];
    for (let i = n - keep; i < n; i++) kept.push(eventAt(batch, i));
    this.front = kept.concat(this.front, this.events());
    this.clear();
  }

  private ref(value: string | null): number {
    if (value === null) return 0;
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(value);
      this.index.set(value, i);
    }
    return i;
  }

  // The scans in the columns as events (the rare paths only).
  private events(): ScanEvent[] {
    const view: ScanBatch = { strings: this.strings, refs: this.refs, occurredAt: this.occurredAt.subarray(0, this.count), stale: this.stale, token: '', ids: null, retried: null };
    return Array.from({ length: this.count }, (_, i) => eventAt(view, i));
  }

  private clear(): void {
    this.count = 0;
    this.strings = [''];
    this.index = new Map();
  }

  private grow(): void {
    const capacity = this.occurredAt.length * 2;
    const refs = new Uint32Array(capacity * FIELDS);
    refs.set(this.refs);
    this.refs = refs;
    const occurredAt = new Float64Array(capacity);
    occurredAt.set(this.occurredAt);
    this.occurredAt = occurredAt;
    const stale = new Uint8Array(capacity);
    stale.set(this.stale);
    this.stale = stale;
  }
}
