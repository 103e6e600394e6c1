// The redirect's front-door handler: a GET of a bare `/{short_code}` whose target is in the
// cache and leads somewhere (an active static or dynamic code inside its schedule) is answered
// here, without Fastify, with the same 302 and headers the route sends and the same scan.
// Everything else (cache misses, HEAD, query strings, morphing tokens, archived, unknown and
// out-of-schedule codes) declines
// and takes the Fastify route, which also refills the cache.
// Every microsecond here is per scan, so the handler allocates one header array and reads the
// clock once (ADR 0011, *Cost of the front door*).
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FrontDoorHandler } from '../../http/front-door.ts';
import { requestId } from '../../http/request-id.ts';
import type { RedirectTarget } from '../campaigns/index.ts';

/** What the handler needs from the redirect module. */
export interface RedirectFrontDoorOptions {
  now(): number;
  /**
   * The cached target of a code at `now`: undefined when not cached (or stale), null when unknown.
   * Only codes that passed isShortCode are ever cached, so a hit also vouches for the path's shape.
   */
  peek(code: string, now: number): RedirectTarget | null | undefined;
  /** Whether the code's campaign is inside its schedule at `now`. */
  isLive(target: RedirectTarget, now: number): boolean;
  /** Headers every redirect carries besides location and x-request-id. */
  headers: Readonly<Record<string, string>>;
  clientIp(request: IncomingMessage): string | undefined;
  /** Records a scan, as the route does. */
  captureScan(headers: IncomingHttpHeaders, ip: string | undefined, target: RedirectTarget, now: number): void;
}

const SLASH = 47;

/** The handler answering cached redirects. */
export function redirectFrontDoor(options: RedirectFrontDoorOptions): FrontDoorHandler {
  const { now: clock, peek, isLive, clientIp, captureScan } = options;
  // writeHead's flat [name, value, …] form, the fixed pairs as constants: building the array by
  // spreading a prefix costs ~0.3 µs per request, as much as the whole request id.
  const fixed = Object.entries(options.headers).flat();
  if (fixed.length !== 6) throw new Error('redirectFrontDoor expects exactly three fixed headers: list a new one in the array below too');
  const [n0, v0, n1, v1, n2, v2] = fixed as [string, string, string, string, string, string];
  return (request, response) => {
    if (request.method !== 'GET') return false;
    const url = request.url;
    if (url === undefined || url.charCodeAt(0) !== SLASH) return false;
    const now = clock();
    // No shape check: the cache holds only short codes, so anything else (a query, a second
    // segment, percent-encoding) misses and declines.
    const target = peek(url.slice(1), now);
    if (!target || target.status === 'archived' || target.qrType === 'morphing' || !isLive(target, now)) return false;
    response.writeHead(302, [n0, v0, n1, v1, n2, v2, 'location', target.destination, 'x-request-id', requestId(request), 'content-length', '0']);
    response.end();
    if (target.qrType !== 'static') captureScan(request.headers, clientIp(request), target, now);
    return true;
  };
}
