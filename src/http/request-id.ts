// Request ids. A caller's X-Request-Id is honoured so traces join up across services, but only
// when it is a plain token: anything else could forge or break log lines.
//
// Our own ids are random UUIDs. A per-process prefix with a counter was ~0.3 µs cheaper per
// request, but ids go out in X-Request-Id, and consecutive counters would tell anyone who sends
// two requests how much traffic the instance served in between (ADR 0011, *Cost of the front door*).
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** A fresh random (version 4) UUID. */
export const newRequestId = (): string => randomUUID();

/** The caller's X-Request-Id when it is a plain token, else a fresh id. */
export function requestId(request: { headers: IncomingHttpHeaders }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : newRequestId();
}
