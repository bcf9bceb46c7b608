/**
 * The forecast engine: a product's daily sales in, the design's forecast JSON out (points with
 * intervals, a confidence label, the factors behind it and a reorder recommendation).
 */
import { addDays, dayOfWeek, daysBetween, type IsoDate } from '../../domain/dates.js';
import { AppError } from '../../domain/errors.js';
import type { Confidence, Forecast, ForecastFactor, ForecastPoint } from '../../domain/forecast.js';
import type { Sale } from '../../domain/sale.js';
import type { ForecastModel } from './model.js';
import { reorderQuantity } from './reorder.js';
import { HistoricAverage, SeasonalNaive } from './seasonal-naive.js';

export type { ForecastModel, Prediction } from './model.js';

export interface ForecastRequest {
  sku: string;
  /** The product's daily sales, any order; days without a row count as zero sales. */
  history: readonly Pick<Sale, 'date' | 'qty'>[];
  /** The first day to forecast (usually tomorrow in the store's timezone). */
  start: IsoDate;
  horizon: number;
  countable: boolean;
  stockOnHand: number;
  leadTimeDays: number;
  now?: Date;
}

/** How much history a forecast reads: eight weeks is enough for a weekly pattern and its spread. */
export const FORECAST_HISTORY_DAYS = 8 * 7;

/** Days of history below which the forecast is labelled low confidence. */
const SHORT_HISTORY_DAYS = 28;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Lays sales out one value per day up to the day before `start`, zeros where no row exists. */
export function dailySeries(history: ForecastRequest['history'], start: IsoDate): { first: IsoDate; values: number[] } | undefined {
  const before = history.filter((s) => s.date < start);
  if (before.length === 0) return undefined;
  const first = before.reduce((min, s) => (s.date < min ? s.date : min), before[0]!.date);
  const values = new Array<number>(daysBetween(first, start)).fill(0);
  for (const sale of before) values[daysBetween(first, sale.date)]! += sale.qty;
  return { first, values };
}

/** Forecasts one product. Throws `FORECAST.NO_HISTORY` when it has never sold. */
export function forecastProduct(request: ForecastRequest): Forecast {
  const series = dailySeries(request.history, request.start);
  if (!series) {
    throw new AppError('FORECAST.NO_HISTORY', `No sales recorded for ${request.sku} yet`, { status: 422, metadata: { sku: request.sku } });
  }
  const model: ForecastModel = series.values.length >= 7 ? new SeasonalNaive() : new HistoricAverage();
  const p = model.fit(series.values).predict(request.horizon);
  const shape = (x: number) => (request.countable ? Math.round(Math.max(0, x)) : Math.round(Math.max(0, x) * 10) / 10);
  const dailySigma = (p.hi80[0]! - p.mean[0]!) / 1.2816;

  const points = p.mean.map((mean, i) => {
    const width = p.hi80[i]! - p.lo80[i]!;
    return {
      date: addDays(request.start, i),
      quantity: shape(mean),
      lower: shape(p.lo80[i]!),
      upper: shape(p.hi80[i]!),
      confidence: confidenceOf(width, mean, series.values.length),
    };
  });
  const level = points[0]!.confidence;
  const factors = explainFactors(series.values, request.start);

  return {
    sku: request.sku,
    generatedAt: (request.now ?? new Date()).toISOString(),
    model: model.alias,
    forecast: points,
    confidence_level: level,
    explanation:
      model.alias === 'seasonal_naive'
        ? 'Each day repeats what the same weekday sold last week; the range comes from how far that was off over the last 8 weeks.'
        : `Based on the average of the ${series.values.length} day(s) of sales so far.`,
    factors,
    recommendation: reorderQuantity({
      dailyDemand: p.mean.map((m) => Math.max(0, m)),
      dailySigma,
      leadTimeDays: request.leadTimeDays,
      stockOnHand: request.stockOnHand,
      countable: request.countable,
    }),
  };
}

/**
 * The total over several forecast days with its 80 % range. Daily errors add in quadrature
 * (treated as independent), so a week's range is narrower than the sum of the daily ranges.
 */
export function forecastTotal(points: readonly ForecastPoint[], countable: boolean): { quantity: number; lower: number; upper: number } {
  const quantity = points.reduce((a, p) => a + p.quantity, 0);
  // The upper side is never clipped at zero, so it measures the spread.
  const spread = Math.sqrt(points.reduce((a, p) => a + (p.upper - p.quantity) ** 2, 0));
  const shape = (x: number) => (countable ? Math.round(Math.max(0, x)) : Math.round(Math.max(0, x) * 10) / 10);
  return { quantity: shape(quantity), lower: shape(quantity - spread), upper: shape(quantity + spread) };
}

function confidenceOf(width80: number, mean: number, historyDays: number): Confidence {
  if (historyDays < SHORT_HISTORY_DAYS) return 'low';
  const relative = width80 / Math.max(mean, 1);
  return relative <= 0.6 ? 'high' : relative <= 1.2 ? 'medium' : 'low';
}

/** What a reader should know about the numbers: weekday pattern and recent trend. */
function explainFactors(values: readonly number[], start: IsoDate): ForecastFactor[] {
  const factors: ForecastFactor[] = [];
  const recent = values.slice(-28);
  const average = recent.reduce((a, b) => a + b, 0) / Math.max(1, recent.length);
  if (values.length >= 7 && average > 0) {
    const sameDay = values[values.length - 7]!;
    const effect = Math.round((sameDay / average - 1) * 100);
    factors.push({ name: 'day_of_week', detail: `${WEEKDAYS[dayOfWeek(start)]} sold ${effect >= 0 ? '+' : ''}${effect}% vs the 4-week daily average` });
  }
  if (values.length >= 28) {
    const last = values.slice(-7).reduce((a, b) => a + b, 0);
    const before = values.slice(-28, -7).reduce((a, b) => a + b, 0) / 3;
    if (before > 0) {
      const change = Math.round((last / before - 1) * 100);
      factors.push({ name: 'recent_trend', detail: `last 7 days ${change >= 0 ? '+' : ''}${change}% vs the 3 weeks before` });
    }
  }
  return factors;
}
