/**
 * Blobs: whole objects under slash-separated keys, the same keys on local disk and on S3
 * (`sales/store_id=S/year=YYYY/month=MM/part.parquet`, `forecasts/store_id=S/date=D/forecast.json`).
 * A put replaces the whole object atomically: readers see the old bytes or the new, never half.
 */
import { AppError } from '../domain/errors.js';

export interface Blobs {
  put(key: string, body: Uint8Array | string, options?: { contentType?: string }): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Every key under a prefix, in lexicographic order. */
  list(prefix: string): Promise<string[]>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const SEGMENT = /^[A-Za-z0-9_.=@+-]+$/;

/** Rejects keys that could escape the store's root or mean different things on disk and on S3. */
export function assertBlobKey(key: string): void {
  const segments = key.split('/');
  const ok = key.length <= 512 && segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..');
  if (!ok) throw new AppError('BLOBS.INVALID_KEY', `Invalid blob key: ${JSON.stringify(key)}`, { status: 400, permanent: true });
}

/** Prefixes end with `/` or are empty; the same rules as keys otherwise. */
export function assertBlobPrefix(prefix: string): void {
  if (prefix === '') return;
  assertBlobKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}
