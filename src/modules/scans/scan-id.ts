// Scan ids are time-ordered: `scn_`, occurred_at in base36 (9 characters, fixed width, so text
// order is time order up to the year 5188), then 12 random bytes. New rows append to the
// primary-key index instead of landing on random pages, and that index doubles as the time
// index retention needs (so the scans table keeps no separate one: every index is paid for on
// each of tens of thousands of inserts a second).
import { randomBytes } from 'node:crypto';

const PREFIX = 'scn_';
const TIME_DIGITS = 9;

function timePart(ms: number): string {
  return ms.toString(36).padStart(TIME_DIGITS, '0');
}

/** One fresh id per timestamp. A flush names a thousand scans at a time: the random bytes are drawn and encoded once for the batch (12 bytes are exactly 16 base64url characters, so each id takes its own slice), and scans of the same millisecond share its time part. */
export function scanIds(occurredAts: readonly number[]): string[] {
  const random = randomBytes(12 * occurredAts.length).toString('base64url');
  let lastMs = Number.NaN;
  let lastTime = '';
  return occurredAts.map((ms, i) => {
    if (ms !== lastMs) {
      lastMs = ms;
      lastTime = PREFIX + timePart(ms);
    }
    return lastTime + random.slice(i * 16, i * 16 + 16);
  });
}

/** Gives each event without an id one (time-ordered) and marks those that had one as retried. */
export function assignScanIds(events: Array<{ occurredAt: number; id?: string; retried?: boolean }>): void {
  const fresh = events.filter((event) => {
    if (event.id === undefined) return true;
    event.retried = true;
    return false;
  });
  if (fresh.length === 0) return;
  const ids = scanIds(fresh.map((event) => event.occurredAt));
  for (let i = 0; i < fresh.length; i++) fresh[i]!.id = ids[i];
}

/** A bound below every id of a scan at or after `ms` and above every id of an earlier scan. */
export function scanIdBoundAt(ms: number): string {
  return `${PREFIX}${timePart(Math.max(0, Math.floor(ms)))}`;
}
