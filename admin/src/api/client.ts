/**
 * The panel's one door to `/api/v1`: adds the token and, for admins, the store being looked at
 * (`X-Store-Id`); turns problem+json into `ApiError`; a 401 on a logged-in call ends the session,
 * which sends the person back to the login page.
 */
import { apiErrorOf } from './problem';
import { endSession, getSession } from './session';

export const API_BASE = '/api/v1';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** The store a store route acts on: required for admins, harmless for owners (their own). */
  storeId?: string | undefined;
  signal?: AbortSignal;
}

/** `/api/v1` path with its query, leaving out empty values. */
export function apiUrl(path: string, query: RequestOptions['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/** Headers every call carries: credentials and the store. */
export function authHeaders(storeId?: string): Record<string, string> {
  const session = getSession();
  return {
    ...(session ? { Authorization: `Bearer ${session.token}` } : {}),
    ...(storeId ? { 'X-Store-Id': storeId } : {}),
  };
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(options.storeId) };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(apiUrl(path, options.query), {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
  });
  if (!response.ok) {
    const error = await apiErrorOf(response);
    if (error.status === 401 && headers.Authorization) endSession();
    throw error;
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}
