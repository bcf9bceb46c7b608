/**
 * Recent sales per store, kept in memory in front of the analytics engine. Every forecast and
 * reorder list reads the same last few weeks of a store; one query fills the window and later
 * questions are answered from memory. A sales upload in this process clears its store at once;
 * other processes see it within `ttlMs`.
 */
import { addDays, type IsoDate } from '../domain/dates.js';
import type { ForecastAccuracy } from '../domain/forecast.js';
import type { Sale } from '../domain/sale.js';
import type { ProductTotal, SalesAnalytics, SalesFilter } from './analytics.port.js';

interface Window {
  from: IsoDate;
  sales: Sale[];
  loadedAt: number;
}

export class CachedSalesAnalytics implements SalesAnalytics {
  private readonly windows = new Map<string, Promise<Window>>();

  constructor(
    private readonly inner: SalesAnalytics,
    private readonly options: { days: number; ttlMs: number; today: () => IsoDate; maxStores?: number },
  ) {}

  async dailySales(storeId: string, filter: SalesFilter = {}): Promise<Sale[]> {
    const window = await this.window(storeId);
    // Older than the window: not worth caching, ask the engine.
    if (!filter.from || filter.from < window.from) return this.inner.dailySales(storeId, filter);
    const skus = filter.skus ? new Set(filter.skus) : undefined;
    return window.sales.filter((s) => s.date >= filter.from! && (!filter.to || s.date <= filter.to) && (!skus || skus.has(s.sku)));
  }

  productTotals(storeId: string, filter?: SalesFilter): Promise<ProductTotal[]> {
    return this.inner.productTotals(storeId, filter);
  }

  forecastAccuracy(storeId: string, range: { from: IsoDate; to: IsoDate; step?: number }): Promise<ForecastAccuracy[]> {
    return this.inner.forecastAccuracy(storeId, range);
  }

  /** Forget a store's window (after its sales changed). */
  invalidate(storeId: string): void {
    this.windows.delete(storeId);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    this.windows.clear();
    return this.inner.close();
  }

  private async window(storeId: string): Promise<Window> {
    const cached = this.windows.get(storeId);
    if (cached) {
      const window = await cached.catch(() => undefined);
      if (window && Date.now() - window.loadedAt < this.options.ttlMs && window.from === this.windowStart()) return window;
      if (this.windows.get(storeId) === cached) this.windows.delete(storeId);
    }
    // Concurrent first questions share one query.
    const from = this.windowStart();
    const loading = this.inner.dailySales(storeId, { from }).then((sales) => ({ from, sales, loadedAt: Date.now() }));
    this.windows.set(storeId, loading);
    loading.catch(() => this.windows.delete(storeId));
    if (this.windows.size > (this.options.maxStores ?? 1000)) this.windows.delete(this.windows.keys().next().value!);
    return loading;
  }

  private windowStart(): IsoDate {
    return addDays(this.options.today(), -this.options.days);
  }
}
