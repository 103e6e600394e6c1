// Scan ids are time-ordered: `scn_`, occurred_at in base36 (9 characters, fixed width, so text
// order is time order up to the year 5188), then 16 base64url characters: 12 random bytes, or
// (scanIdsOf) a batch's random token and the scan's place in the batch. New rows append to the
// primary-key index instead of landing on random pages, and that index doubles as the time
// index retention needs (so the scans table keeps no separate one: every index is paid for on
// each of tens of thousands of inserts a second).
import { randomBytes } from 'node:crypto';

const PREFIX = 'scn_';
const TIME_DIGITS = 9;

function timePart(ms: number): string {
  return ms.toString(36).padStart(TIME_DIGITS, '0');
}

// The base64url characters in ASCII order: a batch's ids sort in its order (each lands at the end
// of the primary-key index).
const DIGITS = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
/** Random characters a batch token has: 72 bits, as unlikely to repeat as the 96 of a random id among the few batches that share a millisecond. */
const TOKEN_CHARS = 12;
/** Scans a token can name: the rest of an id's 16 characters (4 base64url digits) numbers them. */
export const MAX_SCANS_PER_TOKEN = 64 ** 4;

/** A random token naming one write of a batch (see scanIdsOf): 12 base64url characters. */
export function batchToken(): string {
  return randomBytes(9).toString('base64url');
}

/**
 * The ids of a batch's scans, from one token: the `i`th scan is named `scn_` + its time +
 * token + `i` in four base64url digits. The id is a function of (token, position, time), so
 * the event loop draws one token per batch and names no scan: the writer derives the ids, and
 * the recorder derives the same ids for a batch whose write failed (nameScans) so its retry
 * stores nothing twice. Explicit ids (`given[i]`, a retried scan's) win.
 */
export function scanIdsOf(times: ArrayLike<number>, token: string, given?: ArrayLike<string | undefined> | null): string[] {
  const n = times.length;
  if (token.length !== TOKEN_CHARS || n > MAX_SCANS_PER_TOKEN) throw new Error(`scanIdsOf: a token of ${TOKEN_CHARS} characters names at most ${MAX_SCANS_PER_TOKEN} scans`);
  const ids: string[] = new Array(n);
  let lastMs = Number.NaN;
  let prefix = '';
  for (let i = 0; i < n; i++) {
    const explicit = given?.[i];
    if (explicit) {
      ids[i] = explicit;
      continue;
    }
    const ms = times[i]!;
    if (ms !== lastMs) {
      lastMs = ms;
      prefix = PREFIX + timePart(ms) + token;
    }
    ids[i] = prefix + DIGITS[(i >>> 18) & 63]! + DIGITS[(i >>> 12) & 63]! + DIGITS[(i >>> 6) & 63]! + DIGITS[i & 63]!;
  }
  return ids;
}

/**
 * After a failed write of `events` under `token`: gives each event the id that write used, and
 * marks every event retried (the write may have committed with only its answer lost), so the
 * next try skips what is stored already.
 */
export function nameScans(events: Array<{ occurredAt: number; id?: string; retried?: boolean }>, token: string): void {
  const ids = scanIdsOf(
    events.map((event) => event.occurredAt),
    token,
    events.map((event) => event.id),
  );
  for (let i = 0; i < events.length; i++) {
    events[i]!.id = ids[i];
    events[i]!.retried = true;
  }
}

/** A bound below every id of a scan at or after `ms` and above every id of an earlier scan. */
export function scanIdBoundAt(ms: number): string {
  return `${PREFIX}${timePart(Math.max(0, Math.floor(ms)))}`;
}
