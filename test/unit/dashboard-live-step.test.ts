// The live ticket preview asks for a new picture just after each step begins (steps count from the
// epoch, as the server's tokens do), at the length the server names in X-Tessera-Step-Seconds.
import { describe, expect, it } from 'vitest';
import { DEFAULT_STEP_SECONDS, STEP_MARGIN_MS, stepSecondsFrom, untilNextStep } from '../../web/src/api/live-step.ts';

describe('stepSecondsFrom', () => {
  it('reads a positive whole number of seconds', () => {
    expect(stepSecondsFrom('30')).toBe(30);
    expect(stepSecondsFrom(' 15 ')).toBe(15);
  });
  it('falls back to the default when the header is absent or not usable', () => {
    for (const header of [null, '', '0', '-5', '2.5', 'soon']) expect(stepSecondsFrom(header)).toBe(DEFAULT_STEP_SECONDS);
  });
});

describe('untilNextStep', () => {
  const stepStart = Date.parse('2026-03-01T12:00:00.000Z');
  it('waits until just after the next step begins', () => {
    expect(untilNextStep(30, stepStart)).toBe(30_000 + STEP_MARGIN_MS);
    expect(untilNextStep(30, stepStart + 1)).toBe(29_999 + STEP_MARGIN_MS);
    expect(untilNextStep(30, stepStart + 29_000)).toBe(1_000 + STEP_MARGIN_MS);
    expect(untilNextStep(20, stepStart + 5_000)).toBe(15_000 + STEP_MARGIN_MS);
  });
  it('lands in the step after the one it is asked in', () => {
    for (const offset of [0, 1, 14_999, 29_999]) {
      const now = stepStart + offset;
      expect(Math.floor((now + untilNextStep(30, now)) / 30_000)).toBe(Math.floor(now / 30_000) + 1);
    }
  });
});
