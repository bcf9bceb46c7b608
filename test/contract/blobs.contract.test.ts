/** One contract for the blobs port, run against local files and against S3 (s3rver). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Blobs } from '../../src/storage/blobs.port.js';
import { FileBlobs } from '../../src/storage/files/file-blobs.adapter.js';
import { S3Blobs } from '../../src/storage/s3/s3-blobs.adapter.js';
import { awsClientConfig, startS3rver } from '../support/aws-local.js';

const adapters: Array<{ name: string; start: () => Promise<{ blobs: Blobs; stop: () => Promise<void> }> }> = [
  {
    name: 'files',
    async start() {
      const dir = await mkdtemp(join(tmpdir(), 'blobs-'));
      return { blobs: new FileBlobs(dir), stop: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 's3 (s3rver)',
    async start() {
      const s3 = await startS3rver(['lake']);
      // A tiny page size makes the adapter follow continuation tokens.
      const blobs = new S3Blobs({ bucket: 'lake', client: awsClientConfig(s3.endpoint), listPageSize: 2 });
      return { blobs, stop: async () => (await blobs.close(), await s3.close()) };
    },
  },
];

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

describe.each(adapters)('blobs contract: $name', ({ start }) => {
  let blobs: Blobs;
  let stop: () => Promise<void>;
  beforeAll(async () => ({ blobs, stop } = await start()));
  afterAll(async () => stop());

  it('stores bytes and text and reads them back', async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    await blobs.put('raw/all-bytes.bin', bytes);
    expect(await blobs.get('raw/all-bytes.bin')).toEqual(bytes);
    await blobs.put('forecasts/store_id=s1/date=2025-01-01/forecast.json', '{"sku":"दूध"}', { contentType: 'application/json' });
    expect(text(await blobs.get('forecasts/store_id=s1/date=2025-01-01/forecast.json'))).toBe('{"sku":"दूध"}');
    expect(await blobs.get('raw/missing.bin')).toBeUndefined();
  });

  it('replaces an object whole on a second put', async () => {
    await blobs.put('replace/me.txt', 'a long first version of the object');
    await blobs.put('replace/me.txt', 'short');
    expect(text(await blobs.get('replace/me.txt'))).toBe('short');
  });

  it('lists keys under a prefix in order, across pages, without neighbours', async () => {
    const keys = ['sales/store_id=a/year=2025/month=01/sales.parquet', 'sales/store_id=a/year=2024/month=12/sales.parquet', 'sales/store_id=a/year=2025/month=02/sales.parquet'];
    for (const key of keys) await blobs.put(key, 'x');
    await blobs.put('sales/store_id=ab/year=2025/month=01/sales.parquet', 'neighbour');
    expect(await blobs.list('sales/store_id=a/')).toEqual([...keys].sort());
    expect(await blobs.list('sales/store_id=a/year=2025/')).toEqual(keys.filter((k) => k.includes('2025')).sort());
    expect(await blobs.list('sales/store_id=none/')).toEqual([]);
    expect(await blobs.list('sales/store_id=a')).toHaveLength(4);
  });

  it('deletes, and deleting a missing key is fine', async () => {
    await blobs.put('gone/soon.txt', 'x');
    await blobs.delete('gone/soon.txt');
    expect(await blobs.get('gone/soon.txt')).toBeUndefined();
    expect(await blobs.list('gone/')).toEqual([]);
    await expect(blobs.delete('gone/soon.txt')).resolves.toBeUndefined();
  });

  it('rejects keys that could escape the root or differ between disk and S3', async () => {
    for (const key of ['../etc/passwd', 'a//b', '/abs', 'a/./b', 'space here', 'sales/\u0000']) {
      await expect(blobs.put(key, 'x')).rejects.toMatchObject({ code: 'BLOBS.INVALID_KEY' });
    }
    await expect(blobs.list('../')).rejects.toMatchObject({ code: 'BLOBS.INVALID_KEY' });
  });

  it('round-trips a 3 MB object', async () => {
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31) % 251);
    await blobs.put('big/object.bin', big);
    const back = await blobs.get('big/object.bin');
    expect(back && Buffer.compare(Buffer.from(back), Buffer.from(big))).toBe(0);
  });

  it('answers ping', async () => {
    await expect(blobs.ping()).resolves.toBeUndefined();
  });
});
