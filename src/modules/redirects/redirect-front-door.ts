// The redirect's front-door handler: a GET of a bare `/{short_code}` whose target is in the
// cache and leads somewhere (an active static or dynamic code inside its schedule) is answered
// here, without Fastify, with the same 302 and headers the route sends and the same scan.
// Everything else (cache misses, HEAD, query strings, morphing tokens, archived, unknown and
// out-of-schedule codes) declines
// and takes the Fastify route, which also refills the cache.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FrontDoorHandler } from '../../http/front-door.ts';
import { requestId } from '../../http/request-id.ts';
import type { RedirectTarget } from '../campaigns/index.ts';

/** What the handler needs from the redirect module. */
export interface RedirectFrontDoorOptions {
  /** The cached target of a code: undefined when not cached (or stale), null when unknown. */
  peek(code: string): RedirectTarget | null | undefined;
  /** Whether `code` has the shape of a short code. */
  isShortCode(code: string): boolean;
  /** Whether the code's campaign is inside its schedule now. */
  isLive(target: RedirectTarget): boolean;
  /** Headers every redirect carries besides location and x-request-id. */
  headers: Readonly<Record<string, string>>;
  clientIp(request: IncomingMessage): string | undefined;
  /** Records a scan, as the route does. */
  captureScan(headers: IncomingHttpHeaders, ip: string | undefined, target: RedirectTarget): void;
}

const SLASH = 47;

/** The handler answering cached redirects. */
export function redirectFrontDoor(options: RedirectFrontDoorOptions): FrontDoorHandler {
  const { peek, isShortCode, isLive, headers, clientIp, captureScan } = options;
  return (request, response) => {
    const url = request.url;
    if (request.method !== 'GET' || url === undefined || url.charCodeAt(0) !== SLASH) return false;
    const code = url.slice(1);
    if (!isShortCode(code)) return false;
    const target = peek(code);
    if (!target || target.status === 'archived' || target.qrType === 'morphing' || !isLive(target)) return false;
    response.writeHead(302, { ...headers, location: target.destination, 'x-request-id': requestId(request), 'content-length': '0' });
    response.end();
    if (target.qrType !== 'static') captureScan(request.headers, clientIp(request), target);
    return true;
  };
}
