/**
 * API-key authentication: `X-API-Key` is hashed and looked up; the caller becomes the key's
 * owner and store. (People's JWT logins join this later.)
 */
import type { NextFunction, Request, Response } from 'express';
import { hashApiKey } from '../domain/api-key.js';
import type { Repositories } from '../storage/repositories.js';
import { sendProblem } from './problem.js';

export interface Caller {
  userId: string;
  storeId: string;
}

export function callerOf(res: Response): Caller {
  return res.locals.caller as Caller;
}

export function requireApiKey(repos: Repositories) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const key = req.get('x-api-key');
    if (!key) return sendProblem(res, 401, 'AUTH.MISSING_CREDENTIALS', 'Send your API key in the X-API-Key header.');
    // Bound the work an attacker can cause with huge headers.
    const record = key.length <= 200 ? await repos.apiKeys.get({ keyHash: hashApiKey(key) }) : undefined;
    if (!record || record.revokedAt) return sendProblem(res, 401, 'AUTH.INVALID_API_KEY', 'This API key is not valid.');
    res.locals.caller = { userId: record.userId, storeId: record.storeId } satisfies Caller;
    next();
  };
}
