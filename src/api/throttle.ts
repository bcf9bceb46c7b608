/**
 * Request budgets: each store gets its limit per minute (people without a store count on their
 * own). Every answer says what is left (`RateLimit-*`); the request over the budget gets `429`
 * with `Retry-After`.
 */
import type { NextFunction, Request, Response } from 'express';
import type { RateLimiter } from '../throttle/rate-limiter.port.js';
import type { Caller } from './auth.js';
import { sendProblem } from './problem.js';

export function throttle(limiter: RateLimiter, limit: number, keyOf: (req: Request, res: Response) => string = callerKey) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const decision = await limiter.consume(keyOf(req, res));
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(decision.remaining));
    res.setHeader('RateLimit-Reset', String(decision.resetSeconds));
    if (!decision.allowed) {
      res.setHeader('Retry-After', String(decision.resetSeconds));
      return sendProblem(res, 429, 'RATE_LIMITED', `Too many requests: ${limit} a minute. Try again in ${decision.resetSeconds} s.`, { retryAfterSeconds: decision.resetSeconds });
    }
    next();
  };
}

function callerKey(_req: Request, res: Response): string {
  const caller = res.locals.caller as Caller;
  return caller.storeId ? `store:${caller.storeId}` : `user:${caller.userId}`;
}
