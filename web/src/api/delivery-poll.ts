// How long the deliveries list waits before asking again: a test event or a retry is sent by the
// worker within seconds, and the list should show it without a reload.

/** How often the deliveries are asked for again while one is about to be sent. */
export const DELIVERY_POLL_MS = 2_000;
/** The longest wait while pending deliveries are scheduled later (the browser's clock may differ from the server's). */
export const DELIVERY_POLL_MAX_MS = 60_000;

/**
 * The refetch interval of a deliveries list: every 2 s while a pending delivery is due (queued,
 * or sent again), until the earliest next try (at most a minute) while pending ones wait for a
 * later retry, none (false) once nothing is pending. TanStack Query skips it while the tab is hidden.
 */
export function deliveriesRefetchInterval(deliveries: readonly { status: string; next_attempt_at: string | null }[] | undefined, now: number = Date.now()): number | false {
  const pending = (deliveries ?? []).filter((d) => d.status === 'pending');
  if (pending.length === 0) return false;
  const dueAt = (nextAttemptAt: string | null) => {
    const at = nextAttemptAt === null ? Number.NaN : Date.parse(nextAttemptAt);
    return Number.isFinite(at) ? at : now;
  };
  const next = Math.min(...pending.map((d) => dueAt(d.next_attempt_at)));
  return Math.min(Math.max(next - now, DELIVERY_POLL_MS), DELIVERY_POLL_MAX_MS);
}
