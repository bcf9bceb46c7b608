/**
 * Forecasts around the engine, on the embedded defaults with the demo store: the whole-store
 * batch on worker threads, the queued job with progress, the blob layout, the chat saying the
 * numbers the API returns, an upload making its products' forecasts fresh, the owner's
 * language, and accuracy from forecasts that met their actuals.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/domain/dates.js';
import type { Forecast, StoreForecastRecord } from '../../src/domain/forecast.js';
import { ForecastService } from '../../src/forecasting/service.js';
import { forecastJobId, QUEUES } from '../../src/domain/jobs.js';
import { startForecastSchedule } from '../../src/jobs/forecast-schedule.js';
import { MemoryQueueBackend } from '../../src/queue/memory/memory-queue.adapter.js';
import { DuckDbSalesAnalytics } from '../../src/storage/duckdb/duckdb-analytics.adapter.js';
import { FileBlobs } from '../../src/storage/files/file-blobs.adapter.js';
import { ForecastArchive } from '../../src/storage/forecast-archive.js';
import { eventually, startApp, type Harness } from '../support/app-harness.js';

let h: Harness;
const today = () => todayIn('Asia/Kolkata');
const chat = async (text: string) => (await h.api('/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) })).json();

beforeAll(async () => {
  h = await startApp({ FORECAST_THREADS: '2' });
}, 60_000);
afterAll(async () => h?.stop());

describe('whole-store forecasts', () => {
  let batch: StoreForecastRecord;

  it('queues a batch that reports progress, then serves it for every product', async () => {
    const started = await h.api('/api/v1/forecast/generate', { method: 'POST' });
    expect(started.status).toBe(202);
    const { jobId, statusUrl } = await started.json();
    expect(statusUrl).toBe(`/api/v1/forecast/jobs/${jobId}`);
    const done = await eventually(async () => {
      const status = await (await h.api(statusUrl)).json();
      return status.state === 'completed' && status;
    }, 60_000);
    expect(done).toMatchObject({ progress: 100, result: { storeId: 'demo-kirana', date: today(), failed: 0 } });
    expect(done.result.products).toBeGreaterThan(40);

    batch = await (await h.api('/api/v1/forecast/store')).json();
    expect(batch).toMatchObject({ storeId: 'demo-kirana', date: today(), horizon: 14, failed: [] });
    expect(batch.forecasts).toHaveLength(done.result.products);
    for (const f of batch.forecasts) {
      expect(f.forecast).toHaveLength(14);
      expect(f.forecast[0]!.date).toBe(today());
      expect(['weekly_smoothing', 'historic_average', 'no_sales']).toContain(f.model);
    }
    const prefix = join(h.dataDir, 'lake', 'forecasts', 'store_id=demo-kirana', `date=${today()}`);
    expect(existsSync(join(prefix, 'forecast.json'))).toBe(true);
    expect(existsSync(join(prefix, 'rows', 'forecast.parquet'))).toBe(true);
  }, 90_000);

  it('answers another store\'s job id and a bad request with a clear error', async () => {
    expect((await h.api('/api/v1/forecast/jobs/forecast-other-store-1')).status).toBe(404);
    const bad = await h.api('/api/v1/forecast/accuracy?from=yesterday');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'FORECAST.INVALID_REQUEST' });
  });

  it('says in chat exactly what the batch computed, in the owner\'s language on the API too', async () => {
    const milk = batch.forecasts.find((f) => f.sku === 'MILK-500')!;
    const reply = await chat('how much milk tomorrow?');
    const tomorrow = milk.forecast[1]!;
    expect(reply.reply).toContain(`about *${tomorrow.quantity} packets*`);
    expect(reply.reply).toContain(`likely ${tomorrow.lower} packets to ${tomorrow.upper} packets`);
    expect(reply.reply).toContain('Based on your recent sales');

    const hindi = await (await h.api('/api/v1/forecast/MILK-500?lang=hi&horizon=3')).json();
    expect(hindi.forecast).toEqual(milk.forecast.slice(0, 3));
    expect(hindi.language).toBe('hi');
    expect(hindi.explanation).toMatch(/[\u0900-\u097f]/);
    expect(hindi.recommendation.text).toMatch(/[\u0900-\u097f]/);
    expect(hindi.recommendation.orderQuantity).toBe(milk.recommendation.orderQuantity);
  });

  it('forecasts a product afresh after its sales change, and leaves the others as they were', async () => {
    const before = batch.forecasts.find((f) => f.sku === 'MILK-500')!;
    const other = batch.forecasts.find((f) => f.sku === 'CURD-400')!;
    // A much busier last week for milk.
    const rows = Array.from({ length: 7 }, (_, i) => `${addDays(today(), -7 + i)},MILK-500,${400 + i},29`);
    const upload = await h.api('/api/v1/store/data', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: ['date,sku,qty,price', ...rows].join('\n') });
    expect(upload.status).toBe(201);
    const after: Forecast = await (await h.api('/api/v1/forecast/MILK-500')).json();
    expect(after.forecast[1]!.quantity).toBeGreaterThan(before.forecast[1]!.quantity * 2);
    const store: StoreForecastRecord = await (await h.api('/api/v1/forecast/store')).json();
    expect(store.forecasts.find((f) => f.sku === 'MILK-500')!.forecast[1]).toEqual(after.forecast[1]);
    expect(store.forecasts.find((f) => f.sku === 'CURD-400')).toEqual(other);
    // The stale mark is on the blob store, for other processes.
    expect(existsSync(join(h.dataDir, 'lake', 'forecasts', 'store_id=demo-kirana', `date=${today()}`, 'invalidated.json'))).toBe(true);
  });
});

describe('stock settings', () => {
  const patch = (path: string, body: unknown) => h.api(path, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('works the order out again when stock, lead time or the service level change', async () => {
    const before: Forecast = await (await h.api('/api/v1/forecast/ATTA-5KG')).json();
    expect((await patch('/api/v1/store/products/ATTA-5KG', { stock: 0, leadTimeDays: 3 })).status).toBe(200);
    const empty: Forecast = await (await h.api('/api/v1/forecast/ATTA-5KG')).json();
    expect(empty.recommendation).toMatchObject({ stockOnHand: 0, leadTimeDays: 3 });
    expect(empty.recommendation.orderQuantity).toBe(empty.recommendation.expectedDemand + empty.recommendation.safetyStock);
    expect(empty.forecast).toEqual(before.forecast);

    expect(await (await patch('/api/v1/store/settings', { serviceLevel: 0.99 })).json()).toEqual({ storeId: 'demo-kirana', serviceLevel: 0.99, targetMargin: 0.15 });
    const careful: Forecast = await (await h.api('/api/v1/forecast/ATTA-5KG')).json();
    expect(careful.recommendation.serviceLevel).toBe(0.99);
    expect(careful.recommendation.safetyStock).toBeGreaterThan(empty.recommendation.safetyStock);
    const store: StoreForecastRecord = await (await h.api('/api/v1/forecast/store')).json();
    expect(careful.recommendation).toMatchObject(store.forecasts.find((f) => f.sku === 'ATTA-5KG')!.recommendation);
    await patch('/api/v1/store/settings', { serviceLevel: 0.95 });
  });

  it('refuses bad settings with the field and the problem', async () => {
    const bad = await patch('/api/v1/store/settings', { serviceLevel: 1.5 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'STORE.INVALID_SETTINGS', errors: [{ field: 'serviceLevel', message: expect.any(String) }] });
    expect((await patch('/api/v1/store/products/ATTA-5KG', { leadTimeDays: -1 })).status).toBe(400);
    expect((await patch('/api/v1/store/products/ATTA-5KG', {})).status).toBe(400);
    expect((await patch('/api/v1/store/products/NOPE', { stock: 3 })).status).toBe(404);
  });
});

describe('a product that never sold', () => {
  it('is in the batch with zeros, and the owner is told there is nothing to go on yet', async () => {
    await h.app.repos.products.put({
      storeId: 'demo-kirana', sku: 'KURKURE-90', name: 'Kurkure Masala Munch', aliases: ['kurkure'], unit: 'packet', category: 'snacks',
      price: 20, cost: 17, stock: 12, canonical: null, leadTimeDays: 2, updatedAt: new Date().toISOString(),
    });
    const { statusUrl } = await (await h.api('/api/v1/forecast/generate', { method: 'POST' })).json();
    await eventually(async () => (await (await h.api(statusUrl)).json()).state === 'completed', 60_000);
    const api = await (await h.api('/api/v1/forecast/KURKURE-90?lang=en')).json();
    expect(api).toMatchObject({ model: 'no_sales', recommendation: { orderQuantity: 0 } });
    expect(api.forecast.every((p: { quantity: number }) => p.quantity === 0)).toBe(true);
    expect(api.explanation).toMatch(/no sales recorded for Kurkure/);
    expect((await chat('how many kurkure tomorrow?')).reply).toMatch(/no sales recorded for Kurkure Masala Munch/);
  }, 90_000);
});

describe('the nightly schedule', () => {
  it('queues one batch per store and local date after the nightly hour, none once the day\'s batch is on record', async () => {
    const queues = new MemoryQueueBackend();
    const service = new ForecastService({ repos: h.app.repos, analytics: new DuckDbSalesAnalytics(join(h.dataDir, 'lake')), archive: new ForecastArchive(new FileBlobs(join(h.dataDir, 'lake'))) });
    const tomorrow = addDays(today(), 1);
    const schedule = (iso: string) => startForecastSchedule(h.app.repos, queues, service, { intervalMs: 3_600_000, hour: 2, now: () => new Date(iso) });
    try {
      const early = schedule(`${tomorrow}T01:30:00+05:30`);
      expect(await early.check()).toEqual([]);
      early.stop();
      // Today's batch ran earlier in this file.
      const done = schedule(`${today()}T23:00:00+05:30`);
      expect(await done.check()).toEqual([]);
      done.stop();
      const night = schedule(`${tomorrow}T02:30:00+05:30`);
      expect(await night.check()).toEqual(['demo-kirana']);
      await night.check();
      night.stop();
      // Two looks (and the one at start-up) queue the night's job once.
      expect((await queues.queue(QUEUES.forecasts).counts()).waiting).toBe(1);
      expect(await queues.queue(QUEUES.forecasts).status(forecastJobId('demo-kirana', `${tomorrow}-nightly`))).toMatchObject({ state: 'waiting' });
    } finally {
      await queues.close();
    }
  });
});

describe('forecast accuracy', () => {
  it('scores last week\'s forecasts against what the shop then sold', async () => {
    // Batches run on each of the last seven mornings, as the nightly schedule would have.
    const root = join(h.dataDir, 'lake');
    const analytics = new DuckDbSalesAnalytics(root);
    const blobs = new FileBlobs(root);
    try {
      for (let back = 14; back >= 8; back--) {
        const morning = new Date(`${addDays(today(), -back)}T03:00:00+05:30`);
        const past = new ForecastService({ repos: h.app.repos, analytics, archive: new ForecastArchive(blobs) }, { now: () => morning });
        await past.generate('demo-kirana');
      }
      const from = addDays(today(), -14);
      const to = addDays(today(), -8);
      const res = await h.api(`/api/v1/forecast/accuracy?from=${from}&to=${to}`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ storeId: 'demo-kirana', from, to, step: 0 });
      const milk = body.products.find((p: { sku: string }) => p.sku === 'MILK-500');
      expect(milk.days).toBe(7);
      expect(milk.mase).toBeGreaterThan(0);
      expect(milk.mase).toBeLessThan(2);
      expect(body.overall.days).toBeGreaterThan(200);
      expect(body.overall.coverage80).toBeGreaterThan(0.6);
      expect(body.overall.coverage80).toBeLessThan(0.97);
      expect(body.overall.coverage95).toBeGreaterThanOrEqual(body.overall.coverage80);
      // The admin sees any store's figures; an owner key may not.
      const path = `/api/v1/admin/stores/demo-kirana/forecast/accuracy?from=${from}&to=${to}`;
      const admin = await (await h.api(path, { key: h.app.demo!.adminApiKey })).json();
      expect(admin.products.map((p: { sku: string; days: number }) => [p.sku, p.days])).toEqual(body.products.map((p: { sku: string; days: number }) => [p.sku, p.days]));
      expect(admin.overall.mae).toBeCloseTo(body.overall.mae, 9);
      expect((await h.api(path)).status).toBe(403);
    } finally {
      await analytics.close();
    }
  }, 120_000);
});
