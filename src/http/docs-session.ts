// Try-it in /docs with the dashboard's session: Swagger UI sends the session cookie
// (withCredentials), but cookie-authenticated writes also need X-CSRF-Token. This request
// interceptor fetches the reader's token from /api/v1/auth/me and adds it to writes that carry
// neither an API key nor a token typed by hand. @fastify/swagger-ui writes the function's source
// into the docs page, so it uses browser globals only and nothing from this module.

/** The request object Swagger UI hands its interceptor. */
export interface SwaggerRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
}

/** Swagger UI's `requestInterceptor`: adds the session's CSRF token to writes. */
export const csrfForSession: (request: SwaggerRequest) => Promise<SwaggerRequest> = async (request) => {
  const method = String(request.method || 'GET').toUpperCase();
  const headers = request.headers || {};
  const names = Object.keys(headers).map((name) => name.toLowerCase());
  const credentialed = names.includes('x-api-key') || names.includes('authorization') || names.includes('x-csrf-token');
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) || credentialed) return request;
  try {
    const me = await fetch(new URL('/api/v1/auth/me', request.url).toString(), { credentials: 'include', headers: { accept: 'application/json' } });
    const body = me.ok ? await me.json() : null;
    if (body && typeof body.csrf_token === 'string') request.headers = { ...headers, 'X-CSRF-Token': body.csrf_token };
  } catch {
    // Not signed in, or another origin: the request goes as it is and its answer says why.
  }
  return request;
};
