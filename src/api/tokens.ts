/**
 * People's sessions as JWTs. Embedded mode issues its own (HS256, `POST /auth/login`); in AWS
 * mode Cognito issues them (RS256, keys from the user pool's JWKS URL) and owners and admins
 * are its groups. Either way a verified token becomes the same `Caller`.
 */
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { randomBytes } from 'node:crypto';
import { ROLES, type Role, type User } from '../domain/user.js';
import type { Caller } from './auth.js';

export interface TokenOptions {
  /** HS256 secret for tokens this server issues; random per process when absent. */
  secret?: string;
  /** Cognito (or any OIDC) JWKS URL: RS256 tokens signed by its keys are accepted too. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  ttlMinutes: number;
}

const LOCAL_ISSUER = 'bharatsense-local';

export class TokenService {
  private readonly secret: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: TokenOptions) {
    this.secret = options.secret ? new TextEncoder().encode(options.secret) : randomBytes(32);
    if (options.jwksUrl) this.jwks = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  /** A session token for a person who logged in here. */
  async issue(user: Pick<User, 'userId' | 'role' | 'storeId'>): Promise<{ token: string; expiresAt: string }> {
    const expires = Math.floor(Date.now() / 1000) + this.options.ttlMinutes * 60;
    const token = await new SignJWT({ role: user.role, ...(user.storeId ? { store_id: user.storeId } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.userId)
      .setIssuer(LOCAL_ISSUER)
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(this.secret);
    return { token, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** The caller a token stands for, or undefined when it is not valid (bad signature, expired, wrong issuer). */
  async verify(token: string): Promise<Caller | undefined> {
    const alg = headerAlg(token);
    try {
      if (alg === 'HS256') {
        const { payload } = await jwtVerify(token, this.secret, { issuer: LOCAL_ISSUER, algorithms: ['HS256'] });
        return callerFrom(payload, payload.role);
      }
      if (alg === 'RS256' && this.jwks) {
        const { payload } = await jwtVerify(token, this.jwks, {
          algorithms: ['RS256'],
          ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
          ...(this.options.audience ? { audience: this.options.audience } : {}),
        });
        // Cognito: the groups a user is in; the store is a custom attribute.
        const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as string[]) : [];
        const role = groups.includes('admin') ? 'admin' : groups.includes('owner') ? 'owner' : payload['custom:role'];
        return callerFrom({ ...payload, store_id: payload['custom:store_id'] ?? payload.store_id }, role);
      }
    } catch {
      return undefined;
    }
    return undefined;
  }
}

function callerFrom(payload: JWTPayload, role: unknown): Caller | undefined {
  if (!payload.sub || !(ROLES as readonly unknown[]).includes(role)) return undefined;
  const storeId = typeof payload.store_id === 'string' ? payload.store_id : undefined;
  return { userId: payload.sub, role: role as Role, ...(storeId ? { storeId } : {}), via: 'token' };
}

function headerAlg(token: string): string | undefined {
  try {
    return (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { alg?: string }).alg;
  } catch {
    return undefined;
  }
}
