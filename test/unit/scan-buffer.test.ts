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

describe('ScanBuffer behind a write that hangs', () => {
  // A database that stops answering without closing the connection: the write neither succeeds nor fails.
  function hangingWrite() {
    const attempts: number[] = [];
    let release: (error?: Error) => void = () => {};
    const write = (events: number[]) => {
      attempts.push(events.length);
      return new Promise<void>((resolve, reject) => {
        release = (error) => (error ? reject(error) : resolve());
      });
    };
    return { attempts, write, release: (error?: Error) => release(error) };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('queues no flush per full batch or timer tick behind it, so its failure is one attempt and one error (it was one per event-loop turn)', async () => {
    const hang = hangingWrite();
    const errors: string[] = [];
    const buffer = new ScanBuffer<number>(hang.write, { intervalMs: 60_000, batchSize: 2, onError: (_error, _pending, _dropped, trigger) => errors.push(trigger) });
    buffer.record(1);
    buffer.record(2);
    await settle();
    expect(hang.attempts).toEqual([2]);
    for (let i = 0; i < 50; i++) {
      buffer.record(i);
      await settle();
      if (i % 10 === 0) buffer.tick();
    }
    hang.release(new Error('connection terminated'));
    for (let i = 0; i < 5; i++) await settle();
    expect(hang.attempts).toEqual([2]);
    expect(errors).toEqual(['batch full']);
    expect(buffer.pending).toBe(52);
    // The timer retries, once.
    buffer.tick();
    await settle();
    expect(hang.attempts).toEqual([2, 52]);
    hang.release();
    await buffer.close();
  });

  it('writes what waited once the write answers, without waiting for the timer', async () => {
    const hang = hangingWrite();
    const buffer = new ScanBuffer<number>(hang.write, { intervalMs: 60_000, batchSize: 2 });
    buffer.record(1);
    buffer.record(2);
    await settle();
    for (let i = 0; i < 5; i++) buffer.record(i);
    await settle();
    hang.release();
    await settle();
    await settle();
    expect(hang.attempts).toEqual([2, 5]);
    hang.release();
    await buffer.close();
  });

  it('reports the hang after stallMs and when it ends, and drops as they happen (nothing failed to report them)', async () => {
    let now = 0;
    const hang = hangingWrite();
    const stalls: Array<[number, number, number, boolean]> = [];
    const drops: Array<[number, number]> = [];
    const buffer = new ScanBuffer<number>(hang.write, {
      intervalMs: 60_000,
      batchSize: 1_000_000,
      maxBuffered: 3,
      stallMs: 10_000,
      now: () => now,
      onStall: (ms, pending, dropped, ended) => stalls.push([ms, pending, dropped, ended]),
      onDrop: (since, dropped) => drops.push([since, dropped]),
    });
    buffer.record(0);
    buffer.tick(); // the timer starts a write, which hangs
    await settle();
    now = 9_000;
    buffer.tick();
    expect(stalls).toEqual([]);
    for (let i = 0; i < 5; i++) buffer.record(i); // three held, two dropped
    now = 10_000;
    buffer.tick();
    buffer.tick();
    expect(stalls).toEqual([[10_000, 3, 2, false]]);
    expect(drops).toEqual([[2, 2]]);
    buffer.record(9); // dropped: reported no sooner than stallMs after the last report
    now = 15_000;
    buffer.tick();
    expect(drops).toEqual([[2, 2]]);
    now = 20_000;
    buffer.tick();
    expect(drops).toEqual([
      [2, 2],
      [1, 3],
    ]);
    now = 31_000;
    hang.release();
    await settle();
    expect(stalls).toEqual([
      [10_000, 3, 2, false],
      [31_000, 3, 3, true],
    ]);
    const closed = buffer.close();
    await settle();
    hang.release();
    await closed;
  });
});
