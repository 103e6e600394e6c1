// The webhooks page's deliveries list asks again while a delivery is pending (a test event is sent
// within a second, and "Queued · 0 attempts" must not stay until a reload), and stops once none is.
import { describe, expect, it } from 'vitest';
import { DELIVERY_POLL_MAX_MS, DELIVERY_POLL_MS, deliveriesRefetchInterval } from '../../web/src/api/delivery-poll.ts';

const now = Date.parse('2026-03-01T12:00:00.000Z');
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();

describe('deliveriesRefetchInterval', () => {
  it('does not poll before the first answer, for an empty list, or when nothing is pending', () => {
    expect(deliveriesRefetchInterval(undefined, now)).toBe(false);
    expect(deliveriesRefetchInterval([], now)).toBe(false);
    expect(
      deliveriesRefetchInterval(
        [
          { status: 'succeeded', next_attempt_at: null },
          { status: 'failed', next_attempt_at: null },
        ],
        now,
      ),
    ).toBe(false);
  });

  it('polls every 2 s while a pending delivery is due: queued, sent again, or overdue', () => {
    expect(DELIVERY_POLL_MS).toBe(2_000);
    expect(deliveriesRefetchInterval([{ status: 'pending', next_attempt_at: at(0) }], now)).toBe(DELIVERY_POLL_MS);
    expect(deliveriesRefetchInterval([{ status: 'pending', next_attempt_at: at(-3_600_000) }], now)).toBe(DELIVERY_POLL_MS);
    expect(deliveriesRefetchInterval([{ status: 'pending', next_attempt_at: null }], now)).toBe(DELIVERY_POLL_MS);
    expect(deliveriesRefetchInterval([{ status: 'pending', next_attempt_at: 'not a date' }], now)).toBe(DELIVERY_POLL_MS);
    // One due delivery among settled ones and a later retry sets the pace.
    expect(
      deliveriesRefetchInterval(
        [
          { status: 'succeeded', next_attempt_at: null },
          { status: 'pending', next_attempt_at: at(7_200_000) },
          { status: 'pending', next_attempt_at: at(500) },
        ],
        now,
      ),
    ).toBe(DELIVERY_POLL_MS);
  });

  it('waits for a later retry, but at most a minute', () => {
    expect(deliveriesRefetchInterval([{ status: 'pending', next_attempt_at: at(5_000) }], now)).toBe(5_000);
    expect(deliveriesRefetchInterval([{ status: 'pending', next_attempt_at: at(1_800_000) }], now)).toBe(DELIVERY_POLL_MAX_MS);
    expect(DELIVERY_POLL_MAX_MS).toBe(60_000);
  });
});
