// Tessera answers every failure with RFC 9457 problem+json; the client turns it into one typed
// error carrying the stable `code`, the request id and, for validation failures, `errors[]`.

/** One invalid field, as the API names it (`body/urls/3`, `body/design_config/margin`, `querystring/cursor`). */
export interface FieldError {
  field: string;
  message: string;
}

/** A problem+json document (extensions pass through). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** A request Tessera refused (4xx/5xx), or that never reached it (status 0, code `network_error`). */
export class TesseraApiError extends Error {
  readonly status: number;
  /** The problem's stable code (`validation_failed`, `not_found`, `api_key_invalid`…). */
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  /** Per-field reasons for validation failures; empty otherwise. */
  readonly errors: FieldError[];
  readonly requestId: string | null;
  /** The whole document, extensions included. */
  readonly problem: Problem;

  constructor(status: number, problem: Problem, requestId: string | null = null) {
    const detail = problem.detail ?? problem.title ?? `HTTP ${status}`;
    super(detail);
    this.name = 'TesseraApiError';
    this.status = status;
    this.code = problem.code ?? (status === 0 ? 'network_error' : `http_${status}`);
    this.title = problem.title ?? detail;
    this.detail = detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.requestId = problem.requestId ?? requestId;
    this.problem = problem;
  }

  /** The errors whose field is `field` or lies below it (`body/urls` matches `body/urls/3`). */
  errorsFor(field: string): FieldError[] {
    return this.errors.filter((e) => e.field === field || e.field.startsWith(`${field}/`));
  }
}

/** Builds the error for a failed response from its (already parsed) body. */
export function apiErrorFrom(response: Response, body: unknown): TesseraApiError {
  const problem: Problem = body !== null && typeof body === 'object' ? (body as Problem) : { detail: typeof body === 'string' && body ? body : response.statusText || `HTTP ${response.status}` };
  return new TesseraApiError(response.status, problem, response.headers.get('x-request-id'));
}
