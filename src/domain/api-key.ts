import { createHash, randomBytes } from 'node:crypto';

/** `bs_live_` + 32 random bytes, URL-safe: long enough that guessing is hopeless. */
export function generateApiKey(): string {
  return `bs_live_${randomBytes(32).toString('base64url')}`;
}

/** Keys are stored and looked up by their SHA-256 only. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
