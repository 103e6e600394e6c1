import type { Clock } from '../../src/clock.ts';

/** A clock tests move by hand instead of sleeping. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: number | string = '2026-03-01T12:00:00.000Z') {
    this.current = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): number {
    return this.current;
  }
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }
  /** Sets the time. */
  set(at: number | string): void {
    this.current = typeof at === 'number' ? at : Date.parse(at);
  }
}
