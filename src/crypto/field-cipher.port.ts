/**
 * Encryption of personal data at rest (an owner's phone, email, name), one field at a time.
 * A sealed value is a string, so it fits any column or attribute the plaintext did, and it
 * names its scheme and key (`enc:v1:<scheme>:…`) so a key or scheme change can be rolled out
 * while older values stay readable. Equality lookups (phone → user) go through `blindIndex`,
 * because sealed values are random by design and cannot be compared.
 */
import { createHmac } from 'node:crypto';
import { AppError } from '../domain/errors.js';

export interface FieldCipher {
  /**
   * Encrypts one field value; the result is a self-describing string (`enc:v1:…`), different
   * every call. `context` names the value's place (e.g. `users/<userId>/phone`) and is
   * authenticated, not stored: the value opens only with the same context, so a sealed value
   * copied onto another record or field is unreadable there.
   */
  seal(plaintext: string, context: string): Promise<string>;
  /**
   * Decrypts what `seal` produced with the same context. Throws AppError `CRYPTO.UNREADABLE` if
   * the value was altered, or the context or key is wrong. Concurrent opens share key work, so
   * `Promise.all(values.map(...))` over a listing costs one key unwrap per data key.
   */
  open(sealed: string, context: string): Promise<string>;
}

/** The prefix every sealed value starts with; the version covers the layout after it. */
export const SEALED_PREFIX = 'enc:v1:';

/** Whether a stored value is sealed (rather than plaintext written before encryption was on). */
export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEALED_PREFIX);
}

/** The error for any value that cannot be opened. Deliberately vague: the cause is in `cause`. */
export function unreadable(context: string, reason: string, cause?: unknown): AppError {
  return new AppError('CRYPTO.UNREADABLE', `Sealed value for ${context} cannot be opened: ${reason}`, {
    status: 500,
    permanent: true,
    metadata: { context, reason },
    cause,
  });
}

/** Contexts are required: an empty one would let a value be moved anywhere undetected. */
export function assertContext(context: string): void {
  if (typeof context !== 'string' || context.length === 0 || context.length > 512) {
    throw new AppError('CRYPTO.INVALID_CONTEXT', 'A sealed field needs a context of 1–512 characters (e.g. users/<id>/phone)', {
      status: 500,
      permanent: true,
    });
  }
}

/**
 * Keyed blind index for equality lookups: `bi:` + base64url(HMAC-SHA256(indexKey, purpose ‖ 0 ‖
 * normalised value)). The same value gives the same index under one key and purpose, so it can be
 * a lookup column; without the key it reveals nothing, not even for India's small phone space,
 * which a plain hash would (all 10-digit mobiles hash in minutes). `purpose` (e.g. `user-phone`)
 * keeps indexes of different fields apart, so equal values in two columns cannot be linked.
 *
 * Normalised: Unicode NFC (one spelling of क़ or ো whichever way it was typed), trimmed, and
 * lowercased when it is an email address (contains `@`). Phones must already be E.164.
 */
export function blindIndex(indexKey: Buffer, value: string, purpose: string): string {
  if (indexKey.length < 32) {
    throw new AppError('CRYPTO.INVALID_KEY', `The blind index key must have at least 32 bytes, got ${indexKey.length}`, { status: 500, permanent: true });
  }
  if (!purpose || purpose.includes('\0')) {
    throw new AppError('CRYPTO.INVALID_PURPOSE', 'A blind index needs a non-empty purpose without NUL', { status: 500, permanent: true });
  }
  let normalised = value.normalize('NFC').trim();
  if (normalised.includes('@')) normalised = normalised.toLowerCase();
  // Purposes hold no NUL, so the first NUL ends the purpose: ("ab", "c") and ("a", "bc") differ.
  return `bi:${createHmac('sha256', indexKey).update(purpose, 'utf8').update('\0').update(normalised, 'utf8').digest('base64url')}`;
}
