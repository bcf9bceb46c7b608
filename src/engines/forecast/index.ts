/**
 * The forecast engine: a store's daily sales in, the design's forecast JSON out.
 *
 * 1. Clean each product's days (gaps, duplicates, returns, stock-outs, one-off spikes).
 * 2. Learn what the store's products share: the weekday shape, festival/event lifts, how sales
 *    answer to price changes. One product's history is too thin to learn these alone.
 * 3. Fit each product with the weekly smoothing model, calendar and price effects divided out;
 *    a rolling-origin backtest picks the point (the typical day or the average day) and
 *    measures the model (MASE, 80 % coverage). New products get the shop's shape around their
 *    few days' average, with wide ranges.
 * 4. Turn the prediction into the owner's numbers: integers for countable goods, a confidence
 *    label, the factors that moved it, and an order quantity for the store's service level.
 */
import { addDays, dayOfWeek, daysBetween, toEpochDay, type IsoDate } from '../../domain/dates.js';
import { AppError } from '../../domain/errors.js';
import type { Confidence, Forecast, ForecastFactor, ForecastPoint } from '../../domain/forecast.js';
import { calendarOf, dayEffects, pooledWeekly, productEventLifts, storeEventLifts, type CalendarSpec, type EventCalendar } from './calendar-effects.js';
import { cleanSeries, type CleaningReport } from './cleaning.js';
import { quantile } from './distribution.js';
import { crossValidate, WithFallback, type DailySeries, type FitContext, type Prediction } from './model.js';
import { HistoricAverage } from './models/historic-average.js';
import { SeasonalNaive } from './models/seasonal-naive.js';
import { WeeklySmoothing } from './models/weekly-smoothing.js';
import { priceEffects, productElasticity, storeElasticity } from './price-effects.js';
import { productSeasonRatio, seasonTally, storeSeasonRatio } from './season.js';
import { reorderQuantity } from './reorder.js';

export type { ForecastModel, Prediction, DailySeries, FitContext, CrossValidationWindow } from './model.js';
export { crossValidate, WithFallback } from './model.js';
export { WeeklySmoothing } from './models/weekly-smoothing.js';
export { SeasonalNaive } from './models/seasonal-naive.js';
export { HistoricAverage } from './models/historic-average.js';
export { HoltWinters } from './models/holt-winters.js';
export { Croston } from './models/croston.js';
export { calendarOf, eventCalendar, festivalCalendar, type CalendarSpec, type EventCalendar } from './calendar-effects.js';
export type { CleaningReport } from './cleaning.js';
export { ForecastPool, forecastStoreParallel, type BatchResult } from './pool.js';

/** How much history a forecast reads: a year shows the festivals; the model weighs recent weeks most. */
export const FORECAST_HISTORY_DAYS = 365;
/** Products with fewer days than this are new: the shop's shape around their average, low confidence. */
export const SHORT_HISTORY_DAYS = 28;
/** Backtest origins, a week apart, for choosing the point and reporting accuracy. */
const BACKTEST_WINDOWS = 3;
const DEFAULT_SERVICE_LEVEL = 0.95;

export interface SalesDay {
  date: IsoDate;
  qty: number;
  price?: number | null;
}

export interface ProductHistory {
  sku: string;
  /** Daily sales, any order; days without a row count as zero sales. */
  history: readonly SalesDay[];
  /** Sold in whole units (pieces, packets); inferred from the data when not given. */
  countable?: boolean;
  /** Days the shop knows the shelf was empty. */
  stockOutDates?: ReadonlySet<IsoDate>;
  category?: string;
  /** Forecast this product from its own first day (e.g. the day after its own last row). */
  start?: IsoDate;
}

/**
 * What a store's products share, learned once per store and reused for each product. Plain
 * data: it is cached and sent to worker threads.
 */
export interface StoreProfile {
  /** Day-of-week shape (Sunday first, mean 1). */
  weekly: number[];
  weeklyByCategory: Record<string, number[]>;
  /** Each event's lift across the store (1.3 = +30 % on its days). */
  eventLifts: Record<string, number>;
  /** Own-price elasticity across the store (−1: 10 % dearer sells 10 % less). */
  elasticity: number;
  /** How the coming week sold against the four weeks before it in earlier years, store-wide. */
  season: number;
  calendar: CalendarSpec;
}

export interface SeriesForecast {
  sku: string;
  start: IsoDate;
  model: string;
  /** The number to stock by each day (the typical day, or the average day where that backtested better). */
  point: number[];
  prediction: Prediction;
  countable: boolean;
  historyDays: number;
  backtest: { mase: number | null; coverage80: number | null; windows: number } | null;
  factors: ForecastFactor[];
  cleaning: CleaningReport;
}

export interface ForecastOptions {
  /** The first day to forecast (usually today or tomorrow in the store's timezone). */
  start: IsoDate;
  horizon: number;
  /** Festival and event calendar; India's festival windows for `state` by default. */
  calendar?: CalendarSpec;
  /** ISO state code of the store (`MH`, `TN`): which regional festivals apply. */
  state?: string;
  /**
   * The day after the last day the shop reported sales, when that is before `start`: the days
   * between are unknown, not days without sales. Whole-store forecasts find it themselves.
   */
  dataEnd?: IsoDate;
  /**
   * Move the week with the season (how the same weeks sold against the weeks before them in
   * earlier years). Off by default: on the evaluation set it cost accuracy (MASE 0.786 against
   * 0.779, worse for the pharmacy, better for vegetables); `bench:forecast` measures it.
   */
  season?: boolean;
}

interface Prepared {
  input: ProductHistory;
  series: DailySeries;
  cleaning: CleaningReport;
}

function prepare(input: ProductHistory, end: IsoDate): Prepared | undefined {
  const cleaned = cleanSeries({ history: input.history, end, ...(input.stockOutDates ? { stockOutDates: input.stockOutDates } : {}) });
  if (!cleaned) return undefined;
  // Days before the first sale are days the product was not on the shelf yet.
  const first = cleaned.series.values.findIndex((v) => v !== null && v > 0);
  if (first < 0) return undefined;
  const trim = <T>(a: T[] | undefined) => a?.slice(first);
  const series: DailySeries = {
    start: addDays(cleaned.series.start, first),
    values: trim(cleaned.series.values)!,
    ...(cleaned.series.prices ? { prices: trim(cleaned.series.prices)! } : {}),
    continuous: input.countable === undefined ? cleaned.series.continuous === true : !input.countable,
  };
  return { input, series, cleaning: cleaned.report };
}

function calendarFor(options: ForecastOptions): CalendarSpec {
  return options.calendar ?? { kind: 'india', ...(options.state ? { state: options.state } : {}) };
}

/** Calendars are rebuilt from their spec once per spec object (a store batch shares one). */
const calendars = new WeakMap<CalendarSpec, EventCalendar>();
function resolve(spec: CalendarSpec): EventCalendar {
  let calendar = calendars.get(spec);
  if (!calendar) calendars.set(spec, (calendar = calendarOf(spec)));
  return calendar;
}

/** The day after the store's last reported day (never after `start`). */
export function storeDataEnd(products: readonly ProductHistory[], options: ForecastOptions): IsoDate {
  if (options.dataEnd) return options.dataEnd < options.start ? options.dataEnd : options.start;
  let last: IsoDate | undefined;
  for (const p of products) for (const day of p.history) if (day.date < options.start && (!last || day.date > last)) last = day.date;
  return last ? addDays(last, 1) : options.start;
}

/** Learns the store-wide weekday shape, event lifts and price response from cleaned series. */
function learnStore(prepared: readonly Prepared[], calendar: CalendarSpec, options: ForecastOptions): StoreProfile {
  const series = prepared.map((p) => p.series);
  const eventLifts = storeEventLifts(series, resolve(calendar));
  const lifts = new Map(Object.entries(eventLifts));
  const seasons = options.season
    ? prepared.map((p) => {
        const origin = daysBetween(p.series.start, p.input.start ?? options.start);
        const effects = dayEffects(p.series.start, origin, resolve(calendar), lifts);
        return seasonTally(p.series, origin, options.horizon, (t) => effects[t] ?? 1);
      })
    : [];
  const byCategory = new Map<string, DailySeries[]>();
  for (const p of prepared) {
    if (!p.input.category) continue;
    byCategory.set(p.input.category, [...(byCategory.get(p.input.category) ?? []), p.series]);
  }
  return {
    weekly: pooledWeekly(series),
    weeklyByCategory: Object.fromEntries([...byCategory].filter(([, s]) => s.length >= 3).map(([c, s]) => [c, pooledWeekly(s)])),
    eventLifts,
    elasticity: storeElasticity(series),
    season: storeSeasonRatio(seasons),
    calendar,
  };
}

/** A product that has not sold yet: zero, with zero range, and a note that there is nothing to go on. */
function nothingSold(input: ProductHistory, start: IsoDate, horizon: number): SeriesForecast {
  const zeros = () => new Array<number>(horizon).fill(0);
  const days = input.history.length;
  return {
    sku: input.sku,
    start,
    model: 'no_sales',
    point: zeros(),
    prediction: { mean: zeros(), median: zeros(), lo80: zeros(), hi80: zeros(), lo95: zeros(), hi95: zeros(), dispersion: 1 },
    countable: input.countable ?? true,
    historyDays: 0,
    backtest: null,
    factors: [{ name: 'new_product', effect: 0, days: 0, detail: 'no sales recorded yet' }],
    cleaning: { days, gaps: 0, duplicates: 0, negatives: 0, stockOutDays: 0, spikes: 0 },
  };
}

/**
 * Forecasts every product of a store, sharing what the products have in common; one result
 * per product, in order (a product that never sold gets zeros and says so).
 */
export function forecastStore(products: readonly ProductHistory[], options: ForecastOptions): SeriesForecast[] {
  const calendar = calendarFor(options);
  const end = storeDataEnd(products, options);
  const prepared = products.map((p) => prepare(p, p.start ?? end));
  const store = learnStore(
    prepared.filter((p): p is Prepared => p !== undefined),
    calendar,
    options,
  );
  return forecastAll(products, prepared, store, options);
}

function forecastAll(products: readonly ProductHistory[], prepared: ReadonlyArray<Prepared | undefined>, store: StoreProfile, options: ForecastOptions): SeriesForecast[] {
  return prepared.map((p, i) => {
    const start = products[i]!.start ?? options.start;
    return p ? forecastPrepared(p, store, { ...options, start }) : nothingSold(products[i]!, start, options.horizon);
  });
}

/**
 * Forecasts some of a store's products with a profile learned from all of them (a worker's
 * share of a batch). Pass the store's `dataEnd` (from `storeDataEnd`): a share alone may end earlier.
 */
export function forecastWithProfile(products: readonly ProductHistory[], options: ForecastOptions, store: StoreProfile): SeriesForecast[] {
  const end = storeDataEnd(products, options);
  return forecastAll(
    products,
    products.map((p) => prepare(p, p.start ?? end)),
    store,
    options,
  );
}

/** Learns a store profile once, for forecasting its products one at a time later (the chat path). */
export function learnStoreProfile(products: readonly ProductHistory[], options: ForecastOptions): StoreProfile {
  const calendar = calendarFor(options);
  const end = storeDataEnd(products, options);
  return learnStore(
    products.map((p) => prepare(p, p.start ?? end)).filter((p): p is Prepared => p !== undefined),
    calendar,
    options,
  );
}

/**
 * Forecasts one product. With the store's profile it borrows the shop's weekday shape and
 * event lifts; without it, it learns from the product alone. Throws `FORECAST.NO_HISTORY`
 * when the product has never sold.
 */
export function forecastSeries(input: ProductHistory, options: ForecastOptions & { store?: StoreProfile }): SeriesForecast {
  const prepared = prepare(input, options.dataEnd && options.dataEnd < options.start ? options.dataEnd : options.start);
  if (!prepared) {
    throw new AppError('FORECAST.NO_HISTORY', `No sales recorded for ${input.sku} yet`, { status: 422, metadata: { sku: input.sku } });
  }
  const store = options.store ?? learnStore([prepared], calendarFor(options), options);
  return forecastPrepared(prepared, store, options);
}

function forecastPrepared(p: Prepared, store: StoreProfile, options: ForecastOptions): SeriesForecast {
  const { series } = p;
  const n = series.values.length;
  const gap = daysBetween(addDays(series.start, n), options.start);
  const h = gap + options.horizon;
  const calendar = resolve(store.calendar);
  const eventMultipliers = productEventLifts(series, calendar, store.eventLifts);
  const events = dayEffects(series.start, n + h, calendar, eventMultipliers);
  const { elasticity } = productElasticity(series, store.elasticity);
  const price = priceEffects(series, elasticity);
  const effect = new Float64Array(n + h);
  for (let t = 0; t < n + h; t++) effect[t] = events[t]! * price(t);
  const season = options.season ? productSeasonRatio(seasonTally(series, n + gap, options.horizon, (t) => effect[t]!), store.season) : 1;
  for (let t = n; t < n + h; t++) effect[t]! *= season;
  const weekly = (p.input.category && store.weeklyByCategory[p.input.category]) || store.weekly;
  const context: FitContext = { pooledWeekly: weekly, effects: (t) => effect[t] ?? 1 };
  const observedDays = series.values.filter((v) => v !== null).length;

  let chosen: { make: () => WithFallback; point: 'mean' | 'median'; backtest: SeriesForecast['backtest'] };
  if (n < SHORT_HISTORY_DAYS || observedDays < 14) {
    chosen = { make: () => new WithFallback(new HistoricAverage(), new HistoricAverage()), point: 'mean', backtest: null };
  } else {
    const make = () => new WithFallback(new WeeklySmoothing(), new WithFallback(new SeasonalNaive(), new HistoricAverage()));
    chosen = { make, ...selectPoint(make, series, context) };
  }
  const fitted = chosen.make().fit(series, context);
  const full = fitted.predict(h);
  const prediction = sliceFrom(full, gap);
  const countable = !series.continuous;
  const shape = (x: number) => (countable ? Math.round(Math.max(0, x)) : Math.round(Math.max(0, x) * 100) / 100);
  const point = prediction[chosen.point].map(shape);
  const factors = explainFactors({ p, store, fitted, effect, eventMultipliers, elasticity, start: options.start, gap, horizon: options.horizon });
  return {
    sku: p.input.sku,
    start: options.start,
    model: fitted.alias,
    point,
    prediction: {
      ...prediction,
      lo80: prediction.lo80.map(shape),
      hi80: prediction.hi80.map(shape),
      lo95: prediction.lo95.map(shape),
      hi95: prediction.hi95.map(shape),
    },
    countable,
    historyDays: n,
    backtest: chosen.backtest,
    factors,
    cleaning: p.cleaning,
  };
}

function sliceFrom(p: Prediction, from: number): Prediction {
  return {
    mean: p.mean.slice(from),
    median: p.median.slice(from),
    lo80: p.lo80.slice(from),
    hi80: p.hi80.slice(from),
    lo95: p.lo95.slice(from),
    hi95: p.hi95.slice(from),
    dispersion: p.dispersion,
  };
}

/**
 * Replays the last few weeks: which point (the median, the amount most often closest to what
 * sells, or the mean) was closer, and how good the model was (MASE against a weekly seasonal
 * naive over the training data, and how often the 80 % range held the actual).
 */
function selectPoint(make: () => WithFallback, series: DailySeries, context: FitContext): { point: 'mean' | 'median'; backtest: SeriesForecast['backtest'] } {
  const windows = crossValidate(make, series, { windows: BACKTEST_WINDOWS, step: 7, h: 7, context });
  let errMean = 0;
  let errMedian = 0;
  let covered = 0;
  let days = 0;
  let scale = 0;
  for (const w of windows) {
    w.actual.forEach((a, i) => {
      if (a === null) return;
      errMean += Math.abs(w.mean[i]! - a);
      errMedian += Math.abs(w.median[i]! - a);
      if (a >= w.lo80[i]! && a <= w.hi80[i]!) covered++;
      days++;
    });
  }
  const y = series.values;
  let pairs = 0;
  const end = windows[0]?.origin ?? y.length;
  for (let t = 7; t < end; t++) {
    if (y[t] === null || y[t - 7] === null) continue;
    scale += Math.abs(y[t]! - y[t - 7]!);
    pairs++;
  }
  const point = errMedian <= errMean ? 'median' : 'mean';
  if (days === 0) return { point: 'mean', backtest: null };
  const mae = Math.min(errMean, errMedian) / days;
  const naive = pairs ? scale / pairs : 0;
  return { point, backtest: { mase: naive > 0 ? round(mae / naive, 3) : null, coverage80: round(covered / days, 3), windows: windows.length } };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** What moved the numbers, for the explanation: weekday, events, price, trend, cleaning. */
function explainFactors(a: {
  p: Prepared;
  store: StoreProfile;
  fitted: WithFallback;
  effect: Float64Array;
  eventMultipliers: Map<string, number>;
  elasticity: number;
  start: IsoDate;
  gap: number;
  horizon: number;
}): ForecastFactor[] {
  const factors: ForecastFactor[] = [];
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${Math.round(x * 100)}%`;
  const model = a.fitted.model;
  const calendar = resolve(a.store.calendar);
  // Each weekday of the first week, so a question about any day finds its own.
  if (model instanceof WeeklySmoothing) {
    for (let i = 0; i < Math.min(7, a.horizon); i++) {
      const date = addDays(a.start, i);
      const weekday = dayOfWeek(date);
      const effect = model.weekly()[weekday]! - 1;
      factors.push({ name: 'day_of_week', effect: round(effect, 3), label: WEEKDAYS[weekday]!, from: date, to: date, detail: `${WEEKDAYS[weekday]} sells ${pct(effect)} vs an average day` });
    }
  }
  const n = a.p.series.values.length;
  const events = new Map<string, { from: IsoDate; to: IsoDate }>();
  for (let i = 0; i < a.horizon; i++) {
    const date = addDays(a.start, i);
    for (const label of calendar(toEpochDay(date))) events.set(label, { from: events.get(label)?.from ?? date, to: date });
  }
  for (const [label, { from, to }] of events) {
    const m = a.eventMultipliers.get(label);
    if (m === undefined || Math.abs(m - 1) < 0.03) continue;
    factors.push({ name: 'event', label, effect: round(m - 1, 3), from, to, detail: `${label} ${from} to ${to}: ${pct(m - 1)} on those days` });
  }
  if (a.elasticity < 0) {
    const prices = a.p.series.prices ?? [];
    const now = prices.findLast((v) => v !== null);
    const before = prices.slice(0, Math.max(0, prices.length - 28)).findLast((v) => v !== null);
    if (now && before && Math.abs(now / before - 1) >= 0.03) {
      const effect = (now / before) ** a.elasticity - 1;
      factors.push({ name: 'price', effect: round(effect, 3), priceChange: round(now / before - 1, 3), detail: `price ${pct(now / before - 1)} in the last 4 weeks: demand ${pct(effect)} (elasticity ${a.elasticity.toFixed(2)})` });
    }
  }
  // The last four weeks against the four before, unless a festival or event in them would explain the move.
  if (n >= 56) {
    const y = a.p.series.values;
    const sum = (from: number, to: number) => y.slice(from, to).reduce<number>((acc, v) => acc + (v ?? 0), 0);
    const recent = sum(n - 28, n);
    const before = sum(n - 56, n - 28);
    const quiet = Array.from({ length: 56 }, (_, k) => a.effect[n - 56 + k]!).every((m) => Math.abs(m - 1) < 0.1);
    const change = before > 0 ? recent / before - 1 : 0;
    if (quiet && Math.abs(change) >= 0.05) factors.push({ name: 'trend', effect: round(change, 3), detail: `${pct(change)} over the last 4 weeks against the 4 before` });
  }
  if (a.p.cleaning.stockOutDays > 0) factors.push({ name: 'stock_outs', effect: 0, detail: `${a.p.cleaning.stockOutDays} out-of-stock day(s) left out`, days: a.p.cleaning.stockOutDays });
  if (n < SHORT_HISTORY_DAYS) factors.push({ name: 'new_product', effect: 0, detail: `only ${n} day(s) of sales so far`, days: n });
  return factors;
}

function confidenceOf(point: number, lo: number, hi: number, historyDays: number, backtest: SeriesForecast['backtest']): Confidence {
  if (historyDays < SHORT_HISTORY_DAYS) return 'low';
  const relative = (hi - lo) / Math.max(point, 1);
  const mase = backtest?.mase ?? 1;
  if (relative <= 0.6 && mase <= 1) return 'high';
  return relative <= 1.2 ? 'medium' : 'low';
}

export interface StockPolicy {
  stockOnHand: number;
  leadTimeDays: number;
  /** Share of lead times that should end without running out (default 95 %). */
  serviceLevel?: number;
}

/** The design's forecast JSON from an engine forecast and the shelf's stock. */
export function toForecastJson(f: SeriesForecast, policy: StockPolicy, now: Date = new Date()): Forecast {
  const points: ForecastPoint[] = f.point.map((quantity, i) => ({
    date: addDays(f.start, i),
    quantity,
    lower: f.prediction.lo80[i]!,
    upper: f.prediction.hi80[i]!,
    lower95: f.prediction.lo95[i]!,
    upper95: f.prediction.hi95[i]!,
    confidence: confidenceOf(quantity, f.prediction.lo80[i]!, f.prediction.hi80[i]!, f.historyDays, f.backtest),
  }));
  const serviceLevel = policy.serviceLevel ?? DEFAULT_SERVICE_LEVEL;
  const days = Math.max(1, policy.leadTimeDays);
  const means = f.prediction.mean.slice(0, days);
  const expected = means.reduce((a, b) => a + b, 0);
  return {
    sku: f.sku,
    generatedAt: now.toISOString(),
    model: f.model,
    forecast: points,
    confidence_level: points[0]?.confidence ?? 'low',
    explanation: explanationOf(f),
    factors: f.factors,
    recommendation: reorderQuantity({
      expectedDemand: expected,
      // Demand over the lead time at the service level, from the same predictive distribution.
      demandAtServiceLevel: quantile(expected, f.prediction.dispersion, serviceLevel, !f.countable),
      leadTimeDays: policy.leadTimeDays,
      stockOnHand: policy.stockOnHand,
      serviceLevel,
      countable: f.countable,
    }),
    backtest: f.backtest ? { mase: f.backtest.mase, coverage80: f.backtest.coverage80 } : null,
    cleaning: f.cleaning,
  };
}

/** A plain-English explanation for the API; the bot renders the same factors in the owner's language. */
function explanationOf(f: SeriesForecast): string {
  const basis =
    f.model === 'weekly_smoothing'
      ? `Smoothed recent sales (${f.historyDays} days) times each weekday's share, with festival and price effects.`
      : f.model === 'historic_average'
        ? `A new product: the average of its ${f.historyDays} day(s) so far, spread over the week like the rest of the shop, with a wide range.`
        : `Each day repeats the same weekday last week (${f.model}).`;
  const moved = f.factors.filter((x) => x.name !== 'day_of_week' && x.name !== 'new_product').map((x) => `${x.name}: ${x.detail}`);
  return [basis, ...moved].join(' ');
}

export interface ForecastRequest extends ProductHistory, StockPolicy {
  start: IsoDate;
  horizon: number;
  state?: string;
  store?: StoreProfile;
  now?: Date;
}

/** One product's forecast JSON: the engine and the stock policy in one call. */
export function forecastProduct(request: ForecastRequest): Forecast {
  const f = forecastSeries(request, {
    start: request.start,
    horizon: request.horizon,
    ...(request.state ? { state: request.state } : {}),
    ...(request.store ? { store: request.store } : {}),
  });
  return toForecastJson(f, request, request.now);
}

/**
 * The total over several forecast days with its 80 % range. Daily errors add in quadrature
 * (treated as independent), so a week's range is narrower than the sum of the daily ranges.
 */
export function forecastTotal(points: readonly ForecastPoint[], countable: boolean): { quantity: number; lower: number; upper: number } {
  const quantity = points.reduce((a, p) => a + p.quantity, 0);
  const up = Math.sqrt(points.reduce((a, p) => a + (p.upper - p.quantity) ** 2, 0));
  const down = Math.sqrt(points.reduce((a, p) => a + (p.quantity - p.lower) ** 2, 0));
  const shape = (x: number) => (countable ? Math.round(Math.max(0, x)) : Math.round(Math.max(0, x) * 10) / 10);
  return { quantity: shape(quantity), lower: shape(quantity - down), upper: shape(quantity + up) };
}
