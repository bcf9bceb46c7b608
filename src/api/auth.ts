/**
 * API-key authentication: `X-API-Key` is hashed and looked up; the caller becomes the key's
 * user, with its role and (for owners) its store. People's JWT logins join this later.
 */
import type { NextFunction, Request, Response } from 'express';
import { hashApiKey } from '../domain/api-key.js';
import type { Role } from '../domain/user.js';
import type { Repositories } from '../storage/repositories.js';
import { sendProblem } from './problem.js';

export interface Caller {
  userId: string;
  role: Role;
  storeId?: string;
}

/** The authenticated caller of an owner route: always has a store. */
export function callerOf(res: Response): Caller & { storeId: string } {
  return res.locals.caller as Caller & { storeId: string };
}

export function requireApiKey(repos: Repositories) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const key = req.get('x-api-key');
    if (!key) return sendProblem(res, 401, 'AUTH.MISSING_CREDENTIALS', 'Send your API key in the X-API-Key header.');
    // Bound the work an attacker can cause with huge headers.
    const record = key.length <= 200 ? await repos.apiKeys.get({ keyHash: hashApiKey(key) }) : undefined;
    if (!record || record.revokedAt) return sendProblem(res, 401, 'AUTH.INVALID_API_KEY', 'This API key is not valid.');
    res.locals.caller = { userId: record.userId, role: record.role, ...(record.storeId ? { storeId: record.storeId } : {}) } satisfies Caller;
    next();
  };
}

/** Owner routes act on the caller's store: admins name a store elsewhere. */
export function requireStore(_req: Request, res: Response, next: NextFunction): void {
  if (!(res.locals.caller as Caller).storeId) return sendProblem(res, 403, 'AUTH.NO_STORE', 'This route is for a store owner’s key.');
  next();
}

export function requireRole(role: Role) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    if ((res.locals.caller as Caller).role !== role) return sendProblem(res, 403, 'AUTH.FORBIDDEN', `This route needs the ${role} role.`);
    next();
  };
}
