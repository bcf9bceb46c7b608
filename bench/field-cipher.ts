/**
 * npx tsx bench/field-cipher.ts — what encrypting PII fields costs: seals/s and opens/s for the
 * local AES-256-GCM key and for KMS envelope encryption against the local KMS stub (data key
 * cache on), one value at a time as a repository would, over a mix of names in Indian scripts,
 * phones and emails. KMS opens are measured cold (a fresh process: one Decrypt per data key,
 * included) and warm. Against real KMS only the few KMS calls get slower; the counts show how few.
 *
 *   npx tsx bench/field-cipher.ts --values 10000 --rounds 5
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { FieldCipher } from '../src/crypto/field-cipher.port.js';
import { KmsEnvelopeCipher } from '../src/crypto/kms/kms-envelope-cipher.adapter.js';
import { AesGcmCipher } from '../src/crypto/local/aes-gcm-cipher.adapter.js';
import { startKmsStub } from '../test/support/kms-stub.js';

const { values: args } = parseArgs({ options: { values: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '5' } } });
const count = Number(args.values);
const ROUNDS = Number(args.rounds);
const NAMES = ['Ramesh Kumar', 'रमेश कुमार', 'ரமேஷ் குமார்', 'রমেশ কুমার', 'సునీత దేవి', 'ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ'];
const values = Array.from({ length: count }, (_, i) =>
  i % 3 === 0 ? `+9198${String(i).padStart(8, '0')}` : i % 3 === 1 ? `owner${i}@example.in` : `${NAMES[i % NAMES.length]} ${i}`,
);
const contexts = values.map((_, i) => `users/user_${i}/${['phone', 'email', 'name'][i % 3]}`);

/** Seals and opens done, so the KMS calls can be put beside them. */
const done = { seals: 0, opens: 0 };

async function seals(cipher: FieldCipher): Promise<{ perSecond: number; sealed: string[] }> {
  done.seals += count;
  const sealed: string[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) sealed.push(await cipher.seal(values[i]!, contexts[i]!));
  return { perSecond: count / ((performance.now() - start) / 1000), sealed };
}

async function opens(cipher: FieldCipher, sealed: string[]): Promise<number> {
  done.opens += count;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    if ((await cipher.open(sealed[i]!, contexts[i]!)) !== values[i]) throw new Error(`value ${i} did not round-trip`);
  }
  return count / ((performance.now() - start) / 1000);
}

const rate = (n: number) => `${Math.round(n).toLocaleString('en-US').padStart(8)}/s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median of a few rounds, after one round of warm-up (JIT, OpenSSL contexts). */
async function measure(round: () => Promise<number>): Promise<number> {
  await round();
  const results: number[] = [];
  for (let i = 0; i < ROUNDS; i++) results.push(await round());
  return median(results);
}

// The SDK's notice that its releases after January 2027 need Node 22 (as in vitest.config.ts).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const local = new AesGcmCipher({ key: randomBytes(32) });
const localSealed = (await seals(local)).sealed;
const localSeal = await measure(async () => (await seals(local)).perSecond);
const localOpen = await measure(() => opens(local, localSealed));

const kms = await startKmsStub();
const options = { keyId: 'alias/bharatsense-pii', region: 'ap-south-1', endpoint: kms.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const sealer = new KmsEnvelopeCipher(options);
const readers: KmsEnvelopeCipher[] = [];
const before = { ...kms.calls };
Object.assign(done, { seals: 0, opens: 0 });
const kmsSealed = (await seals(sealer)).sealed;
const kmsSeal = await measure(async () => (await seals(sealer)).perSecond);
// Cold: each round is a new process's cipher, which must unwrap the data key first.
const kmsOpenCold = await measure(() => {
  const reader = new KmsEnvelopeCipher(options);
  readers.push(reader);
  return opens(reader, kmsSealed);
});
const kmsOpenWarm = await measure(() => opens(readers[0]!, kmsSealed));
const calls = { GenerateDataKey: kms.calls.GenerateDataKey - before.GenerateDataKey, Decrypt: kms.calls.Decrypt - before.Decrypt };
await Promise.all([sealer, ...readers].map((c) => c.close()));
await kms.close();

const n = count.toLocaleString('en-US');
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
console.log(`${n} values (names in 6 scripts, +91 phones, emails), one at a time; median of ${ROUNDS} rounds`);
console.log(`local AES-256-GCM     seal ${rate(localSeal)}   open ${rate(localOpen)}`);
console.log(`KMS envelope (stub)   seal ${rate(kmsSeal)}   open ${rate(kmsOpenCold)} cold  ${rate(kmsOpenWarm)} warm`);
console.log(`KMS / local           seal ${ratio(kmsSeal, localSeal).padStart(10)}   open ${ratio(kmsOpenCold, localOpen).padStart(10)} cold  ${ratio(kmsOpenWarm, localOpen).padStart(10)} warm`);
console.log(
  `KMS calls: GenerateDataKey ${calls.GenerateDataKey} for ${done.seals.toLocaleString('en-US')} seals, Decrypt ${calls.Decrypt} for ${done.opens.toLocaleString('en-US')} opens by ${readers.length} fresh ciphers`,
);
