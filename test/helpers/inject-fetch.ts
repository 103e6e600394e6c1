// A fetch that answers through app.inject: the typed client talks to an in-process app exactly as
// it would over HTTP, without a listening socket.
import type { FastifyInstance } from 'fastify';

/** fetch(Request) → the app's response, via inject. */
export function injectFetch(app: FastifyInstance): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const response = await app.inject({ method: request.method as 'GET', url: url.pathname + url.search, headers, payload: request.body ? await request.text() : undefined });
    return new Response(response.statusCode === 204 ? null : new Uint8Array(response.rawPayload), { status: response.statusCode, headers: response.headers as Record<string, string> });
  };
}
