// Which methods a path answers. Two rules every route gets from here rather than from its own code:
//  - a known path asked with a method it does not serve is a 405 with `Allow` (RFC 9110 §15.5.6),
//    not a 404 that suggests the path is wrong;
//  - HEAD never changes anything. Fastify answers HEAD for every GET by running the GET handler and
//    dropping the body, which is wrong for the few GETs that change state (the items seed's
//    resolve spends a view): a link checker's HEAD would spend it. Such a route says so with
//    `config.head`: the handler that answers HEAD instead (same status and headers, no side
//    effect), or false for no HEAD at all (405).
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** On a GET that changes state: what answers HEAD instead of the GET handler (false: 405). */
    head?: RouteHandlerMethod | false;
  }
}

/** Lists the methods a concrete path is served with (OPTIONS only alongside another method). */
export type AllowedMethods = (url: string) => string[];

/**
 * The 405 for `method` on `path`, listing what the path accepts. Not stored by caches: a 405 is
 * heuristically cacheable (RFC 9110 §15.1), and on an item's address it would keep a record of
 * that address the way no other answer there does (every one is `no-store`).
 */
export function methodNotAllowed(method: string, path: string, allow: readonly string[]): AppError {
  return new AppError('method_not_allowed', `${method} is not allowed on ${path}; it accepts ${allow.join(', ')}.`, { headers: { allow: allow.join(', '), 'cache-control': 'no-store' } });
}

/**
 * Installs both rules on the root instance; call it before any route is added, so every route
 * passes its onRoute hook. Returns the lookup the not-found handler uses to tell 405 from 404.
 */
export function installMethodRules(app: FastifyInstance): AllowedMethods {
  const methods = new Set<string>();
  const allowedMethods: AllowedMethods = (url) => {
    const found = [...methods].filter((method) => app.findRoute({ method: method as 'GET', url }) !== null);
    // A CORS preflight route answers OPTIONS on every path; alone it does not make a path known.
    return found.some((method) => method !== 'OPTIONS') ? found.sort() : [];
  };
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) methods.add(method);
    const head = route.config?.head;
    if (route.method !== 'HEAD' || head === undefined) return;
    route.handler =
      head === false
        ? (request) => {
            const path = request.url.split('?')[0]!;
            throw methodNotAllowed(
              'HEAD',
              path,
              allowedMethods(request.url).filter((m) => m !== 'HEAD'),
            );
          }
        : head;
  });
  return allowedMethods;
}
