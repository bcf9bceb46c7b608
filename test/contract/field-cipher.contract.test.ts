/**
 * One contract for the field cipher port, run against the local AES-256-GCM key and against KMS
 * envelope encryption (a local KMS stub); then the blind index, and what each adapter adds: key
 * rotation for the local one, data key caching and outages for KMS.
 */
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { blindIndex, isSealed, type FieldCipher } from '../../src/crypto/field-cipher.port.js';
import { AesGcmCipher, keyFromBase64 } from '../../src/crypto/local/aes-gcm-cipher.adapter.js';
import { KmsEnvelopeCipher, type KmsEnvelopeCipherOptions } from '../../src/crypto/kms/kms-envelope-cipher.adapter.js';
import { startKmsStub, type KmsStub } from '../support/kms-stub.js';

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

const kmsCipher = (kms: KmsStub, options: Partial<KmsEnvelopeCipherOptions> = {}) =>
  new KmsEnvelopeCipher({ keyId: 'alias/bharatsense-pii', region: 'ap-south-1', endpoint: kms.url, credentials: CREDENTIALS, ...options });

interface Subject {
  cipher: FieldCipher;
  /** The same adapter under another key: it must not open the first one's values. */
  stranger: FieldCipher;
  scheme: string;
  stop(): Promise<void>;
}

const adapters: Array<{ name: string; start: () => Promise<Subject> }> = [
  {
    name: 'local AES-256-GCM',
    async start() {
      return { cipher: new AesGcmCipher({ key: randomBytes(32) }), stranger: new AesGcmCipher({ key: randomBytes(32) }), scheme: 'local', stop: async () => {} };
    },
  },
  {
    name: 'KMS envelope (stub)',
    async start() {
      const kms = await startKmsStub({ keyIds: ['alias/bharatsense-pii', 'alias/someone-else'] });
      const cipher = kmsCipher(kms);
      const stranger = kmsCipher(kms, { keyId: 'alias/someone-else' });
      return { cipher, stranger, scheme: 'kms', stop: async () => (await cipher.close(), await stranger.close(), await kms.close()) };
    },
  },
];

const NAMES = ['Ramesh Kumar', 'रमेश कुमार', 'ரமேஷ் குமார்', 'রমেশ কুমার', 'రమేష్ కుమార్', 'ਰਮੇਸ਼ ਕੁਮਾਰ', 'રમેશ કુમાર', 'ರಮೇಶ್ ಕುಮಾರ್', 'രമേഷ് കുമാർ', 'ज़ाकिर हुसैन'];
const PHONES = ['+919812345678', '+919000000001'];
const EMAILS = ['ramesh.kumar@example.in', 'Sunita.Devi+kirana@Gmail.com'];
const OTHERS = ['', 'x', 'Shop 4, Gandhi Chowk, Indore 452001 🛒', 'a:b:c enc:v1:local:', 'ऊ'.repeat(4000)];
const VALUES = [...NAMES, ...PHONES, ...EMAILS, ...OTHERS];

/** What the plaintext would look like if it leaked into a sealed value as text, hex or base64 at any alignment. */
function leaks(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms = [value, value.toLowerCase(), bytes.toString('hex')];
  for (let shift = 0; shift < 3; shift++) {
    const tail = bytes.subarray(shift);
    // The last 4 characters may mix with neighbouring bytes, so only the rest must not appear.
    forms.push(tail.toString('base64').replace(/=+$/, '').slice(0, -4), tail.toString('base64url').slice(0, -4));
  }
  return forms.filter((form) => form.length >= 8);
}

/** The error a promise rejects with, so each field can be checked (getters included). */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a rejection').toBeInstanceOf(AppError);
  return error as AppError;
}

/** Flips one bit of byte `at` (negative counts from the end) in segment `index` of a sealed value. */
function flip(sealed: string, index: number, at: number): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  const i = (at + bytes.length) % bytes.length;
  bytes[i] = bytes[i]! ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join(':');
}

describe.each(adapters)('field cipher contract: $name', ({ start }) => {
  let s: Subject;
  beforeAll(async () => (s = await start()));
  afterAll(async () => s.stop());

  it('round-trips names in Indian scripts, phones, emails and odd values', async () => {
    for (const [i, value] of VALUES.entries()) {
      const context = `users/user_${i}/field`;
      const sealed = await s.cipher.seal(value, context);
      expect(isSealed(sealed)).toBe(true);
      expect(sealed.startsWith(`enc:v1:${s.scheme}:`)).toBe(true);
      expect(await s.cipher.open(sealed, context)).toBe(value);
    }
    expect(isSealed('+919812345678')).toBe(false);
    expect(isSealed(undefined)).toBe(false);
  });

  it('never shows the plaintext, in any encoding, and differs every call', async () => {
    for (const value of VALUES) {
      const sealed = await Promise.all(Array.from({ length: 20 }, () => s.cipher.seal(value, 'users/u1/name')));
      expect(new Set(sealed).size).toBe(20);
      for (const one of sealed) {
        for (const form of leaks(value)) expect(one, `leaks ${form}`).not.toContain(form);
      }
    }
  });

  it('opens a value only in the context it was sealed for', async () => {
    const sealed = await s.cipher.seal('+919812345678', 'users/u1/phone');
    for (const other of ['users/u2/phone', 'users/u1/email', 'users/u1/phone ', 'Users/u1/phone']) {
      const error = await failure(s.cipher.open(sealed, other));
      expect(error.code).toBe('CRYPTO.UNREADABLE');
      expect(error.message).not.toContain('+919812345678');
    }
    expect((await failure(s.cipher.seal('x', ''))).code).toBe('CRYPTO.INVALID_CONTEXT');
    expect((await failure(s.cipher.open(sealed, ''))).code).toBe('CRYPTO.INVALID_CONTEXT');
  });

  it('refuses a value with any byte altered, cut short or malformed', async () => {
    const context = 'users/u7/email';
    const sealed = await s.cipher.seal('sunita.devi@example.in', context);
    const segments = sealed.split(':').length;
    const altered: string[] = [];
    // Every segment after `enc:v1:<scheme>`: the key reference and the payload (iv, tag, ciphertext).
    for (let index = 3; index < segments; index++) {
      for (const at of [0, 5, 12, 20, 28, -1]) altered.push(flip(sealed, index, at));
    }
    altered.push(sealed.slice(0, -2), sealed.slice(0, sealed.lastIndexOf(':')), `${sealed}:x`, sealed.replace(`:${s.scheme}:`, ':other:'), `${sealed.slice(0, -1)}!`, 'enc:v1:', '+919812345678');
    for (const value of altered) {
      expect(value).not.toBe(sealed);
      const error = await failure(s.cipher.open(value, context));
      expect(error.code, value).toBe('CRYPTO.UNREADABLE');
    }
    expect(await s.cipher.open(sealed, context)).toBe('sunita.devi@example.in');
  });

  it('does not open values sealed under another key', async () => {
    const mine = await s.cipher.seal('Ramesh Kumar', 'users/u1/name');
    const theirs = await s.stranger.seal('Ramesh Kumar', 'users/u1/name');
    expect((await failure(s.stranger.open(mine, 'users/u1/name'))).code).toBe('CRYPTO.UNREADABLE');
    expect((await failure(s.cipher.open(theirs, 'users/u1/name'))).code).toBe('CRYPTO.UNREADABLE');
  });

  it('seals and opens many values concurrently', async () => {
    const values = Array.from({ length: 500 }, (_, i) => `${NAMES[i % NAMES.length]} ${i}`);
    const sealed = await Promise.all(values.map((v, i) => s.cipher.seal(v, `users/u${i}/name`)));
    expect(await Promise.all(sealed.map((v, i) => s.cipher.open(v, `users/u${i}/name`)))).toEqual(values);
  });
});

describe('blind index', () => {
  const key = randomBytes(32);

  it('is stable for a value, and keyed', () => {
    const index = blindIndex(key, '+919812345678', 'user-phone');
    expect(index).toMatch(/^bi:[A-Za-z0-9_-]{43}$/);
    expect(blindIndex(key, '+919812345678', 'user-phone')).toBe(index);
    expect(blindIndex(Buffer.from(key), ' +919812345678\n', 'user-phone')).toBe(index);
    expect(blindIndex(randomBytes(32), '+919812345678', 'user-phone')).not.toBe(index);
    expect(blindIndex(key, '+919812345679', 'user-phone')).not.toBe(index);
    // Not a plain hash of the value, which anyone could compute for every Indian mobile.
    expect(index.slice(3)).not.toBe(createHash('sha256').update('+919812345678').digest('base64url'));
  });

  it('keeps purposes apart, so equal values in two columns cannot be linked', () => {
    expect(blindIndex(key, '+919812345678', 'user-phone')).not.toBe(blindIndex(key, '+919812345678', 'supplier-phone'));
    expect(blindIndex(key, 'c', 'ab')).not.toBe(blindIndex(key, 'bc', 'a'));
  });

  it('matches emails whatever their case or spacing, but keeps the case of other values', () => {
    expect(blindIndex(key, '  Sunita.Devi@Example.IN ', 'user-email')).toBe(blindIndex(key, 'sunita.devi@example.in', 'user-email'));
    expect(blindIndex(key, 'sunita.devi@example.in', 'user-email')).not.toBe(blindIndex(key, 'sunita.dev@example.in', 'user-email'));
    expect(blindIndex(key, 'Ramesh Kumar', 'user-name')).not.toBe(blindIndex(key, 'ramesh kumar', 'user-name'));
  });

  it('matches one Indic spelling however it was composed (NFC)', () => {
    // ज़ as one code point (U+095B) and as ज + nukta (U+091C U+093C) look the same to the owner.
    expect(blindIndex(key, '\u095Bाकिर', 'user-name')).toBe(blindIndex(key, '\u091C\u093Cाकिर', 'user-name'));
    expect(blindIndex(key, 'ज़ाकिर', 'user-name')).not.toBe(blindIndex(key, 'जाकिर', 'user-name'));
  });

  it('rejects a short key and an empty purpose', () => {
    expect(() => blindIndex(randomBytes(16), 'x', 'user-phone')).toThrow(expect.objectContaining({ code: 'CRYPTO.INVALID_KEY' }));
    expect(() => blindIndex(key, 'x', '')).toThrow(expect.objectContaining({ code: 'CRYPTO.INVALID_PURPOSE' }));
  });
});

describe('local cipher', () => {
  const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

  it('opens values sealed under a previous key after a rotation, and names the key in each value', async () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const before = await new AesGcmCipher({ key: oldKey }).seal('रमेश कुमार', 'users/u1/name');
    const rotated = new AesGcmCipher({ key: newKey, previousKeys: [oldKey] });
    const after = await rotated.seal('रमेश कुमार', 'users/u1/name');
    expect(before.split(':')[3]).toBe(keyIdOf(oldKey));
    expect(after.split(':')[3]).toBe(keyIdOf(newKey));
    expect(await rotated.open(before, 'users/u1/name')).toBe('रमेश कुमार');
    expect(await rotated.open(after, 'users/u1/name')).toBe('रमेश कुमार');
    // Once the old key is dropped from config, its values no longer open.
    const newOnly = new AesGcmCipher({ key: newKey });
    expect(await newOnly.open(after, 'users/u1/name')).toBe('रमेश कुमार');
    expect((await failure(newOnly.open(before, 'users/u1/name'))).code).toBe('CRYPTO.UNREADABLE');
  });

  it('rejects keys that are not 32 bytes, with a message saying how to make one', () => {
    for (const length of [0, 16, 24, 31, 33, 64]) {
      expect(() => new AesGcmCipher({ key: randomBytes(length) })).toThrow(/must be 32 bytes.*got \d+.*openssl rand -base64 32/);
      expect(() => new AesGcmCipher({ key: randomBytes(32), previousKeys: [randomBytes(length)] })).toThrow(expect.objectContaining({ code: 'CRYPTO.INVALID_KEY' }));
    }
  });

  it('reads its key from base64 config', () => {
    const key = randomBytes(32);
    expect(keyFromBase64(` ${key.toString('base64')}\n`).equals(key)).toBe(true);
    expect(keyFromBase64(key.toString('base64url')).equals(key)).toBe(true);
    expect(() => keyFromBase64(randomBytes(16).toString('base64'))).toThrow(expect.objectContaining({ code: 'CRYPTO.INVALID_KEY' }));
    expect(() => keyFromBase64(`${key.toString('base64').slice(0, 20)}!!${key.toString('base64').slice(20)}`)).toThrow(/not base64/);
  });
});

describe('KMS envelope cipher', () => {
  let kms: KmsStub;
  const open: KmsEnvelopeCipher[] = [];
  /** A cipher as a fresh process would have it: no data key yet, nothing cached. */
  const fresh = (options: Partial<KmsEnvelopeCipherOptions> = {}) => {
    const cipher = kmsCipher(kms, options);
    open.push(cipher);
    return cipher;
  };
  const counting = () => {
    const start = { ...kms.calls };
    return () => ({ GenerateDataKey: kms.calls.GenerateDataKey - start.GenerateDataKey, Decrypt: kms.calls.Decrypt - start.Decrypt });
  };
  const dataKeyOf = (sealed: string) => sealed.split(':')[3];

  beforeAll(async () => (kms = await startKmsStub()));
  afterAll(async () => {
    for (const cipher of open) await cipher.close();
    await kms.close();
  });

  it('seals 1,000 values with one GenerateDataKey and opens them without a Decrypt', async () => {
    const cipher = fresh();
    const used = counting();
    // A burst of first seals shares the one request for a data key.
    const sealed = await Promise.all(Array.from({ length: 100 }, (_, i) => cipher.seal(`+9198${String(i).padStart(8, '0')}`, `users/u${i}/phone`)));
    for (let i = 100; i < 1000; i++) sealed.push(await cipher.seal(`+9198${String(i).padStart(8, '0')}`, `users/u${i}/phone`));
    expect(used()).toEqual({ GenerateDataKey: 1, Decrypt: 0 });
    expect(new Set(sealed.map(dataKeyOf)).size).toBe(1);
    for (const [i, value] of sealed.entries()) expect(await cipher.open(value, `users/u${i}/phone`)).toBe(`+9198${String(i).padStart(8, '0')}`);
    expect(used()).toEqual({ GenerateDataKey: 1, Decrypt: 0 });
  });

  it('takes a fresh data key after maxSealsPerKey seals, and after maxKeyAgeMs', async () => {
    const counted = fresh({ maxSealsPerKey: 300 });
    let used = counting();
    const sealed = await Promise.all(Array.from({ length: 1000 }, (_, i) => counted.seal(`name ${i}`, `users/u${i}/name`)));
    expect(used().GenerateDataKey).toBe(4);
    expect(new Set(sealed.map(dataKeyOf)).size).toBe(4);

    let now = 1_700_000_000_000;
    const aged = fresh({ now: () => now });
    used = counting();
    const first = await aged.seal('a', 'users/u1/name');
    now += 14 * 60_000;
    const second = await aged.seal('b', 'users/u1/name');
    expect(used().GenerateDataKey).toBe(1);
    now += 60_000;
    const third = await aged.seal('c', 'users/u1/name');
    expect(used().GenerateDataKey).toBe(2);
    expect(dataKeyOf(first)).toBe(dataKeyOf(second));
    expect(dataKeyOf(third)).not.toBe(dataKeyOf(second));
  });

  it('after a restart, opens cost one Decrypt per data key', async () => {
    const sealer = fresh({ maxSealsPerKey: 250 });
    const values = Array.from({ length: 1000 }, (_, i) => `रमेश ${i}`);
    const sealed = await Promise.all(values.map((v, i) => sealer.seal(v, `users/u${i}/name`)));

    // A listing: every value opened at once by a process that has unwrapped nothing yet.
    let used = counting();
    const listing = fresh();
    expect(await Promise.all(sealed.map((v, i) => listing.open(v, `users/u${i}/name`)))).toEqual(values);
    expect(used()).toEqual({ GenerateDataKey: 0, Decrypt: 4 });
    expect(await Promise.all(sealed.map((v, i) => listing.open(v, `users/u${i}/name`)))).toEqual(values);
    expect(used()).toEqual({ GenerateDataKey: 0, Decrypt: 4 });

    // One by one, the same.
    used = counting();
    const oneByOne = fresh();
    for (const [i, value] of sealed.entries()) expect(await oneByOne.open(value, `users/u${i}/name`)).toBe(values[i]);
    expect(used().Decrypt).toBe(4);
  });

  it('keeps at most cacheSize unwrapped data keys, dropping the least recently used', async () => {
    const sealer = fresh({ maxSealsPerKey: 1 });
    const [k1, k2, k3] = [await sealer.seal('one', 'c/1'), await sealer.seal('two', 'c/2'), await sealer.seal('three', 'c/3')];
    const small = fresh({ cacheSize: 2 });
    const decrypts = async (value: string, context: string) => {
      const used = counting();
      await small.open(value, context);
      return used().Decrypt;
    };
    expect([await decrypts(k1, 'c/1'), await decrypts(k2, 'c/2'), await decrypts(k3, 'c/3')]).toEqual([1, 1, 1]);
    expect(await decrypts(k3, 'c/3')).toBe(0);
    expect(await decrypts(k2, 'c/2')).toBe(0);
    expect(await decrypts(k1, 'c/1')).toBe(1); // evicted by k3
    expect(await decrypts(k3, 'c/3')).toBe(1); // evicted by k1, k2 being more recent
  });

  it('reports KMS being down as CRYPTO.KMS_UNAVAILABLE, then works again', async () => {
    const cipher = fresh();
    let used = counting();
    kms.failNext(3, 500); // the SDK's three attempts
    const down = await failure(cipher.seal('+919812345678', 'users/u1/phone'));
    expect(down).toMatchObject({ code: 'CRYPTO.KMS_UNAVAILABLE' });
    expect([down.status, down.permanent, down.metadata.kmsError]).toEqual([503, false, 'KMSInternalException']);
    expect(down.message).not.toContain('+919812345678');
    expect(used().GenerateDataKey).toBe(3);
    const sealed = await cipher.seal('+919812345678', 'users/u1/phone');
    expect(await cipher.open(sealed, 'users/u1/phone')).toBe('+919812345678');

    // The same for opening in a process that must unwrap first.
    const reader = fresh();
    kms.failNext(3, 503);
    expect((await failure(reader.open(sealed, 'users/u1/phone'))).code).toBe('CRYPTO.KMS_UNAVAILABLE');
    expect(await reader.open(sealed, 'users/u1/phone')).toBe('+919812345678');

    // A single blip is retried by the SDK and never seen.
    used = counting();
    kms.failNext(1, 500);
    expect(await fresh().open(sealed, 'users/u1/phone')).toBe('+919812345678');
    expect(used().Decrypt).toBe(2);
  });

  it('reports no KMS at all (connection refused) as CRYPTO.KMS_UNAVAILABLE', async () => {
    const gone = await startKmsStub();
    await gone.close();
    const cipher = kmsCipher(gone, { maxAttempts: 1 });
    open.push(cipher);
    expect((await failure(cipher.seal('x', 'users/u1/name'))).code).toBe('CRYPTO.KMS_UNAVAILABLE');
  });

  it('has a stub that really wraps data keys: the EncryptionContext and key id must match on Decrypt', async () => {
    const client = new KMSClient({ region: 'ap-south-1', endpoint: kms.url, credentials: CREDENTIALS, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
    try {
      const made = await client.send(new GenerateDataKeyCommand({ KeyId: 'alias/bharatsense-pii', KeySpec: 'AES_256', EncryptionContext: { purpose: 'bharatsense-pii', a: '1' } }));
      expect(made.Plaintext).toHaveLength(32);
      expect(Buffer.from(made.CiphertextBlob!).includes(Buffer.from(made.Plaintext!))).toBe(false);
      const back = await client.send(new DecryptCommand({ CiphertextBlob: made.CiphertextBlob, EncryptionContext: { a: '1', purpose: 'bharatsense-pii' } }));
      expect(Buffer.from(back.Plaintext!).equals(Buffer.from(made.Plaintext!))).toBe(true);
      await expect(client.send(new DecryptCommand({ CiphertextBlob: made.CiphertextBlob, EncryptionContext: { purpose: 'bharatsense-pii' } }))).rejects.toMatchObject({
        name: 'InvalidCiphertextException',
        $metadata: { httpStatusCode: 400 },
      });
      await expect(client.send(new DecryptCommand({ CiphertextBlob: made.CiphertextBlob, KeyId: 'alias/other', EncryptionContext: { a: '1', purpose: 'bharatsense-pii' } }))).rejects.toMatchObject({
        name: 'IncorrectKeyException',
      });
      await expect(client.send(new GenerateDataKeyCommand({ KeyId: 'alias/missing', KeySpec: 'AES_256' }))).rejects.toMatchObject({ name: 'NotFoundException' });
    } finally {
      client.destroy();
    }
  });
});
