/**
 * Request budgets shared through Redis, so every API process draws on the same 100 a minute.
 * If Redis stops answering, requests are let through and counted in memory meanwhile
 * (`insuranceLimiter`): a throttle must not become an outage.
 */
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { decide } from '../memory/memory-rate-limiter.adapter.js';
import type { RateDecision, RateLimiter, RateLimitOptions } from '../rate-limiter.port.js';

export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly limiter: RateLimiterRedis;

  constructor(url: string, options: RateLimitOptions) {
    // Fail fast while Redis is away (the memory insurance answers), reconnect in the background.
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    this.redis.on('error', () => {});
    this.limiter = new RateLimiterRedis({
      storeClient: this.redis,
      points: options.points,
      duration: options.durationSeconds,
      keyPrefix: `${options.prefix}:rl`,
      insuranceLimiter: new RateLimiterMemory({ points: options.points, duration: options.durationSeconds }),
    });
  }

  async consume(key: string): Promise<RateDecision> {
    return decide(() => this.limiter.consume(key));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
