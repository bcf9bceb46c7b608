/**
 * From raw daily rows to a series a model can trust, with a report of what was changed:
 * missing days are days without sales; duplicate rows of a day are added up; negative
 * quantities (returns) count as zero; days the product was out of stock say nothing about
 * demand, so they are left out rather than counted as zero sales; one-off spikes (a bulk
 * order, a typing slip) are capped so they do not lift every later forecast.
 */
import { addDays, daysBetween, type IsoDate } from '../../domain/dates.js';
import type { DailySeries } from './model.js';

export interface CleaningReport {
  days: number;
  gaps: number;
  duplicates: number;
  negatives: number;
  stockOutDays: number;
  spikes: number;
}

export interface CleanInput {
  history: ReadonlyArray<{ date: IsoDate; qty: number; price?: number | null }>;
  /** The first day not included (the forecast start). */
  end: IsoDate;
  /** Days the shop knows it had none in stock. */
  stockOutDates?: ReadonlySet<IsoDate>;
}

/** A zero run this long, for an item that almost never sells zero, is taken for a stock-out. */
const STOCKOUT_RUN = 3;

export function cleanSeries(input: CleanInput): { series: DailySeries; report: CleaningReport } | undefined {
  const rows = input.history.filter((r) => r.date < input.end);
  if (rows.length === 0) return undefined;
  const start = rows.reduce((min, r) => (r.date < min ? r.date : min), rows[0]!.date);
  const n = daysBetween(start, input.end);
  const values: Array<number | null> = new Array(n).fill(null);
  const prices: Array<number | null> = new Array(n).fill(null);
  const report: CleaningReport = { days: n, gaps: 0, duplicates: 0, negatives: 0, stockOutDays: 0, spikes: 0 };
  for (const row of rows) {
    const t = daysBetween(start, row.date);
    let qty = row.qty;
    if (!(qty >= 0)) {
      report.negatives++;
      qty = 0;
    }
    if (values[t] !== null) report.duplicates++;
    values[t] = (values[t] ?? 0) + qty;
    if (row.price !== undefined && row.price !== null) prices[t] = row.price;
  }
  for (let t = 0; t < n; t++) {
    if (values[t] === null) {
      report.gaps++;
      values[t] = 0;
    }
  }
  for (let t = 0; t < n; t++) {
    if (input.stockOutDates?.has(addDays(start, t))) {
      values[t] = null;
      report.stockOutDays++;
    }
  }
  report.stockOutDays += markLikelyStockOuts(values);
  report.spikes += capSpikes(values);
  const continuous = values.some((v) => v !== null && v % 1 !== 0);
  return { series: { start, values, prices, continuous }, report };
}

/** Zero runs of a steady seller, which the shop would not have let happen by choice. */
function markLikelyStockOuts(values: Array<number | null>): number {
  let marked = 0;
  for (let t = 0; t < values.length; ) {
    if (values[t] !== 0) {
      t++;
      continue;
    }
    let end = t;
    while (end < values.length && values[end] === 0) end++;
    if (end - t >= STOCKOUT_RUN) {
      const before = values.slice(Math.max(0, t - 56), t).filter((v): v is number => v !== null);
      const zeroShare = before.filter((v) => v === 0).length / Math.max(1, before.length);
      const mean = before.reduce((a, b) => a + b, 0) / Math.max(1, before.length);
      // A run this long would happen by chance less than once in years for such an item.
      if (before.length >= 28 && zeroShare < 0.05 && mean >= 2) {
        for (let k = t; k < end; k++) values[k] = null;
        marked += end - t;
      }
    }
    t = end;
  }
  return marked;
}

/**
 * Caps values far above the item's usual range: > 5× its median and > 1.5× its 99.5th
 * percentile (leaving out the single largest day, which is the one being judged).
 */
function capSpikes(values: Array<number | null>): number {
  const seen = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (seen.length < 28) return 0;
  const median = seen[Math.floor(seen.length / 2)]!;
  const high = seen[Math.min(seen.length - 2, Math.floor(seen.length * 0.995))]!;
  // Whole units stay whole.
  const limit = Math.ceil(Math.max(5 * median, 1.5 * high, 1));
  let capped = 0;
  for (let t = 0; t < values.length; t++) {
    if (values[t] !== null && values[t]! > limit) {
      values[t] = limit;
      capped++;
    }
  }
  return capped;
}
