/**
 * Own-price elasticity: how much a product's sales move when its price moves. Read from the
 * product's price changes (weeks before a change against weeks after it; daily price noise
 * such as end-of-day discounts is ignored), pooled across the store and shrunk towards the
 * store's figure, because one product's two or three price changes are a thin basis.
 *
 * A forecast then reads past sales as if they had been made at today's price: after a price cut
 * the level moves at once instead of weeks later.
 */
import type { DailySeries } from './model.js';

/** A price must hold this many observed days on each side of a change to count as a change. */
const MIN_RUN = 14;
/** Changes smaller than this are rounding, not pricing. */
const MIN_CHANGE = 0.03;
/** Days compared on each side of a change. */
const WINDOW = 28;
/** Prior strength, in squared log-price units (two 10 % changes ≈ 0.018). */
const SHRINK = 0.02;
/** Elasticities outside this range come from confounding (a price raised because demand was high). */
const RANGE: [number, number] = [-3, 0];

interface Evidence {
  /** Σ log(price ratio)², Σ log(price ratio)·log(sales ratio). */
  xx: number;
  xy: number;
}

/** Price regimes of a series: runs of days at the same price (within 1 %), unknown days carried over. */
function regimes(prices: ReadonlyArray<number | null>): Array<{ start: number; end: number; price: number }> {
  const out: Array<{ start: number; end: number; price: number }> = [];
  let last: number | null = null;
  for (let t = 0; t < prices.length; t++) {
    const p: number | null = prices[t] ?? last;
    if (p === null || !(p > 0)) continue;
    last = p;
    const current = out.at(-1);
    if (current && Math.abs(p / current.price - 1) <= 0.01) current.end = t + 1;
    else out.push({ start: t, end: t + 1, price: p });
  }
  return out;
}

function evidence(series: DailySeries): Evidence {
  const e: Evidence = { xx: 0, xy: 0 };
  if (!series.prices) return e;
  const runs = regimes(series.prices);
  const y = series.values;
  for (let i = 1; i < runs.length; i++) {
    const before = runs[i - 1]!;
    const after = runs[i]!;
    if (before.end - before.start < MIN_RUN || after.end - after.start < MIN_RUN) continue;
    const x = Math.log(after.price / before.price);
    if (Math.abs(x) < MIN_CHANGE) continue;
    // Whole weeks on both sides, so the weekday mix is the same.
    const span = Math.floor(Math.min(WINDOW, before.end - before.start, after.end - after.start) / 7) * 7;
    const mean = (from: number, to: number) => {
      let sum = 0;
      let days = 0;
      for (let t = from; t < to; t++) {
        if (y[t] !== null && y[t] !== undefined) {
          sum += y[t]!;
          days++;
        }
      }
      return days >= 7 ? sum / days : undefined;
    };
    const s0 = mean(after.start - span, after.start);
    const s1 = mean(after.start, after.start + span);
    if (s0 === undefined || s1 === undefined || !(s0 > 0) || !(s1 > 0)) continue;
    e.xx += x * x;
    e.xy += x * Math.log(s1 / s0);
  }
  return e;
}

const clamp = (v: number) => Math.min(RANGE[1], Math.max(RANGE[0], v));

/** The store's elasticity from all its products' price changes (shrunk towards zero: no evidence, no effect). */
export function storeElasticity(storeSeries: readonly DailySeries[]): number {
  const pooled = storeSeries.map(evidence).reduce((a, e) => ({ xx: a.xx + e.xx, xy: a.xy + e.xy }), { xx: 0, xy: 0 });
  return clamp(pooled.xy / (pooled.xx + SHRINK));
}

/** One product's elasticity: its own price changes shrunk towards the store's figure. */
export function productElasticity(series: DailySeries, store: number): { elasticity: number; changes: boolean } {
  const own = evidence(series);
  return { elasticity: clamp((own.xy + SHRINK * store) / (own.xx + SHRINK)), changes: own.xx > 0 };
}

/**
 * The multiplier of each day's demand relative to demand at the latest known price
 * (future days are at that price unless `future` says otherwise).
 */
export function priceEffects(series: DailySeries, elasticity: number, future?: (t: number) => number | undefined): (t: number) => number {
  const prices = series.prices;
  if (!prices || elasticity === 0) return () => 1;
  const carried: number[] = [];
  let last: number | undefined;
  for (const p of prices) {
    if (p !== null && p > 0) last = p;
    carried.push(last ?? Number.NaN);
  }
  if (last === undefined) return () => 1;
  const reference = last;
  return (t) => {
    const p = t < carried.length ? carried[t]! : (future?.(t) ?? reference);
    return Number.isFinite(p) ? (p / reference) ** elasticity : 1;
  };
}
