/**
 * Market data as the app serves it: the last good figures of every source, kept in memory and
 * on the blob store (`external/prices/latest.json`), refreshed on the queue every 6 hours. A
 * source that fails keeps its last good figures (marked stale); a malformed answer stores
 * nothing. Each refresh adds the day's national and state medians to a price history
 * (`external/prices/history.json`) that the spike alerts read.
 */
import { addDays, todayIn, type IsoDate } from '../domain/dates.js';
import type { MarketCommodity, MarketQuote } from '../domain/prices.js';
import type { Product } from '../domain/product.js';
import type { Store } from '../domain/store.js';
import { commodityOf, detectSpikes, median, priceReport, type PricePoint, type Spike } from '../engines/prices/index.js';
import type { SalesAnalytics } from '../storage/analytics.port.js';
import type { Blobs } from '../storage/blobs.port.js';
import type { MarketSource } from './source.js';

export interface SourceStatus {
  ok: boolean;
  /** The last try, and the last success. */
  triedAt: string;
  fetchedAt?: string;
  error?: string;
  quotes: number;
  /** The newest day its figures are for. */
  asOf?: IsoDate;
}

interface Snapshot {
  quotes: Record<string, MarketQuote[]>;
  status: Record<string, SourceStatus>;
}

/** Series key: commodity, level and scope (`IN` for the country, else a state code). */
type History = Record<string, PricePoint[]>;

export interface MarketSpike extends Spike {
  commodity: MarketCommodity;
  level: 'retail' | 'wholesale';
  /** `IN` for the country, else the state code. */
  scope: string;
}

const LATEST = 'external/prices/latest.json';
const HISTORY = 'external/prices/history.json';
const HISTORY_DAYS = 800;

export class MarketData {
  private snapshot?: Promise<Snapshot>;
  private history?: Promise<History>;
  private byCommodity?: { snapshot: Snapshot; index: Map<MarketCommodity, MarketQuote[]> };
  /** Spikes per history series, worked out once per version of the history. */
  private spikeMemo = new WeakMap<PricePoint[], Spike[]>();

  constructor(
    private readonly deps: {
      blobs: Blobs;
      /** Live sources, refreshed on the queue. */
      sources: MarketSource[];
      /** What to answer from before any live source has answered (the bundled snapshot). */
      fallback?: MarketSource;
      analytics?: SalesAnalytics;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Fetches every live source; failures keep their last good figures. Returns what changed. */
  async refresh(): Promise<{ ok: string[]; failed: Array<{ source: string; error: string }>; spikes: MarketSpike[] }> {
    const current = await this.load();
    const next: Snapshot = { quotes: { ...current.quotes }, status: { ...current.status } };
    const ok: string[] = [];
    const failed: Array<{ source: string; error: string }> = [];
    const at = this.now().toISOString();
    for (const source of this.deps.sources) {
      try {
        const quotes = await source.fetch();
        // An empty answer (a holiday, filters that match nothing) is not news: keep what we had.
        if (quotes.length > 0) next.quotes[source.name] = quotes;
        const kept = next.quotes[source.name] ?? [];
        next.status[source.name] = { ok: true, triedAt: at, fetchedAt: at, quotes: kept.length, ...(kept.length ? { asOf: newest(kept) } : {}) };
        ok.push(source.name);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const previous = current.status[source.name];
        next.status[source.name] = { ...(previous ?? { quotes: 0 }), ok: false, triedAt: at, error: message };
        failed.push({ source: source.name, error: message });
      }
    }
    // Once a live source has answered, the bundled snapshot has nothing left to say.
    if (this.deps.sources.some((source) => next.status[source.name]?.fetchedAt)) {
      delete next.quotes.bundled;
      delete next.status.bundled;
    }
    await this.deps.blobs.put(LATEST, JSON.stringify(next), { contentType: 'application/json' });
    this.snapshot = Promise.resolve(next);
    const spikes = await this.record(ok.map((name) => next.quotes[name] ?? []));
    return { ok, failed, spikes };
  }

  /** Every current quote, newest source figures first. */
  async quotes(): Promise<MarketQuote[]> {
    return Object.values((await this.load()).quotes).flat();
  }

  async status(): Promise<Record<string, SourceStatus>> {
    return (await this.load()).status;
  }

  /** The price report for one of a store's products, or why there is none; the margin advice aims at the store's target unless told otherwise. */
  async report(product: Product, store: Store, options: { targetMargin?: number } = {}): Promise<ReturnType<typeof priceReport>> {
    const snapshot = await this.load();
    const commodity = commodityOf(product);
    const quotes = commodity ? (this.index(snapshot).get(commodity) ?? []) : [];
    const today = todayIn(store.timezone, this.now());
    const history = await this.loadHistory();
    const scopeSeries = (level: 'retail' | 'wholesale') => (commodity ? (history[`${commodity}|${level}|${store.state}`] ?? history[`${commodity}|${level}|IN`]) : undefined);
    const wholesale = scopeSeries('wholesale');
    const twoWeeksAgo = wholesale?.filter((p) => p.date <= addDays(today, -14)).at(-1)?.price;
    const retail = scopeSeries('retail') ?? wholesale;
    const ownPrices = this.deps.analytics
      ? (await this.deps.analytics.dailySales(store.storeId, { skus: [product.sku], from: addDays(today, -35), to: addDays(today, -1) })).flatMap((s) => (s.price && s.price > 0 ? [{ date: s.date, price: s.price }] : []))
      : [];
    const live = this.deps.sources.filter((s) => snapshot.status[s.name]);
    return priceReport(product, store, {
      quotes,
      today,
      // A live source whose last refresh failed: what we have may be out of date.
      stale: live.some((s) => snapshot.status[s.name]!.ok === false),
      ...((options.targetMargin ?? store.targetMargin) !== undefined ? { targetMargin: options.targetMargin ?? store.targetMargin } : {}),
      ownPrices,
      ...(twoWeeksAgo ? { wholesaleBefore: twoWeeksAgo } : {}),
      spikes: retail ? this.spikesOf(retail) : [],
    });
  }

  private spikesOf(series: PricePoint[]): Spike[] {
    let spikes = this.spikeMemo.get(series);
    if (!spikes) this.spikeMemo.set(series, (spikes = detectSpikes(series)));
    return spikes;
  }

  private index(snapshot: Snapshot): Map<MarketCommodity, MarketQuote[]> {
    if (this.byCommodity?.snapshot !== snapshot) {
      const index = new Map<MarketCommodity, MarketQuote[]>();
      for (const q of Object.values(snapshot.quotes).flat()) {
        let list = index.get(q.commodity);
        if (!list) index.set(q.commodity, (list = []));
        list.push(q);
      }
      this.byCommodity = { snapshot, index };
    }
    return this.byCommodity.index;
  }

  private load(): Promise<Snapshot> {
    this.snapshot ??= (async () => {
      const stored = await this.deps.blobs.get(LATEST);
      if (stored) return JSON.parse(Buffer.from(stored).toString('utf8')) as Snapshot;
      if (!this.deps.fallback) return { quotes: {}, status: {} };
      const quotes = await this.deps.fallback.fetch();
      return { quotes: { bundled: quotes }, status: { bundled: { ok: true, triedAt: this.now().toISOString(), quotes: quotes.length, asOf: newest(quotes) } } };
    })();
    this.snapshot.catch(() => (this.snapshot = undefined));
    return this.snapshot;
  }

  private loadHistory(): Promise<History> {
    this.history ??= (async () => {
      const stored = await this.deps.blobs.get(HISTORY);
      return stored ? (JSON.parse(Buffer.from(stored).toString('utf8')) as History) : {};
    })();
    this.history.catch(() => (this.history = undefined));
    return this.history;
  }

  /**
   * Adds the newest day of what the sources just fetched to the history (national and per
   * state medians, per level) and looks for spikes.
   */
  private async record(fetched: ReadonlyArray<readonly MarketQuote[]>): Promise<MarketSpike[]> {
    const history = { ...(await this.loadHistory()) };
    const groups = new Map<string, { key: string; date: IsoDate; prices: number[] }>();
    for (const quotes of fetched) {
      if (quotes.length === 0) continue;
      const day = newest(quotes);
      for (const q of quotes) {
        if (q.date !== day) continue;
        for (const scope of ['IN', ...(q.state ? [q.state] : [])]) {
          const key = `${q.commodity}|${q.level}|${scope}`;
          const group = groups.get(`${key}|${day}`) ?? { key, date: day, prices: [] };
          group.prices.push(q.price);
          groups.set(`${key}|${day}`, group);
        }
      }
    }
    const touched = new Set<string>();
    for (const { key, date, prices } of groups.values()) {
      const series = (history[key] ?? []).filter((p) => p.date !== date && p.date >= addDays(date, -HISTORY_DAYS));
      series.push({ date, price: Math.round(median(prices) * 100) / 100 });
      series.sort((a, b) => (a.date < b.date ? -1 : 1));
      history[key] = series;
      touched.add(key);
    }
    await this.deps.blobs.put(HISTORY, JSON.stringify(history), { contentType: 'application/json' });
    this.history = Promise.resolve(history);
    const spikes: MarketSpike[] = [];
    for (const key of touched) {
      const series = history[key]!;
      const last = series.at(-1)!.date;
      const [commodity, level, scope] = key.split('|') as [MarketCommodity, 'retail' | 'wholesale', string];
      // Only spikes the newest figures reveal are news.
      for (const spike of this.spikesOf(series)) if (spike.date === last) spikes.push({ ...spike, commodity, level, scope });
    }
    return spikes;
  }
}

function newest(quotes: readonly MarketQuote[]): IsoDate {
  return quotes.reduce((max, q) => (q.date > max ? q.date : max), quotes[0]!.date);
}
