/**
 * Whole-store forecasts on worker threads: the store profile is learned once on the calling
 * thread, then the products are dealt out to workers that forecast them independently. The
 * pool starts its workers on first use and keeps them for the next batch.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { forecastWithProfile, learnStoreProfile, storeDataEnd, type ForecastOptions, type ProductHistory, type SeriesForecast, type StoreProfile } from './index.js';

export interface BatchRequest {
  products: ProductHistory[];
  options: ForecastOptions;
  store: StoreProfile;
}

export type BatchResult = Array<SeriesForecast | { sku: string; error: string }>;

/** Forecasts one share of a batch: what each worker runs. A product that cannot be forecast says why. */
export function runBatch({ products, options, store }: BatchRequest): BatchResult {
  try {
    return forecastWithProfile(products, options, store);
  } catch {
    // One bad product must not sink its share: retry them one by one to find it.
    return products.map((p) => {
      try {
        return forecastWithProfile([p], options, store)[0]!;
      } catch (error) {
        return { sku: p.sku, error: error instanceof Error ? error.message : String(error) };
      }
    });
  }
}

/** Under tsx (npm start, tests) the worker is TypeScript: it registers tsx's loader, then loads. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./pool-worker.js', import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./pool-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

interface Slot {
  worker: Worker;
  busy?: { resolve: (r: BatchResult) => void; reject: (e: Error) => void };
}

export class ForecastPool {
  private slots: Slot[] = [];
  private waiting: Array<() => void> = [];
  private closed = false;

  constructor(readonly threads: number = Math.max(1, Math.min(4, availableParallelism()))) {}

  /** Forecasts a store's products across the workers; results in the order of `products`. */
  async forecastStore(products: readonly ProductHistory[], options: ForecastOptions, onProgress?: (done: number, total: number) => void): Promise<BatchResult> {
    options = { ...options, dataEnd: storeDataEnd(products, options) };
    const store = learnStoreProfile(products, options);
    const chunks = Math.min(products.length, this.threads * 4);
    const size = Math.ceil(products.length / Math.max(1, chunks));
    let done = 0;
    const parts = await Promise.all(
      Array.from({ length: Math.ceil(products.length / Math.max(1, size)) }, async (_, i) => {
        const slice = products.slice(i * size, (i + 1) * size);
        const result = await this.run({ products: slice, options, store });
        done += slice.length;
        onProgress?.(done, products.length);
        return result;
      }),
    );
    return parts.flat();
  }

  private async run(request: BatchRequest): Promise<BatchResult> {
    const slot = await this.acquire();
    try {
      return await new Promise<BatchResult>((resolve, reject) => {
        slot.busy = { resolve, reject };
        slot.worker.postMessage(request);
      });
    } finally {
      slot.busy = undefined;
      this.waiting.shift()?.();
    }
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new Error('forecast pool is closed');
      const free = this.slots.find((s) => !s.busy);
      if (free) {
        free.busy = { resolve: () => {}, reject: () => {} };
        return free;
      }
      if (this.slots.length < this.threads) {
        const slot = this.spawn();
        slot.busy = { resolve: () => {}, reject: () => {} };
        return slot;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker() };
    slot.worker.on('message', (result: BatchResult) => slot.busy?.resolve(result));
    const fail = (error: Error) => {
      slot.busy?.reject(error);
      this.slots = this.slots.filter((s) => s !== slot);
      this.waiting.shift()?.();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`forecast worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/** One whole-store forecast on a pool of its own (started and stopped around the call). */
export async function forecastStoreParallel(products: readonly ProductHistory[], options: ForecastOptions, { threads }: { threads?: number } = {}): Promise<BatchResult> {
  const pool = new ForecastPool(threads);
  try {
    return await pool.forecastStore(products, options);
  } finally {
    await pool.close();
  }
}
