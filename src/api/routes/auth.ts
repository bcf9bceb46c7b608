/**
 * `POST /auth/login`: email and password for a session token (the local issuer; in AWS mode
 * people log in with Cognito and bring its token). `GET /auth/me`: who the caller is.
 * Repeated failures for one email are throttled, so passwords cannot be guessed at speed.
 */
import { Router, json, type Request, type Response } from 'express';
import { verifyPassword } from '../../domain/password.js';
import type { User } from '../../domain/user.js';
import type { Repositories } from '../../storage/repositories.js';
import type { RateLimiter } from '../../throttle/rate-limiter.port.js';
import type { Caller } from '../auth.js';
import { mountOn } from '../operation.js';
import { sendProblem } from '../problem.js';
import { authOperations as ops, LoginRequest } from '../schemas/index.js';
import type { TokenService } from '../tokens.js';

/** Verified against when the email is unknown, so both failures take as long. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export function loginRoutes(deps: { repos: Repositories; tokens: TokenService; loginLimiter: RateLimiter }): Router {
  const router = Router();
  mountOn(router)(ops.login, json({ limit: '2kb' }), async (req, res) => {
    const parsed = LoginRequest.safeParse(req.body);
    if (!parsed.success) return sendProblem(res, 400, 'AUTH.INVALID_REQUEST', 'Send {"email": "...", "password": "..."}.');
    const email = parsed.data.email.toLowerCase();
    const decision = await deps.loginLimiter.consume(`login:${email}`);
    if (!decision.allowed) {
      res.setHeader('Retry-After', String(decision.resetSeconds));
      return sendProblem(res, 429, 'AUTH.TOO_MANY_ATTEMPTS', `Too many login attempts; try again in ${decision.resetSeconds} s.`, { retryAfterSeconds: decision.resetSeconds });
    }
    const user = (await deps.repos.users.query({ index: 'byEmail', partition: email, limit: 1 })).items[0];
    const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !user.passwordHash || !ok) return sendProblem(res, 401, 'AUTH.INVALID_LOGIN', 'Email or password is wrong.');
    const session = await deps.tokens.issue(user);
    res.json({ ...session, user: profileOf(user) });
  });
  return router;
}

export function meRoute(deps: { repos: Repositories }) {
  return async (_req: Request, res: Response) => {
    const caller = res.locals.caller as Caller;
    const user = await deps.repos.users.get({ userId: caller.userId });
    if (!user) return sendProblem(res, 401, 'AUTH.INVALID_TOKEN', 'This account no longer exists.');
    res.json({ ...profileOf(user), via: caller.via });
  };
}

/** What the panel shows of a person: never the password hash or the phone. */
export function profileOf(user: User) {
  return { userId: user.userId, role: user.role, ...(user.storeId ? { storeId: user.storeId } : {}), ...(user.name ? { name: user.name } : {}), ...(user.email ? { email: user.email } : {}), language: user.language };
}
