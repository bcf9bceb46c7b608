/** The forecast batches on the blob store: written whole, marked stale per product, kept 90 days. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import type { StoreForecastRecord } from '../../src/domain/forecast.js';
import { FileBlobs } from '../../src/storage/files/file-blobs.adapter.js';
import { ForecastArchive } from '../../src/storage/forecast-archive.js';

const batch = (date: string): StoreForecastRecord => ({ storeId: 'kirana-1', date, generatedAt: `${date}T01:00:00.000Z`, horizon: 1, forecasts: [], failed: [], seconds: 0.1 });

describe('forecast archive', () => {
  let dir: string;
  let blobs: FileBlobs;
  let archive: ForecastArchive;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'archive-'));
    blobs = new FileBlobs(dir);
    archive = new ForecastArchive(blobs);
  });
  afterEach(async () => {
    await blobs.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads back a batch, gathers stale products, and a new batch starts fresh', async () => {
    await archive.write(batch('2026-11-20'));
    expect(await archive.read('kirana-1', '2026-11-20')).toEqual(batch('2026-11-20'));
    expect(await archive.read('kirana-1', '2026-11-21')).toBeUndefined();
    await archive.invalidate('kirana-1', '2026-11-20', ['MILK']);
    await archive.invalidate('kirana-1', '2026-11-20', ['ATTA', 'MILK']);
    expect(await archive.invalidated('kirana-1', '2026-11-20')).toEqual(new Set(['ATTA', 'MILK']));
    await archive.write(batch('2026-11-20'));
    expect(await archive.invalidated('kirana-1', '2026-11-20')).toEqual(new Set());
  });

  it('keeps 90 days of batches and deletes the older ones whole', async () => {
    const today = '2026-11-26';
    for (const back of [200, 91, 90, 3]) await archive.write(batch(addDays(today, -back)));
    expect(await archive.prune('kirana-1', today)).toBe(2);
    expect(await archive.dates('kirana-1')).toEqual([addDays(today, -90), addDays(today, -3)]);
    expect(await blobs.list(`forecasts/store_id=kirana-1/date=${addDays(today, -91)}/`)).toEqual([]);
  });
});
