/**
 * The forecast engine, as an owner would notice it: the week's shape, calibrated ranges,
 * whole packets, stock-outs and spikes not misleading it, new products, festivals and price
 * changes, and an order quantity that keeps the shelf stocked.
 */
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, type IsoDate } from '../../src/domain/dates.js';
import { festivalWindows } from '../../src/domain/festivals.js';
import { Random } from '../../src/demo/random.js';
import {
  Croston,
  crossValidate,
  forecastProduct,
  forecastSeries,
  forecastStore,
  forecastStoreParallel,
  forecastTotal,
  HistoricAverage,
  HoltWinters,
  learnStoreProfile,
  SeasonalNaive,
  WeeklySmoothing,
  WithFallback,
  type ForecastModel,
  type ProductHistory,
} from '../../src/engines/forecast/index.js';

const START = '2025-11-24'; // a Monday
/** Sunday first: quiet midweek, busy weekend. */
const WEEKLY = [1.3, 0.9, 0.8, 0.8, 0.9, 1.1, 1.2];

/** Negative binomial daily sales ending the day before `end`, with a weekday shape and optional day multipliers. */
function simulate(options: { seed: string; level: number; days: number; end?: IsoDate; dispersion?: number; lift?: (date: IsoDate) => number }) {
  const random = new Random(options.seed);
  const end = options.end ?? START;
  return Array.from({ length: options.days }, (_, i) => {
    const date = addDays(end, i - options.days);
    const mean = options.level * WEEKLY[dayOfWeek(date)]! * (options.lift?.(date) ?? 1);
    return { date, qty: random.negativeBinomial(mean, options.dispersion ?? 1.5) };
  });
}

const product = (sku: string, history: ProductHistory['history'], extra: Partial<ProductHistory> = {}): ProductHistory => ({ sku, history, countable: true, ...extra });
const policy = { stockOnHand: 10, leadTimeDays: 1 };

describe('the default model', () => {
  const history = simulate({ seed: 'milk', level: 40, days: 365 });

  it('follows the week: the weekend forecast is above midweek, and the ranges hold the point', () => {
    const f = forecastProduct({ ...product('MILK', history), ...policy, start: START, horizon: 7 });
    expect(f.model).toBe('weekly_smoothing');
    const byDay = new Map(f.forecast.map((p) => [dayOfWeek(p.date), p]));
    expect(byDay.get(6)!.quantity).toBeGreaterThan(byDay.get(3)!.quantity);
    for (const p of f.forecast) {
      expect(p.lower95).toBeLessThanOrEqual(p.lower);
      expect(p.lower).toBeLessThanOrEqual(p.quantity);
      expect(p.quantity).toBeLessThanOrEqual(p.upper);
      expect(p.upper).toBeLessThanOrEqual(p.upper95);
      expect([p.quantity, p.lower, p.upper, p.lower95, p.upper95].every(Number.isInteger)).toBe(true);
    }
    expect(f.forecast.map((p) => p.date)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(START, i)));
    expect(f.factors.find((x) => x.name === 'day_of_week')).toMatchObject({ label: 'monday' });
    expect(f.backtest!.mase).toBeGreaterThan(0);
  });

  it('centres on the true level and its 80 % range covers about 80 % of what then sells', () => {
    let covered = 0;
    let days = 0;
    let error = 0;
    for (let s = 0; s < 30; s++) {
      const all = simulate({ seed: `cal-${s}`, level: 5 + s, days: 400 + 7, end: addDays(START, 7) });
      const f = forecastSeries(product(`P${s}`, all.slice(0, -7)), { start: START, horizon: 7 });
      all.slice(-7).forEach((actual, i) => {
        if (actual.qty >= f.prediction.lo80[i]! && actual.qty <= f.prediction.hi80[i]!) covered++;
        days++;
      });
      const expected = (5 + s) * WEEKLY.reduce((a, b) => a + b, 0);
      error += f.prediction.mean.reduce((a, b) => a + b, 0) / expected - 1;
    }
    expect(covered / days).toBeGreaterThan(0.72);
    expect(covered / days).toBeLessThan(0.9);
    expect(Math.abs(error / 30)).toBeLessThan(0.06);
  });

  it('keeps weighed goods in fractions and counted goods whole', () => {
    const loose = simulate({ seed: 'rice', level: 12, days: 120 }).map((d) => ({ ...d, qty: d.qty / 4 }));
    const f = forecastSeries(product('RICE', loose, { countable: false }), { start: START, horizon: 7 });
    expect(f.point.some((q) => !Number.isInteger(q))).toBe(true);
    expect(f.countable).toBe(false);
  });

  it('ignores sales on or after the first forecast day', () => {
    const leaked = [...history, { date: START, qty: 9999 }, { date: addDays(START, 3), qty: 9999 }];
    expect(forecastSeries(product('MILK', leaked), { start: START, horizon: 7 }).point).toEqual(forecastSeries(product('MILK', history), { start: START, horizon: 7 }).point);
  });
});

describe('cleaning', () => {
  const steady = simulate({ seed: 'steady', level: 30, days: 120 });

  it('does not let a stock-out run drag the forecast down', () => {
    const emptyShelf = steady.map((d, i) => (i >= 110 && i < 117 ? { ...d, qty: 0 } : d));
    const clean = forecastSeries(product('ATTA', steady), { start: START, horizon: 7 });
    const out = forecastSeries(product('ATTA', emptyShelf), { start: START, horizon: 7 });
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(out.cleaning.stockOutDays).toBe(7);
    expect(sum(out.prediction.mean) / sum(clean.prediction.mean)).toBeGreaterThan(0.9);
    expect(out.factors.find((x) => x.name === 'stock_outs')).toMatchObject({ days: 7 });
    // Told outright which days the shelf was empty, it leaves those out even when they are not a run.
    const told = forecastSeries(product('ATTA', emptyShelf, { stockOutDates: new Set([steady[100]!.date]) }), { start: START, horizon: 7 });
    expect(told.cleaning.stockOutDays).toBe(8);
  });

  it('caps a one-off bulk order instead of raising every later day', () => {
    const bulk = steady.map((d, i) => (i === 115 ? { ...d, qty: 3000 } : d));
    const f = forecastSeries(product('SUGAR', bulk), { start: START, horizon: 7 });
    const clean = forecastSeries(product('SUGAR', steady), { start: START, horizon: 7 });
    expect(f.cleaning.spikes).toBe(1);
    expect(f.prediction.mean[0]! / clean.prediction.mean[0]!).toBeLessThan(1.3);
  });

  it('reports gaps, duplicate rows and returns', () => {
    const messy = [...steady.filter((_, i) => i !== 50 && i !== 51), { date: steady[60]!.date, qty: 5 }, { date: steady[70]!.date, qty: -3 }];
    const f = forecastSeries(product('OIL', messy), { start: START, horizon: 7 });
    expect(f.cleaning).toMatchObject({ gaps: 2, duplicates: 2, negatives: 1 });
  });
});

describe('new and unsold products', () => {
  it('gives a product with two weeks of sales the shop\'s weekday shape, a wide range and low confidence', () => {
    const shop = ['A', 'B', 'C', 'D'].map((sku) => product(sku, simulate({ seed: sku, level: 20, days: 200 })));
    const young = product('NEW', simulate({ seed: 'new', level: 10, days: 14 }));
    const store = learnStoreProfile(shop, { start: START, horizon: 7 });
    const f = forecastProduct({ ...young, ...policy, start: START, horizon: 7, store });
    expect(f.model).toBe('historic_average');
    expect(f.confidence_level).toBe('low');
    expect(f.backtest).toBeNull();
    const sat = f.forecast.find((p) => dayOfWeek(p.date) === 6)!;
    const wed = f.forecast.find((p) => dayOfWeek(p.date) === 3)!;
    expect(sat.upper - sat.lower).toBeGreaterThan(0);
    expect(sat.upper).toBeGreaterThan(wed.upper);
    expect(f.factors.find((x) => x.name === 'new_product')).toMatchObject({ days: 14 });
  });

  it('refuses a product that never sold on its own, and forecasts zero for it within a store', () => {
    expect(() => forecastSeries(product('NONE', []), { start: START, horizon: 7 })).toThrow(/No sales recorded/);
    const store = forecastStore([product('A', simulate({ seed: 'a', level: 9, days: 60 })), product('NONE', [{ date: addDays(START, -3), qty: 0 }])], { start: START, horizon: 7 });
    expect(store.map((f) => f.sku)).toEqual(['A', 'NONE']);
    expect(store[1]).toMatchObject({ model: 'no_sales', point: [0, 0, 0, 0, 0, 0, 0] });
  });
});

describe('festivals and prices', () => {
  it('learns a Diwali lift from past years and raises the Diwali week, only in the states that keep a festival', () => {
    const windows = festivalWindows('2023-01-01', '2025-12-31', { state: 'MH' });
    const diwali = windows.filter((w) => w.festival === 'diwali');
    const lift = (date: IsoDate) => (diwali.some((w) => date >= w.start && date <= w.end) ? 1.8 : 1);
    const start = diwali.at(-1)!.start;
    const shop = Array.from({ length: 12 }, (_, k) => product(`S${k}`, simulate({ seed: `d${k}`, level: 15, days: 900, end: start, lift })));
    const profile = learnStoreProfile(shop, { start, horizon: 8, state: 'MH' });
    expect(profile.eventLifts.diwali).toBeGreaterThan(1.55);
    expect(profile.eventLifts.diwali).toBeLessThan(2.05);
    const withLayer = forecastStore(shop, { start, horizon: 8, state: 'MH' });
    const without = forecastStore(shop, { start, horizon: 8, calendar: { kind: 'events', events: [] } });
    const total = (fs: typeof withLayer) => fs.reduce((a, f) => a + f.prediction.mean.reduce((x, y) => x + y, 0), 0);
    expect(total(withLayer) / total(without)).toBeGreaterThan(1.5);
    expect(withLayer[0]!.factors.find((x) => x.name === 'event')).toMatchObject({ label: 'diwali' });
    // Onam is Kerala's: a Maharashtra store's calendar does not have it, a Kerala store's does.
    expect(festivalWindows('2025-01-01', '2025-12-31', { state: 'MH' }).some((w) => w.festival === 'onam')).toBe(false);
    expect(festivalWindows('2025-01-01', '2025-12-31', { state: 'KL' }).some((w) => w.festival === 'onam')).toBe(true);
  });

  it('uses given events instead of the festival calendar', () => {
    const events = Array.from({ length: 16 }, (_, k) => ({ date: addDays(START, -11 * k - 3), name: 'haat' }));
    const lift = (date: IsoDate) => (events.some((e) => e.date === date) ? 2.5 : 1);
    const shop = Array.from({ length: 6 }, (_, k) => product(`H${k}`, simulate({ seed: `h${k}`, level: 20, days: 200, lift })));
    const profile = learnStoreProfile(shop, { start: START, horizon: 7, calendar: { kind: 'events', events } });
    expect(profile.eventLifts.haat).toBeGreaterThan(2);
  });

  it('reads how sales answer a price change and moves the forecast right after one', () => {
    // Eight products, each with price steps; demand has elasticity −1.5.
    const shop = Array.from({ length: 8 }, (_, k) => {
      const random = new Random(`price-${k}`);
      return product(
        `P${k}`,
        Array.from({ length: 300 }, (_, i) => {
          const date = addDays(START, i - 300);
          const price = 50 * (Math.floor(i / 60) % 2 === 0 ? 1 : 0.8) * (1 + k / 100);
          return { date, qty: random.negativeBinomial(20 * WEEKLY[dayOfWeek(date)]! * (price / 50) ** -1.5, 1.3), price };
        }),
      );
    });
    const profile = learnStoreProfile(shop, { start: START, horizon: 7 });
    expect(profile.elasticity).toBeLessThan(-1);
    expect(profile.elasticity).toBeGreaterThan(-2);
    // A price cut ten days ago: the forecast already sells more than at the old price.
    const cut = product('CUT', shop[0]!.history.map((d, i) => ({ ...d, price: i >= 290 ? 40 : 50, qty: i >= 290 ? Math.round(d.qty * 1.4) : d.qty })));
    const f = forecastSeries(cut, { start: START, horizon: 7, store: profile });
    const noPrice = forecastSeries({ ...cut, history: cut.history.map((d) => ({ ...d, price: null })) }, { start: START, horizon: 7, store: profile });
    expect(f.prediction.mean[0]!).toBeGreaterThan(noPrice.prediction.mean[0]!);
    expect(f.factors.find((x) => x.name === 'price')?.priceChange).toBeCloseTo(-0.2, 2);
  });
});

describe('reorder', () => {
  const history = simulate({ seed: 'order', level: 20, days: 200 });
  const base = { ...product('DAL', history), start: START, horizon: 7 };

  it('orders the lead time\'s demand plus safety stock minus the shelf, more safety for a higher service level', () => {
    const f = forecastProduct({ ...base, stockOnHand: 5, leadTimeDays: 3 });
    const r = f.recommendation;
    const demand = forecastSeries(base, { start: START, horizon: 7 }).prediction.mean.slice(0, 3).reduce((a, b) => a + b, 0);
    expect(r.expectedDemand).toBe(Math.ceil(demand));
    expect(r.safetyStock).toBeGreaterThan(0);
    expect(r.orderQuantity).toBe(r.expectedDemand + r.safetyStock - 5);
    expect(r.serviceLevel).toBe(0.95);
    const strict = forecastProduct({ ...base, stockOnHand: 5, leadTimeDays: 3, serviceLevel: 0.99 }).recommendation;
    expect(strict.safetyStock).toBeGreaterThan(r.safetyStock);
    expect(forecastProduct({ ...base, stockOnHand: 500, leadTimeDays: 3 }).recommendation.orderQuantity).toBe(0);
  });

  it('adds a week\'s days into a total whose range is narrower than the sum of daily ranges', () => {
    const f = forecastProduct({ ...base, ...policy });
    const total = forecastTotal(f.forecast, true);
    expect(total.quantity).toBe(f.forecast.reduce((a, p) => a + p.quantity, 0));
    expect(total.upper - total.lower).toBeLessThan(f.forecast.reduce((a, p) => a + p.upper - p.lower, 0));
  });
});

describe('the model contract', () => {
  const series = { start: addDays(START, -120), values: simulate({ seed: 'contract', level: 8, days: 120 }).map((d) => d.qty) };
  const models: Array<() => ForecastModel> = [
    () => new WeeklySmoothing(),
    () => new SeasonalNaive(),
    () => new HistoricAverage(),
    () => new HoltWinters('additive', 0.95),
    () => new HoltWinters('multiplicative', 1),
    () => new Croston('croston'),
    () => new Croston('sba'),
    () => new Croston('tsb'),
  ];

  it.each(models.map((make) => ({ alias: make().alias, make })))('$alias fits, predicts 80 % and 95 % ranges, and cross-validates', ({ make }) => {
    const p = make().fit(series).predict(7);
    for (const key of ['mean', 'median', 'lo80', 'hi80', 'lo95', 'hi95'] as const) expect(p[key]).toHaveLength(7);
    p.mean.forEach((m, i) => {
      expect(m).toBeGreaterThanOrEqual(0);
      expect(p.lo95[i]!).toBeLessThanOrEqual(p.lo80[i]!);
      expect(p.lo80[i]!).toBeLessThanOrEqual(p.hi80[i]!);
      expect(p.hi80[i]!).toBeLessThanOrEqual(p.hi95[i]!);
    });
    const windows = crossValidate(make, series, { windows: 3, step: 7, h: 7 });
    expect(windows.map((w) => w.origin)).toEqual([99, 106, 113]);
    expect(windows[2]!.actual).toEqual(series.values.slice(113, 120));
    expect(windows[0]!.mean).toHaveLength(7);
  });

  it('falls back when a model cannot fit, and says which one answered', () => {
    const short = { start: START, values: [3, 4, 2] };
    const model = new WithFallback(new SeasonalNaive(), new HistoricAverage()).fit(short);
    expect(model.alias).toBe('historic_average');
    expect(model.predict(2).mean).toHaveLength(2);
  });
});

describe('whole-store batches', () => {
  it('gives the same numbers on worker threads as on one thread', async () => {
    const shop = Array.from({ length: 12 }, (_, k) => product(`W${k}`, simulate({ seed: `w${k}`, level: 3 + k, days: 150 })));
    const options = { start: START, horizon: 7, state: 'MH' };
    const single = forecastStore(shop, options);
    const pooled = await forecastStoreParallel(shop, options, { threads: 2 });
    expect(pooled.map((f) => ('point' in f ? f.point : f.error))).toEqual(single.map((f) => f.point));
  }, 30_000);
});
