/**
 * Field encryption under a key the app holds itself (from config): AES-256-GCM with a random
 * 12-byte IV per value and the context as additional authenticated data. For development, tests
 * and single-box installs; with AWS, the KMS envelope adapter keeps the master key out of the app.
 *
 * Format: `enc:v1:local:<keyId>:<base64url(iv ‖ tag ‖ ciphertext)>`, keyId being the first 8 hex
 * digits of SHA-256(key), so after a rotation `open` picks the right key without trying each.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import { assertContext, SEALED_PREFIX, unreadable, type FieldCipher } from '../field-cipher.port.js';

export interface AesGcmCipherOptions {
  /** The key new values are sealed with: 32 bytes. */
  key: Buffer;
  /** Retired keys, still accepted by `open`, so a rotation need not rewrite every row at once. */
  previousKeys?: Buffer[];
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SCHEME = `${SEALED_PREFIX}local:`;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Which key sealed a value: the first 8 hex digits of SHA-256(key). Reveals nothing usable about the key. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Decodes a base64 key from config, insisting on 32 bytes (`openssl rand -base64 32`). */
export function keyFromBase64(text: string, name = 'field encryption key'): Buffer {
  const trimmed = text.trim();
  // Buffer.from skips characters that are not base64, so a mangled value must be caught here.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) && !BASE64URL.test(trimmed)) {
    throw new AppError('CRYPTO.INVALID_KEY', `The ${name} is not base64; generate one with \`openssl rand -base64 32\``, { status: 500, permanent: true });
  }
  return checkKey(Buffer.from(trimmed, 'base64'), name);
}

function checkKey(key: Buffer, name: string): Buffer {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new AppError(
      'CRYPTO.INVALID_KEY',
      `The ${name} must be ${KEY_BYTES} bytes for AES-256, got ${Buffer.isBuffer(key) ? key.length : typeof key}; generate one with \`openssl rand -base64 32\``,
      { status: 500, permanent: true },
    );
  }
  return key;
}

/** AES-256-GCM of one value, as iv ‖ tag ‖ ciphertext. The KMS adapter seals the same way under its data keys. */
export function gcmSeal(key: Buffer, plaintext: string, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** Opens what `gcmSeal` made; returns undefined when it does not authenticate (altered, wrong key or AAD). */
export function gcmOpen(key: Buffer, payload: Buffer, aad: string): string | undefined {
  if (payload.length < IV_BYTES + TAG_BYTES) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key, payload.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(payload.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(payload.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Decodes strict base64url (Node's decoder would silently skip stray characters). */
export function fromBase64url(text: string | undefined): Buffer | undefined {
  return text && BASE64URL.test(text) ? Buffer.from(text, 'base64url') : undefined;
}

export class AesGcmCipher implements FieldCipher {
  readonly name = 'local';
  private readonly key: Buffer;
  private readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(options: AesGcmCipherOptions) {
    this.key = checkKey(options.key, 'field encryption key');
    this.keyId = keyIdOf(this.key);
    for (const [i, key] of [this.key, ...(options.previousKeys ?? [])].entries()) {
      checkKey(key, i === 0 ? 'field encryption key' : `previous field encryption key #${i}`);
      const id = keyIdOf(key);
      const known = this.keys.get(id);
      // Two different keys with one id (a 1 in 4 billion chance) would make open guess; refuse instead.
      if (known && !known.equals(key)) {
        throw new AppError('CRYPTO.INVALID_KEY', `Two field encryption keys share the id ${id}; generate a new key`, { status: 500, permanent: true });
      }
      this.keys.set(id, key);
    }
  }

  async seal(plaintext: string, context: string): Promise<string> {
    assertContext(context);
    return `${SCHEME}${this.keyId}:${gcmSeal(this.key, plaintext, context).toString('base64url')}`;
  }

  async open(sealed: string, context: string): Promise<string> {
    assertContext(context);
    if (typeof sealed !== 'string' || !sealed.startsWith(SCHEME)) throw unreadable(context, 'not sealed by the local cipher');
    const [keyId, body, ...rest] = sealed.slice(SCHEME.length).split(':');
    const payload = fromBase64url(body);
    if (!keyId || !payload || rest.length) throw unreadable(context, 'malformed');
    const key = this.keys.get(keyId);
    if (!key) throw unreadable(context, `sealed with unknown key ${keyId.slice(0, 8)}`);
    const plaintext = gcmOpen(key, payload, context);
    if (plaintext === undefined) throw unreadable(context, 'altered, or sealed for another context');
    return plaintext;
  }
}
