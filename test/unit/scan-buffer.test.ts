import { describe, expect, it } from 'vitest';
import { ScanBuffer } from '../../src/modules/scans/scan-buffer.ts';

describe('ScanBuffer', () => {
  it('writes everything queued on flush, in order, and never overlaps writes', async () => {
    const written: number[][] = [];
    let active = 0;
    const buffer = new ScanBuffer<number>(
      async (events) => {
        active++;
        expect(active).toBe(1);
        await new Promise((r) => setImmediate(r));
        written.push(events);
        active--;
      },
      { intervalMs: 60_000, batchSize: 1_000_000 },
    );
    for (let i = 0; i < 10; i++) buffer.record(i);
    const first = buffer.flush();
    buffer.record(10);
    await Promise.all([first, buffer.flush()]);
    await buffer.close();
    expect(written.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps a failed batch for the next flush, and drops beyond the bound', async () => {
    let fail = true;
    const written: number[] = [];
    const errors: Array<[number, number]> = [];
    const buffer = new ScanBuffer<number>(
      async (events) => {
        if (fail) throw new Error('database down');
        written.push(...events);
      },
      { intervalMs: 60_000, batchSize: 1_000_000, maxBuffered: 5, onError: (_e, pending, dropped) => errors.push([pending, dropped]) },
    );
    for (let i = 0; i < 4; i++) buffer.record(i);
    await buffer.flush();
    expect(buffer.pending).toBe(4);
    buffer.record(4);
    buffer.record(5); // over the bound: dropped
    expect(buffer.dropped).toBe(1);
    fail = false;
    await buffer.close();
    expect(written).toEqual([0, 1, 2, 3, 4]);
    expect(errors).toEqual([[4, 0]]);
  });

  it('flushes by itself once a batch is full', async () => {
    const written: number[][] = [];
    const buffer = new ScanBuffer<number>(async (events) => void written.push(events), { intervalMs: 60_000, batchSize: 3 });
    for (let i = 0; i < 3; i++) buffer.record(i);
    await new Promise((r) => setImmediate(r));
    await buffer.flush();
    expect(written).toEqual([[0, 1, 2]]);
    await buffer.close();
  });
});

describe('ScanBuffer reporting', () => {
  it('reports every write attempt (size, time, outcome) and counts what it drops while full', async () => {
    let fail = true;
    const flushes: Array<[number, boolean]> = [];
    const buffer = new ScanBuffer<number>(
      async () => {
        if (fail) throw new Error('database down');
      },
      { intervalMs: 60_000, batchSize: 1_000_000, maxBuffered: 3, onFlush: (events, ms, ok) => void (expect(ms).toBeGreaterThanOrEqual(0), flushes.push([events, ok])) },
    );
    for (let i = 0; i < 5; i++) buffer.record(i);
    expect([buffer.pending, buffer.dropped]).toEqual([3, 2]);
    await buffer.flush();
    expect([buffer.pending, buffer.dropped]).toEqual([3, 2]);
    fail = false;
    await buffer.close();
    expect(flushes).toEqual([
      [3, false],
      [3, true],
    ]);
    expect(buffer.pending).toBe(0);
  });
});

describe('ScanBuffer failures', () => {
  it('name what started the flush: a call, a full batch, shutdown', async () => {
    const triggers: string[] = [];
    const buffer = new ScanBuffer<number>(
      async () => {
        throw new Error('database down');
      },
      { intervalMs: 60_000, batchSize: 2, onError: (_error, _pending, _dropped, trigger) => triggers.push(trigger) },
    );
    buffer.record(1);
    buffer.record(2); // the batch is full now: a flush is scheduled
    await new Promise((resolve) => setImmediate(resolve));
    await buffer.flush();
    await buffer.close();
    expect(triggers).toEqual(['batch full', 'requested', 'shutdown']);
  });

  it('while writes fail, full batches wait for the timer instead of a flush per scan; a success lifts that', async () => {
    let fail = true;
    const attempts: string[] = [];
    const buffer = new ScanBuffer<number>(
      async () => {
        if (fail) throw new Error('database down');
      },
      { intervalMs: 60_000, batchSize: 2, onFlush: (events, _ms, ok) => void attempts.push(`${events}:${ok}`) },
    );
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    buffer.record(1);
    buffer.record(2);
    await settle();
    await settle();
    expect(attempts).toEqual(['2:false']);
    // Down: a hundred more scans, each past the batch size, start no write.
    for (let i = 0; i < 100; i++) {
      buffer.record(i);
      await settle();
    }
    expect(attempts).toEqual(['2:false']);
    // What the timer does: one attempt for all of them.
    fail = false;
    await buffer.flush('timer');
    expect(attempts).toEqual(['2:false', '102:true']);
    // Up again: a full batch flushes at once.
    buffer.record(1);
    buffer.record(2);
    await settle();
    await buffer.flush();
    expect(attempts).toEqual(['2:false', '102:true', '2:true']);
    await buffer.close();
  });
});
