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
  // writeHead's flat [name, value, …] form: no object to spread and walk per request.
  const fixed = Object.entries(options.headers).flat();
  return (request, response) => {
    if (request.method !== 'GET') return false;
    const url = request.url;
    if (url === undefined || url.charCodeAt(0) !== SLASH) return false;
    const now = clock();
    // No shape check: the cache holds only short codes, so anything else (a query, a second
    // segment, percent-encoding) misses and declines.
    const target = peek(url.slice(1), now);
    if (!target || target.status === 'archived' || target.qrType === 'morphing' || !isLive(target, now)) return false;
    response.writeHead(302, [...fixed, 'location', target.destination, 'x-request-id', requestId(request), 'content-length', '0']);
    response.end();
    if (target.qrType !== 'static') captureScan(request.headers, clientIp(request), target, now);
    return true;
  };
}
