/** Request budgets counted in this process (the embedded default, one API process). */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateDecision, RateLimiter, RateLimitOptions } from '../rate-limiter.port.js';

export class MemoryRateLimiter implements RateLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(options: RateLimitOptions) {
    this.limiter = new RateLimiterMemory({ points: options.points, duration: options.durationSeconds, keyPrefix: options.prefix });
  }

  async consume(key: string): Promise<RateDecision> {
    return decide(() => this.limiter.consume(key));
  }

  async close(): Promise<void> {}
}

/** rate-limiter-flexible rejects with a RateLimiterRes when the budget is spent, and with an Error when the store fails. */
export async function decide(consume: () => Promise<RateLimiterRes>): Promise<RateDecision> {
  try {
    const res = await consume();
    return { allowed: true, remaining: res.remainingPoints, resetSeconds: Math.ceil(res.msBeforeNext / 1000) };
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return { allowed: false, remaining: 0, resetSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) };
    throw outcome;
  }
}
