/**
 * Fixed-window request budgets (100 requests a minute per store). One process can count in
 * memory; several API processes share the count in Redis, so the budget holds across them.
 */
export interface RateDecision {
  allowed: boolean;
  /** Requests left in this window. */
  remaining: number;
  /** Seconds until the window resets (for `Retry-After`). */
  resetSeconds: number;
}

export interface RateLimiter {
  /** Counts one request against `key`'s budget. */
  consume(key: string): Promise<RateDecision>;
  close(): Promise<void>;
}

export interface RateLimitOptions {
  points: number;
  durationSeconds: number;
  /** Namespaces the counters (e.g. the queue prefix). */
  prefix: string;
}
