/**
 * Who is calling: a person with a JWT (`Authorization: Bearer …`) or a store or machine with an
 * API key (`X-API-Key`). Owners act on their own store only; admins on any, naming it with
 * `X-Store-Id` on the store routes or in the path of the admin routes.
 */
import type { NextFunction, Request, Response } from 'express';
import { hashApiKey } from '../domain/api-key.js';
import type { Role } from '../domain/user.js';
import type { Repositories } from '../storage/repositories.js';
import { sendProblem } from './problem.js';
import type { TokenService } from './tokens.js';

export interface Caller {
  userId: string;
  role: Role;
  storeId?: string;
  via: 'token' | 'api_key';
}

/** The authenticated caller of an owner route: always has a store. */
export function callerOf(res: Response): Caller & { storeId: string } {
  return res.locals.caller as Caller & { storeId: string };
}

/** Header values longer than this are not credentials: refuse before hashing or parsing them. */
const MAX_CREDENTIAL_LENGTH = 4096;

export function authenticate(deps: { repos: Repositories; tokens: TokenService }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const key = req.get('x-api-key');
    if (!bearer && !key) return sendProblem(res, 401, 'AUTH.MISSING_CREDENTIALS', 'Log in (Authorization: Bearer <token>) or send an API key (X-API-Key).');
    if (bearer) {
      const caller = bearer.length <= MAX_CREDENTIAL_LENGTH ? await deps.tokens.verify(bearer) : undefined;
      // A deleted user's tokens die with the user.
      if (!caller || !(await deps.repos.users.get({ userId: caller.userId }))) return sendProblem(res, 401, 'AUTH.INVALID_TOKEN', 'This token is not valid or has expired; log in again.');
      res.locals.caller = caller;
      return next();
    }
    const record = key!.length <= MAX_CREDENTIAL_LENGTH ? await deps.repos.apiKeys.get({ keyHash: hashApiKey(key!) }) : undefined;
    if (!record || record.revokedAt) return sendProblem(res, 401, 'AUTH.INVALID_API_KEY', 'This API key is not valid.');
    res.locals.caller = { userId: record.userId, role: record.role, ...(record.storeId ? { storeId: record.storeId } : {}), via: 'api_key' } satisfies Caller;
    next();
  };
}

/**
 * Store routes act on the caller's store. An admin names the store with `X-Store-Id`; an owner
 * may send it too, but only with their own store.
 */
export function requireStore(deps: { repos: Repositories }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const caller = res.locals.caller as Caller;
    const named = req.get('x-store-id');
    if (caller.role === 'admin') {
      if (!named) return sendProblem(res, 400, 'AUTH.STORE_REQUIRED', 'Admins name the store with the X-Store-Id header.');
      if (named.length > 64 || !(await deps.repos.stores.get({ storeId: named }))) return sendProblem(res, 404, 'STORE.NOT_FOUND', 'No such store.');
      res.locals.caller = { ...caller, storeId: named };
      return next();
    }
    if (!caller.storeId) return sendProblem(res, 403, 'AUTH.NO_STORE', 'This account has no store.');
    if (named && named !== caller.storeId) return sendProblem(res, 403, 'AUTH.FORBIDDEN', 'You can only see your own store.');
    next();
  };
}

export function requireRole(role: Role) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    if ((res.locals.caller as Caller).role !== role) return sendProblem(res, 403, 'AUTH.FORBIDDEN', `This route needs the ${role} role.`);
    next();
  };
}
