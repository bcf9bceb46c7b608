/**
 * Field encryption by AWS KMS envelope encryption. KMS hands out a data key (GenerateDataKey,
 * AES_256) both plain and wrapped under the master key; values are sealed here with AES-256-GCM
 * under the plain one, exactly as the local adapter does, and carry the wrapped one. The master
 * key never leaves KMS, and one KMS call serves many values:
 * - sealing reuses a data key for up to `maxSealsPerKey` values or `maxKeyAgeMs`, whichever ends
 *   first (bounding what one leaked data key exposes, and staying far below GCM's IV limit);
 * - opening unwraps each data key once (Decrypt) and keeps it in a bounded LRU, and concurrent
 *   opens of one data key share a single Decrypt, so a listing costs one call per data key.
 *
 * Format: `enc:v1:kms:<base64url(wrapped data key)>:<base64url(iv ‖ tag ‖ ciphertext)>`.
 */
import { DecryptCommand, GenerateDataKeyCommand, KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { AppError } from '../../domain/errors.js';
import { assertContext, SEALED_PREFIX, unreadable, type FieldCipher } from '../field-cipher.port.js';
import { fromBase64url, gcmOpen, gcmSeal } from '../local/aes-gcm-cipher.adapter.js';

export interface KmsEnvelopeCipherOptions {
  /** The master key: key id, key ARN, alias name (`alias/…`) or alias ARN. */
  keyId: string;
  region: string;
  /** Another KMS endpoint: a VPC endpoint, or a local stub in tests. */
  endpoint?: string;
  /** Fixed credentials; otherwise the SDK's default chain (task role, environment, profile). */
  credentials?: KMSClientConfig['credentials'];
  /** Values sealed under one data key before a fresh one is requested (default 10,000). */
  maxSealsPerKey?: number;
  /** Age at which a data key stops sealing (default 15 minutes). */
  maxKeyAgeMs?: number;
  /** Unwrapped data keys kept for opening (default 1,000). */
  cacheSize?: number;
  /** Attempts per KMS call, retries of 5xx and throttling included (default 3, as the SDK). */
  maxAttempts?: number;
  /** Bound on connecting and on each KMS request (default 5 s), so a stuck KMS fails rather than hangs. */
  timeoutMs?: number;
  /** Clock in ms, replaceable so tests can age a data key. */
  now?: () => number;
}

/** Bound into every wrapped data key: KMS unwraps it only when asked with the same context. */
const ENCRYPTION_CONTEXT = { purpose: 'bharatsense-pii' };
const SCHEME = `${SEALED_PREFIX}kms:`;
const DATA_KEY_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** KMS's answers that mean "this blob is not yours to open", as opposed to KMS being unreachable. */
const REFUSED = new Set(['InvalidCiphertextException', 'IncorrectKeyException']);

interface SealingKey {
  plain: Buffer;
  /** base64url of the wrapped key, as it appears in sealed values. */
  wrapped: string;
  uses: number;
  createdAt: number;
}

export class KmsEnvelopeCipher implements FieldCipher {
  readonly name = 'kms';
  private readonly kms: KMSClient;
  private readonly maxSeals: number;
  private readonly maxAgeMs: number;
  private readonly cacheSize: number;
  private readonly now: () => number;
  private current?: SealingKey;
  private generating?: Promise<void>;
  /** Unwrapped data keys by wrapped key (base64url), least recently used first (Map keeps order). */
  private readonly unwrapped = new Map<string, Buffer>();
  private readonly unwrapping = new Map<string, Promise<Buffer | undefined>>();

  constructor(private readonly options: KmsEnvelopeCipherOptions) {
    this.maxSeals = positive(options.maxSealsPerKey ?? 10_000, 'maxSealsPerKey');
    this.maxAgeMs = positive(options.maxKeyAgeMs ?? 15 * 60_000, 'maxKeyAgeMs');
    this.cacheSize = positive(options.cacheSize ?? 1000, 'cacheSize');
    this.now = options.now ?? Date.now;
    const timeout = options.timeoutMs ?? 5000;
    this.kms = new KMSClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      maxAttempts: options.maxAttempts ?? 3,
      // Node's own HTTP stack: plain http:// endpoints work (stubs), and timeouts are enforced.
      requestHandler: new NodeHttpHandler({ connectionTimeout: timeout, requestTimeout: timeout, throwOnRequestTimeout: true }),
    });
  }

  async seal(plaintext: string, context: string): Promise<string> {
    assertContext(context);
    const key = await this.sealingKey();
    return `${SCHEME}${key.wrapped}:${gcmSeal(key.plain, plaintext, context).toString('base64url')}`;
  }

  async open(sealed: string, context: string): Promise<string> {
    assertContext(context);
    if (typeof sealed !== 'string' || !sealed.startsWith(SCHEME)) throw unreadable(context, 'not sealed by the KMS cipher');
    const [wrapped, body, ...rest] = sealed.slice(SCHEME.length).split(':');
    const payload = fromBase64url(body);
    if (!wrapped || !BASE64URL.test(wrapped) || !payload || rest.length) throw unreadable(context, 'malformed');
    const key = await this.dataKey(wrapped);
    if (!key) throw unreadable(context, 'KMS refused its data key (another master key, or altered)');
    const plaintext = gcmOpen(key, payload, context);
    if (plaintext === undefined) throw unreadable(context, 'altered, or sealed for another context');
    return plaintext;
  }

  async close(): Promise<void> {
    this.kms.destroy();
    this.current = undefined;
    this.unwrapped.clear();
  }

  /** The data key to seal with, fetching a fresh one when the current is used up or too old. */
  private async sealingKey(): Promise<SealingKey> {
    for (;;) {
      const key = this.current;
      if (key && key.uses < this.maxSeals && this.now() - key.createdAt < this.maxAgeMs) {
        key.uses++;
        return key;
      }
      // One GenerateDataKey for everyone waiting: a burst of first seals must not make a burst of calls.
      this.generating ??= this.generate().finally(() => (this.generating = undefined));
      await this.generating;
    }
  }

  private async generate(): Promise<void> {
    const out = await this.call('GenerateDataKey', () =>
      this.kms.send(new GenerateDataKeyCommand({ KeyId: this.options.keyId, KeySpec: 'AES_256', EncryptionContext: ENCRYPTION_CONTEXT })),
    );
    if (out.Plaintext?.length !== DATA_KEY_BYTES || !out.CiphertextBlob?.length) {
      throw kmsUnavailable('GenerateDataKey', 'KMS answered without a 32-byte data key');
    }
    const plain = Buffer.from(out.Plaintext);
    const wrapped = Buffer.from(out.CiphertextBlob).toString('base64url');
    // Values sealed now open without a Decrypt.
    this.remember(wrapped, plain);
    this.current = { plain, wrapped, uses: 0, createdAt: this.now() };
  }

  /**
   * The plain data key for a wrapped one (base64url, as in the sealed value), or undefined when
   * KMS refuses to unwrap it. The text itself is the cache key, decoded only on a miss, so a
   * warm open does little more than the local adapter's.
   */
  private async dataKey(id: string): Promise<Buffer | undefined> {
    if (this.current?.wrapped === id) return this.current.plain;
    const cached = this.unwrapped.get(id);
    if (cached) {
      this.remember(id, cached);
      return cached;
    }
    let pending = this.unwrapping.get(id);
    if (!pending) {
      pending = this.unwrap(id).finally(() => this.unwrapping.delete(id));
      this.unwrapping.set(id, pending);
    }
    return pending;
  }

  private async unwrap(id: string): Promise<Buffer | undefined> {
    try {
      const out = await this.call('Decrypt', () =>
        this.kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(id, 'base64url'), KeyId: this.options.keyId, EncryptionContext: ENCRYPTION_CONTEXT })),
      );
      // A blob KMS accepts but that is no data key of ours (say, another app's ciphertext under this key).
      if (out.Plaintext?.length !== DATA_KEY_BYTES) return undefined;
      const plain = Buffer.from(out.Plaintext);
      this.remember(id, plain);
      return plain;
    } catch (error) {
      if (error instanceof RefusedError) return undefined;
      throw error;
    }
  }

  /** Marks a key most recently used, dropping the least recently used beyond the bound. */
  private remember(id: string, key: Buffer): void {
    this.unwrapped.delete(id);
    this.unwrapped.set(id, key);
    for (const oldest of this.unwrapped.keys()) {
      if (this.unwrapped.size <= this.cacheSize) break;
      this.unwrapped.delete(oldest);
    }
  }

  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      const name = (error as { name?: string }).name ?? 'Error';
      if (operation === 'Decrypt' && REFUSED.has(name)) throw new RefusedError(name);
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      throw kmsUnavailable(operation, `${name}: ${(error as Error).message}`, { kmsError: name, httpStatus: status ?? null }, error);
    }
  }
}

/** KMS said the blob is not one it will unwrap for us; becomes CRYPTO.UNREADABLE in `open`. */
class RefusedError extends Error {}

function kmsUnavailable(operation: string, detail: string, metadata: Record<string, string | number | null> = {}, cause?: unknown): AppError {
  return new AppError('CRYPTO.KMS_UNAVAILABLE', `KMS ${operation} failed: ${detail}`, {
    status: 503,
    permanent: false,
    metadata: { operation, ...metadata },
    cause,
  });
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 1) {
    throw new AppError('CRYPTO.INVALID_OPTIONS', `KMS cipher option ${name} must be a positive number, got ${value}`, { status: 500, permanent: true });
  }
  return value;
}
