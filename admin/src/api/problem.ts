/**
 * Every API failure arrives as `application/problem+json` with a stable dotted `code`
 * (RFC 9457); the panel turns it into one error type that screens can branch on.
 */

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  /** One entry per field or row that failed validation (sales uploads list rows here). */
  errors?: Record<string, unknown>[];
  metadata?: Record<string, unknown>;
  requestId?: string;
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly problem?: Problem,
    /** From `Retry-After` on a 429: when asking again makes sense. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
  }
}

/** The API's problem, or one made up when a proxy or the network answered instead. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  const problem = await readProblem(response);
  if (problem) return new ApiError(problem.status, problem.code, problem.detail, problem, retryAfterSeconds ?? problem.retryAfterSeconds);
  return new ApiError(response.status, `HTTP.${response.status}`, response.statusText || `HTTP ${response.status}`, undefined, retryAfterSeconds);
}

async function readProblem(response: Response): Promise<Problem | undefined> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    const body = (await response.json()) as Partial<Problem>;
    return typeof body.code === 'string' && typeof body.detail === 'string' ? (body as Problem) : undefined;
  } catch {
    return undefined;
  }
}

/** A problem body read from text, for callers that did not go through `fetch` (the upload's XHR). */
export function problemFromText(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (typeof body.code === 'string' && typeof body.detail === 'string') return new ApiError(body.status ?? status, body.code, body.detail, body as Problem);
  } catch {
    // Not JSON: a proxy's HTML page; fall through to a plain error.
  }
  return new ApiError(status, `HTTP.${status}`, `HTTP ${status}`);
}
