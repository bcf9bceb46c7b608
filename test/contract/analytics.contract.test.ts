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
import { ForecastArchive } from '../../src/storage/forecast-archive.js';
import { addDays } from '../../src/domain/dates.js';
import { startAthenaStub } from '../support/athena-stub.js';
import { awsClientConfig, startS3rver } from '../support/aws-local.js';

type Setup = { analytics: SalesAnalytics; lake: SalesLake; archive: ForecastArchive; stop: () => Promise<void> };

const adapters: Array<{ name: string; start: () => Promise<Setup> }> = [
  {
    name: 'duckdb (files)',
    async start() {
      const dir = await mkdtemp(join(tmpdir(), 'lake-'));
      const analytics = new DuckDbSalesAnalytics(dir);
      const blobs = new FileBlobs(dir);
      return { analytics, lake: new SalesLake(blobs), archive: new ForecastArchive(blobs), stop: async () => (await analytics.close(), await rm(dir, { recursive: true, force: true })) };
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
        archive: new ForecastArchive(blobs),
        stop: async () => (await analytics.close(), await athena.close(), await blobs.close(), await s3.close()),
      };
    },
  },
];

const sale = (date: string, sku: string, qty: number, price: number | null = null): Sale => ({ date, sku, qty, price });

describe.each(adapters)('analytics contract: $name', ({ start }) => {
  let analytics: SalesAnalytics;
  let lake: SalesLake;
  let archive: ForecastArchive;
  let stop: () => Promise<void>;
  beforeAll(async () => ({ analytics, lake, archive, stop } = await start()));
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

  it('scores forecasts against the actuals that arrived: MAE, MASE, MAPE, bias, coverage', async () => {
    // Ten weeks of milk that alternates week by week (10 a day, then 12), and a product that never sold.
    const days = Array.from({ length: 70 }, (_, i) => addDays('2025-03-01', i));
    const qty = (i: number) => 10 + (Math.floor(i / 7) % 2) * 2 + (i % 7 === 6 ? 1 : 0);
    await lake.upsert('kirana-acc', [...days.map((d, i) => sale(d, 'MILK', qty(i))), ...days.map((d) => sale(d, 'SALT', 0))]);
    // Three morning batches (step 0 is the day itself), each also forecasting the next day.
    const batch = (date: string, quantity: number) => ({
      storeId: 'kirana-acc',
      date,
      generatedAt: `${date}T01:00:00.000Z`,
      horizon: 2,
      seconds: 0.1,
      failed: [],
      forecasts: ['MILK', 'SALT'].map((sku) => ({
        sku,
        generatedAt: `${date}T01:00:00.000Z`,
        model: 'weekly_smoothing',
        forecast: [0, 1].map((step) => ({
          date: addDays(date, step),
          quantity: sku === 'SALT' ? 1 : quantity + step * 100,
          lower: quantity - 1,
          upper: quantity + 1,
          lower95: quantity - 3,
          upper95: quantity + 3,
          confidence: 'medium' as const,
        })),
        confidence_level: 'medium' as const,
        explanation: '',
        factors: [],
        recommendation: { orderQuantity: 0, leadTimeDays: 1, expectedDemand: quantity, safetyStock: 0, serviceLevel: 0.95, stockOnHand: 50 },
        backtest: null,
        cleaning: { days: 60, gaps: 0, duplicates: 0, negatives: 0, stockOutDays: 0, spikes: 0 },
      })),
    });
    const targets = ['2025-05-01', '2025-05-02', '2025-05-03'];
    for (const [k, date] of targets.entries()) await archive.write(batch(date, 11 + k));

    const scored = await analytics.forecastAccuracy('kirana-acc', { from: '2025-05-01', to: '2025-05-09' });
    // The same figures computed here from the same numbers.
    const actual = targets.map((d) => qty(days.indexOf(d)));
    const forecast = [11, 12, 13];
    const errors = actual.map((a, k) => forecast[k]! - a);
    const weekly: number[] = [];
    for (let i = 0; i < days.length; i++) if (days[i]! < '2025-05-01' && days[i]! >= addDays('2025-05-01', -49)) weekly.push(Math.abs(qty(i) - qty(i - 7)));
    const mae = errors.reduce((a, e) => a + Math.abs(e), 0) / 3;
    const naive = weekly.reduce((a, b) => a + b, 0) / weekly.length;
    const milk = scored.find((r) => r.sku === 'MILK')!;
    expect(milk.days).toBe(3);
    expect(milk.mae).toBeCloseTo(mae, 9);
    expect(milk.mase).toBeCloseTo(mae / naive, 9);
    expect(milk.mape).toBeCloseTo(errors.reduce((a, e, k) => a + Math.abs(e) / actual[k]!, 0) / 3, 9);
    expect(milk.bias).toBeCloseTo(errors.reduce((a, b) => a + b, 0) / 3, 9);
    expect(milk.coverage80).toBeCloseTo(errors.filter((e) => Math.abs(e) <= 1).length / 3, 9);
    expect(milk.coverage95).toBeCloseTo(errors.filter((e) => Math.abs(e) <= 3).length / 3, 9);
    // Nothing ever sold: no weekly change and no day to take a percentage of.
    expect(scored.find((r) => r.sku === 'SALT')).toMatchObject({ days: 3, mae: 1, mase: null, mape: null, bias: 1 });

    // Forecasts made a day ahead are scored on their own.
    const ahead = await analytics.forecastAccuracy('kirana-acc', { from: '2025-05-02', to: '2025-05-09', step: 1 });
    expect(ahead.find((r) => r.sku === 'MILK')).toMatchObject({ days: 3 });
    expect(ahead.find((r) => r.sku === 'MILK')!.bias).toBeGreaterThan(90);
    expect(await analytics.forecastAccuracy('empty-store', { from: '2025-05-01', to: '2025-05-09' })).toEqual([]);
  });

  it('answers ping', async () => {
    await expect(analytics.ping()).resolves.toBeUndefined();
  });
});
