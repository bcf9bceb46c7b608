/**
 * One contract for the analytics port: DuckDB over local Parquet files, and Athena (a local
 * stub speaking its wire protocol) over the same layout on S3 (s3rver). Data goes in through
 * the sales lake, as uploads do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sale } from '../../src/domain/sale.js';
import type { SalesAnalytics } from '../../src/storage/analytics.port.js';
import { AthenaSalesAnalytics } from '../../src/storage/athena/athena-analytics.adapter.js';
import { DuckDbSalesAnalytics } from '../../src/storage/duckdb/duckdb-analytics.adapter.js';
import { FileBlobs } from '../../src/storage/files/file-blobs.adapter.js';
import { S3Blobs } from '../../src/storage/s3/s3-blobs.adapter.js';
import { SalesLake } from '../../src/storage/sales-lake.js';
import { startAthenaStub } from '../support/athena-stub.js';
import { awsClientConfig, startS3rver } from '../support/aws-local.js';

type Setup = { analytics: SalesAnalytics; lake: SalesLake; stop: () => Promise<void> };

const adapters: Array<{ name: string; start: () => Promise<Setup> }> = [
  {
    name: 'duckdb (files)',
    async start() {
      const dir = await mkdtemp(join(tmpdir(), 'lake-'));
      const analytics = new DuckDbSalesAnalytics(dir);
      return { analytics, lake: new SalesLake(new FileBlobs(dir)), stop: async () => (await analytics.close(), await rm(dir, { recursive: true, force: true })) };
    },
  },
  {
    name: 'athena (stub over s3rver)',
    async start() {
      const s3 = await startS3rver(['lake']);
      const blobs = new S3Blobs({ bucket: 'lake', client: awsClientConfig(s3.endpoint) });
      const athena = await startAthenaStub(blobs);
      const analytics = new AthenaSalesAnalytics({
        database: 'bharatsense',
        workGroup: 'primary',
        outputLocation: 's3://lake/athena-results/',
        client: awsClientConfig(athena.endpoint),
      });
      return {
        analytics,
        lake: new SalesLake(blobs),
        stop: async () => (await analytics.close(), await athena.close(), await blobs.close(), await s3.close()),
      };
    },
  },
];

const sale = (date: string, sku: string, qty: number, price: number | null = null): Sale => ({ date, sku, qty, price });

describe.each(adapters)('analytics contract: $name', ({ start }) => {
  let analytics: SalesAnalytics;
  let lake: SalesLake;
  let stop: () => Promise<void>;
  beforeAll(async () => ({ analytics, lake, stop } = await start()));
  afterAll(async () => stop());

  it('answers a store without sales with nothing', async () => {
    expect(await analytics.dailySales('empty-store')).toEqual([]);
    expect(await analytics.productTotals('empty-store')).toEqual([]);
  });

  it('reads back daily sales across months, ordered by sku then date', async () => {
    await lake.upsert('kirana-1', [
      sale('2025-02-01', 'MILK', 30, 28),
      sale('2025-01-31', 'MILK', 25, 27),
      sale('2025-01-30', 'MILK', 20, 27),
      sale('2025-01-31', 'ATTA', 4, null),
      sale('2025-02-02', 'ATTA', 2.5, 52),
    ]);
    await lake.upsert('kirana-2', [sale('2025-01-31', 'MILK', 999, 30)]);
    expect(await analytics.dailySales('kirana-1')).toEqual([
      sale('2025-01-31', 'ATTA', 4, null),
      sale('2025-02-02', 'ATTA', 2.5, 52),
      sale('2025-01-30', 'MILK', 20, 27),
      sale('2025-01-31', 'MILK', 25, 27),
      sale('2025-02-01', 'MILK', 30, 28),
    ]);
  });

  it('filters by product and by an inclusive date range', async () => {
    const milk = await analytics.dailySales('kirana-1', { skus: ['MILK'], from: '2025-01-31', to: '2025-02-01' });
    expect(milk.map((s) => [s.date, s.qty])).toEqual([['2025-01-31', 25], ['2025-02-01', 30]]);
    expect(await analytics.dailySales('kirana-1', { skus: [] })).toEqual([]);
    expect(await analytics.dailySales('kirana-1', { skus: ["x' OR '1'='1"] })).toEqual([]);
  });

  it('totals per product, revenue only where a price is known', async () => {
    expect(await analytics.productTotals('kirana-1')).toEqual([
      { sku: 'ATTA', qty: 6.5, revenue: 130, days: 2, firstDate: '2025-01-31', lastDate: '2025-02-02' },
      { sku: 'MILK', qty: 75, revenue: 20 * 27 + 25 * 27 + 30 * 28, days: 3, firstDate: '2025-01-30', lastDate: '2025-02-01' },
    ]);
  });

  it('counts re-uploaded days once: the new figures replace the old', async () => {
    const summary = await lake.upsert('kirana-1', [sale('2025-01-31', 'MILK', 26, 27), sale('2025-02-03', 'MILK', 31, 28)]);
    expect(summary).toEqual({ months: ['2025-01', '2025-02'], replaced: 1, added: 1 });
    const [, milk] = await analytics.productTotals('kirana-1');
    expect(milk).toMatchObject({ sku: 'MILK', qty: 20 + 26 + 30 + 31, days: 4 });
  });

  it('answers ping', async () => {
    await expect(analytics.ping()).resolves.toBeUndefined();
  });
});
