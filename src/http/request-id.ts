// Request ids. A caller's X-Request-Id is honoured so traces join up across services, but only
// when it is a plain token: anything else could forge or break log lines.
//
// Our own ids are UUID-shaped (logs and tools expect that shape) but not drawn afresh per request:
// a prefix of 74 random bits per process and a 48-bit counter. randomUUID() formats 16 random bytes
// on every call, ~0.3 µs of a cached redirect's ~14 µs (ADR 0011, *Cost of the front door*);
// the prefix keeps ids unique across instances and restarts, the counter within one. An id is a
// correlation handle, not a secret: nothing authorises by it.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// The counter's high 24 bits are formatted into `stem` once per 2^24 ids, the low 24 per id.
const LOW = 0x1000000;
const HIGH_SPACE = 0x1000000;

let base = '';
let high = HIGH_SPACE;
let stem = '';
let low = LOW;

// 8-4-4-4- hex digits, with the version (4) and variant (8-b) nibbles of a random UUID.
function freshBase(): string {
  const hex = randomBytes(10).toString('hex');
  const variant = ((Number.parseInt(hex[15]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(16, 19)}-`;
}

/** A fresh id unique to this process and call, shaped like a UUID. */
export function newRequestId(): string {
  if (low === LOW) {
    low = 0;
    high++;
    if (high >= HIGH_SPACE) {
      base = freshBase();
      high = 0;
    }
    stem = base + (LOW | high).toString(16).slice(1);
  }
  return stem + (LOW | low++).toString(16).slice(1);
}

/** The caller's X-Request-Id when it is a plain token, else a fresh id. */
export function requestId(request: { headers: IncomingHttpHeaders }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : newRequestId();
}
