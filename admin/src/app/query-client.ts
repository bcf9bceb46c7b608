/**
 * Caching and retries for every screen. A problem the caller caused (4xx) is not asked again,
 * except 429, which waits as long as `Retry-After` says; the server's and the network's faults
 * get two more tries.
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/problem';

const MAX_RETRIES = 2;

function shouldRetry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500 && error.status !== 429) return false;
  return failures < MAX_RETRIES;
}

function retryDelay(attempt: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfterSeconds) return error.retryAfterSeconds * 1000;
  return Math.min(1000 * 2 ** attempt, 8000);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Figures change by the minute at most; refetching on every focus only costs the store's rate limit.
      queries: { staleTime: 30_000, retry: shouldRetry, retryDelay, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
