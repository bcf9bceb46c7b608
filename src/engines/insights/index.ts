/**
 * Store insights, built on the other engines' results: what is selling more or less than last
 * week, what will run out before the next delivery, what sits on the shelf, which festivals
 * are coming, which prices need a look, and how good the forecasts have been.
 */
import { addDays, type IsoDate } from '../../domain/dates.js';
import type { FestivalWindow } from '../../domain/festivals.js';
import type { Forecast, ForecastAccuracy } from '../../domain/forecast.js';
import type { PriceReport } from '../../domain/prices.js';
import type { Product } from '../../domain/product.js';
import type { Sale } from '../../domain/sale.js';

export interface InsightsInput {
  today: IsoDate;
  products: Product[];
  /** Daily sales of the last 28 days before today. */
  sales: Sale[];
  /** Today's forecast of every product. */
  forecasts: Forecast[];
  /** Festival windows of the coming weeks in the store's state. */
  festivals: FestivalWindow[];
  /** Price reports of the products the market covers. */
  prices: PriceReport[];
  accuracy: ForecastAccuracy[];
}

export interface Mover {
  sku: string;
  name: string;
  lastWeek: number;
  weekBefore: number;
  /** Relative change (0.4 = +40 %). */
  change: number;
}

export interface StoreInsights {
  today: IsoDate;
  topMovers: { up: Mover[]; down: Mover[] };
  stockOutRisk: Array<{ sku: string; name: string; stock: number; daysOfCover: number; leadTimeDays: number; orderQuantity: number }>;
  slowMovers: Array<{ sku: string; name: string; stock: number; soldLast28Days: number; daysOfCover: number | null }>;
  upcomingFestivals: Array<{ festival: string; start: IsoDate; peak: IsoDate; daysAway: number }>;
  priceAlerts: Array<{ sku: string; name: string; position: string; anomalies: string[]; suggestedPrice: number | null; asOf: IsoDate; stale: boolean }>;
  accuracy: AccuracySummary | null;
}

export interface AccuracySummary {
  products: number;
  days: number;
  mae: number;
  mase: number | null;
  mape: number | null;
  bias: number;
  coverage80: number;
  coverage95: number;
}

/** Movers need this many units in the busier of the two weeks to count (2 → 4 is noise). */
const MIN_WEEKLY_UNITS = 5;
const MAX_ITEMS = 5;
const SLOW_COVER_DAYS = 60;
const FESTIVAL_HORIZON_DAYS = 30;

/** Everything worth telling the owner about their shop today. */
export function storeInsights(input: InsightsInput): StoreInsights {
  const names = new Map(input.products.map((p) => [p.sku, p.name]));
  return {
    today: input.today,
    topMovers: topMovers(input, names),
    stockOutRisk: stockOutRisk(input, names),
    slowMovers: slowMovers(input),
    upcomingFestivals: input.festivals
      .filter((f) => f.peak >= input.today && f.start <= addDays(input.today, FESTIVAL_HORIZON_DAYS))
      .map((f) => ({ festival: f.festival, start: f.start, peak: f.peak, daysAway: Math.max(0, daysBetween(input.today, f.start)) })),
    priceAlerts: input.prices
      .filter((r) => r.anomalies.length > 0 || r.recommendation.action !== 'keep')
      .map((r) => ({ sku: r.sku, name: names.get(r.sku) ?? r.sku, position: r.position, anomalies: r.anomalies.map((a) => a.kind), suggestedPrice: r.recommendation.suggested_price, asOf: r.as_of, stale: r.stale })),
    accuracy: summariseAccuracy(input.accuracy),
  };
}

function topMovers(input: InsightsInput, names: Map<string, string>): StoreInsights['topMovers'] {
  const midpoint = addDays(input.today, -7);
  const from = addDays(input.today, -14);
  const weeks = new Map<string, { last: number; before: number }>();
  for (const sale of input.sales) {
    if (sale.date < from || sale.date >= input.today) continue;
    const w = weeks.get(sale.sku) ?? { last: 0, before: 0 };
    if (sale.date >= midpoint) w.last += sale.qty;
    else w.before += sale.qty;
    weeks.set(sale.sku, w);
  }
  const movers = [...weeks]
    .filter(([sku, w]) => names.has(sku) && w.before > 0 && Math.max(w.last, w.before) >= MIN_WEEKLY_UNITS)
    .map(([sku, w]) => ({ sku, name: names.get(sku)!, lastWeek: round(w.last), weekBefore: round(w.before), change: round(w.last / w.before - 1, 3) }));
  return {
    up: movers.filter((m) => m.change > 0).sort((a, b) => b.change - a.change).slice(0, MAX_ITEMS),
    down: movers.filter((m) => m.change < 0).sort((a, b) => a.change - b.change).slice(0, MAX_ITEMS),
  };
}

function stockOutRisk(input: InsightsInput, names: Map<string, string>): StoreInsights['stockOutRisk'] {
  return input.forecasts
    .filter((f) => names.has(f.sku) && f.recommendation.orderQuantity > 0)
    .map((f) => {
      const rec = f.recommendation;
      const daily = rec.expectedDemand / Math.max(1, rec.leadTimeDays);
      return { sku: f.sku, name: names.get(f.sku)!, stock: rec.stockOnHand, daysOfCover: daily > 0 ? round(rec.stockOnHand / daily, 1) : null, leadTimeDays: rec.leadTimeDays, orderQuantity: rec.orderQuantity };
    })
    // Will run out before the next delivery arrives (nothing expected to sell: no risk).
    .filter((r): r is typeof r & { daysOfCover: number } => r.daysOfCover !== null && r.daysOfCover < Math.max(1, r.leadTimeDays))
    .sort((a, b) => a.daysOfCover - b.daysOfCover)
    .slice(0, MAX_ITEMS * 2);
}

function slowMovers(input: InsightsInput): StoreInsights['slowMovers'] {
  const sold = new Map<string, number>();
  const from = addDays(input.today, -28);
  for (const sale of input.sales) if (sale.date >= from && sale.date < input.today) sold.set(sale.sku, (sold.get(sale.sku) ?? 0) + sale.qty);
  return input.products
    .filter((p) => p.stock > 0)
    .map((p) => {
      const units = sold.get(p.sku) ?? 0;
      return { sku: p.sku, name: p.name, stock: p.stock, soldLast28Days: round(units), daysOfCover: units > 0 ? round((p.stock / units) * 28, 0) : null };
    })
    .filter((p) => p.daysOfCover === null || p.daysOfCover > SLOW_COVER_DAYS)
    .sort((a, b) => (b.daysOfCover ?? Infinity) - (a.daysOfCover ?? Infinity))
    .slice(0, MAX_ITEMS);
}

/** A store's forecast accuracy: errors weighted by days scored, MASE and MAPE over the products that have them. */
export function summariseAccuracy(products: ForecastAccuracy[]): AccuracySummary | null {
  const days = products.reduce((a, p) => a + p.days, 0);
  if (days === 0) return null;
  const weighted = (pick: (p: ForecastAccuracy) => number) => products.reduce((a, p) => a + pick(p) * p.days, 0) / days;
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
  return {
    products: products.length,
    days,
    mae: weighted((p) => p.mae),
    mase: mean(products.flatMap((p) => (p.mase === null ? [] : [p.mase]))),
    mape: mean(products.flatMap((p) => (p.mape === null ? [] : [p.mape]))),
    bias: weighted((p) => p.bias),
    coverage80: weighted((p) => p.coverage80),
    coverage95: weighted((p) => p.coverage95),
  };
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const daysBetween = (a: IsoDate, b: IsoDate) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
