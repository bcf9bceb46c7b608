/**
 * Forecasts as the app serves them: a store's products forecast together once a day (nightly,
 * or on request), kept for 24 hours in memory and on the blob store
 * (`forecasts/store_id=S/date=D/`), and read from there by the chat, the API and the panel, so
 * every channel shows the same numbers. A sales upload makes its products stale: their next
 * question is forecast afresh with the store's learned profile.
 */
import { addDays, todayIn, type IsoDate } from '../domain/dates.js';
import { AppError } from '../domain/errors.js';
import type { Forecast, StoreForecastRecord } from '../domain/forecast.js';
import { isCountable, type Product } from '../domain/product.js';
import type { Store } from '../domain/store.js';
import {
  FORECAST_HISTORY_DAYS,
  forecastSeries,
  forecastStore,
  learnStoreProfile,
  toForecastJson,
  type ForecastPool,
  type ProductHistory,
  type SeriesForecast,
  type StoreProfile,
} from '../engines/forecast/index.js';
import type { SalesAnalytics } from '../storage/analytics.port.js';
import type { ForecastArchive } from '../storage/forecast-archive.js';
import type { Repositories } from '../storage/repositories.js';
import { queryAll } from '../storage/tables.port.js';

export interface ForecastServiceOptions {
  /** Days each batch forecasts (the chat asks up to a week ahead). */
  horizon?: number;
  /** How long a batch is served (the design: 24 h). */
  ttlMs?: number;
  /** Worker threads for whole-store batches; without it they run on the calling thread. */
  pool?: ForecastPool;
  now?: () => Date;
}

interface Cached {
  date: IsoDate;
  loadedAt: number;
  record: StoreForecastRecord;
  /** Products whose sales changed after the batch ran. */
  stale: Set<string>;
  /** Products forecast again since (stale ones, or stock that changed), by sku. */
  fresh: Map<string, Forecast>;
}

interface Learned {
  date: IsoDate;
  learnedAt: number;
  profile: StoreProfile;
  /** The day after the store's last reported sales. */
  dataEnd: IsoDate;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class ForecastService {
  private readonly batches = new Map<string, Promise<Cached | undefined>>();
  private readonly profiles = new Map<string, Promise<Learned>>();
  private readonly horizon: number;
  private readonly ttlMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly deps: { repos: Repositories; analytics: SalesAnalytics; archive: ForecastArchive },
    private readonly options: ForecastServiceOptions = {},
  ) {
    this.horizon = options.horizon ?? 14;
    this.ttlMs = options.ttlMs ?? DAY_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** Today's batch for a store: from memory, else from the blob store, else run now. */
  async storeForecasts(storeId: string): Promise<StoreForecastRecord> {
    const store = await this.store(storeId);
    const cached = await this.cached(store);
    if (!cached) return this.generate(storeId);
    // Products whose sales or stock settings changed since the batch show fresh numbers.
    const products = new Map((await queryAll(this.deps.repos.products, { partition: storeId })).map((p) => [p.sku, p]));
    const forecasts = await Promise.all(
      cached.record.forecasts.map((f) => {
        const product = products.get(f.sku);
        const changed = cached.stale.has(f.sku) || (product && !this.current(f, product, store));
        return changed && product && f.model !== 'no_sales' ? this.productForecast(storeId, f.sku) : f;
      }),
    );
    return { ...cached.record, forecasts };
  }

  /** Forecasts every product of the store now, stores the batch and serves it from then on. */
  async generate(storeId: string, onProgress?: (percent: number) => void | Promise<void>): Promise<StoreForecastRecord> {
    const started = performance.now();
    const store = await this.store(storeId);
    const today = todayIn(store.timezone, this.now());
    const { products, histories } = await this.load(store, today);
    await onProgress?.(5);
    const options = { start: today, horizon: this.horizon, state: store.state };
    const results = this.options.pool
      ? await this.options.pool.forecastStore(histories, options, (done, total) => void onProgress?.(5 + Math.floor((90 * done) / total)))
      : forecastStore(histories, options);
    const bySku = new Map(products.map((p) => [p.sku, p]));
    const record: StoreForecastRecord = {
      storeId,
      date: today,
      generatedAt: this.now().toISOString(),
      horizon: this.horizon,
      forecasts: [],
      failed: [],
      seconds: 0,
    };
    for (const result of results) {
      if ('error' in result) record.failed.push(result);
      else record.forecasts.push(this.render(result, bySku.get(result.sku)!, store));
    }
    record.seconds = Math.round(performance.now() - started) / 1000;
    await this.deps.archive.write(record);
    // The design keeps 90 days of batches; older ones go as new ones come.
    await this.deps.archive.prune(storeId, today).catch(() => undefined);
    await onProgress?.(100);
    this.batches.set(storeId, Promise.resolve({ date: today, loadedAt: Date.now(), record, stale: new Set(), fresh: new Map() }));
    return record;
  }

  /**
   * One product's forecast (the chat and `GET /forecast/{sku}`): today's batch when it is
   * current for the product, else forecast now with the store's learned profile.
   */
  async productForecast(storeId: string, sku: string): Promise<Forecast> {
    const store = await this.store(storeId);
    const product = await this.deps.repos.products.get({ storeId, sku });
    if (!product) throw new AppError('PRODUCT.NOT_FOUND', `No product with SKU ${sku} in your store.`, { status: 404, metadata: { sku } });
    const cached = await this.cached(store);
    const current = (f: Forecast | undefined) => (f && this.current(f, product, store) ? f : undefined);
    const hit = current(cached?.fresh.get(sku)) ?? (cached && !cached.stale.has(sku) ? current(cached.record.forecasts.find((f) => f.sku === sku)) : undefined);
    if (hit) return hit;

    const today = todayIn(store.timezone, this.now());
    const learned = await this.profile(store, today);
    const history = await this.deps.analytics.dailySales(storeId, { skus: [sku], from: addDays(today, -FORECAST_HISTORY_DAYS), to: addDays(today, -1) });
    const forecast = forecastSeries(this.historyOf(product, history), {
      start: today,
      horizon: this.horizon,
      state: store.state,
      store: learned.profile,
      dataEnd: learned.dataEnd,
    });
    const rendered = this.render(forecast, product, store);
    cached?.fresh.set(sku, rendered);
    return rendered;
  }

  /** Sales of these products changed: stop serving their batch numbers, here and in other processes. */
  async invalidate(storeId: string, skus: readonly string[]): Promise<void> {
    this.profiles.delete(storeId);
    const cached = await this.batches.get(storeId)?.catch(() => undefined);
    if (cached) {
      for (const sku of skus) {
        cached.stale.add(sku);
        cached.fresh.delete(sku);
      }
    }
    const store = await this.deps.repos.stores.get({ storeId });
    if (!store) return;
    const today = todayIn(store.timezone, this.now());
    if ((await this.deps.archive.dates(storeId)).includes(today)) await this.deps.archive.invalidate(storeId, today, skus);
  }

  /** Whether today's batch for the store is on record (the nightly schedule asks). */
  async hasBatch(storeId: string, date: IsoDate): Promise<boolean> {
    return (await this.deps.archive.dates(storeId)).includes(date);
  }

  /** Whether a forecast's order advice was worked out for the product's and store's stock settings as they are now. */
  private current(f: Forecast, product: Product, store: Store): boolean {
    const r = f.recommendation;
    return r.stockOnHand === product.stock && r.leadTimeDays === product.leadTimeDays && r.serviceLevel === (store.serviceLevel ?? 0.95);
  }

  private render(f: SeriesForecast, product: Product, store: Store): Forecast {
    return toForecastJson(f, { stockOnHand: product.stock, leadTimeDays: product.leadTimeDays, serviceLevel: store.serviceLevel ?? 0.95 }, this.now());
  }

  private async store(storeId: string): Promise<Store> {
    const store = await this.deps.repos.stores.get({ storeId });
    if (!store) throw new AppError('STORE.NOT_FOUND', 'Your store no longer exists.', { status: 404 });
    return store;
  }

  private historyOf(product: Product, history: ReadonlyArray<{ date: IsoDate; qty: number; price: number | null }>): ProductHistory {
    return { sku: product.sku, history, countable: isCountable(product.unit), category: product.category };
  }

  private async load(store: Store, today: IsoDate): Promise<{ products: Product[]; histories: ProductHistory[] }> {
    const [products, sales] = await Promise.all([
      queryAll(this.deps.repos.products, { partition: store.storeId }),
      this.deps.analytics.dailySales(store.storeId, { from: addDays(today, -FORECAST_HISTORY_DAYS), to: addDays(today, -1) }),
    ]);
    const bySku = new Map<string, Array<{ date: IsoDate; qty: number; price: number | null }>>();
    for (const s of sales) {
      let rows = bySku.get(s.sku);
      if (!rows) bySku.set(s.sku, (rows = []));
      rows.push({ date: s.date, qty: s.qty, price: s.price });
    }
    return { products, histories: products.map((p) => this.historyOf(p, bySku.get(p.sku) ?? [])) };
  }

  /** Today's batch from memory or the blob store, if there is a current one. */
  private async cached(store: Store): Promise<Cached | undefined> {
    const today = todayIn(store.timezone, this.now());
    const current = (c: Cached | undefined) => c && c.date === today && this.now().getTime() - Date.parse(c.record.generatedAt) < this.ttlMs;
    const inMemory = await this.batches.get(store.storeId)?.catch(() => undefined);
    // Re-read the blob store now and then: another process may have run or invalidated the batch.
    if (current(inMemory) && Date.now() - inMemory!.loadedAt < 60_000) return inMemory;
    const loading = (async (): Promise<Cached | undefined> => {
      const record = await this.deps.archive.read(store.storeId, today);
      if (!record) return undefined;
      const stale = await this.deps.archive.invalidated(store.storeId, today);
      const kept = inMemory && inMemory.record.generatedAt === record.generatedAt ? inMemory : undefined;
      for (const sku of kept?.stale ?? []) stale.add(sku);
      return { date: today, loadedAt: Date.now(), record, stale, fresh: kept?.fresh ?? new Map() };
    })();
    this.batches.set(store.storeId, loading);
    const loaded = await loading.catch(() => undefined);
    if (!current(loaded)) {
      if (this.batches.get(store.storeId) === loading) this.batches.delete(store.storeId);
      return undefined;
    }
    return loaded;
  }

  /** The store's weekday shape, event lifts and price response, learned once a day. */
  private async profile(store: Store, today: IsoDate): Promise<Learned> {
    const cached = await this.profiles.get(store.storeId)?.catch(() => undefined);
    if (cached && cached.date === today && Date.now() - cached.learnedAt < this.ttlMs) return cached;
    const learning = (async () => {
      const { histories } = await this.load(store, today);
      let last: IsoDate | undefined;
      for (const h of histories) for (const d of h.history) if (!last || d.date > last) last = d.date;
      const dataEnd = last ? addDays(last, 1) : today;
      return { date: today, learnedAt: Date.now(), dataEnd, profile: learnStoreProfile(histories, { start: today, horizon: this.horizon, state: store.state, dataEnd }) };
    })();
    this.profiles.set(store.storeId, learning);
    return learning;
  }
}
