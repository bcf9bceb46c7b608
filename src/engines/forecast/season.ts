/**
 * The season: how the coming days sold against the four weeks before them in earlier years
 * (364 days back keeps the weekdays aligned), pooled across the store and shrunk towards it.
 * A week's forecast moves with the season this way (mangoes arriving, school holidays, the
 * monsoon) without a yearly curve per product, which two or three years could not pin down.
 */
import type { DailySeries } from './model.js';

/** Days compared before the forecast window, a year back. */
const BEFORE = 28;
/** Pseudo-units of the store's ratio in one product's (as for event lifts). */
const SHRINK_UNITS = 100;

export interface SeasonTally {
  /** Average daily sales over the window a year back, and over the 28 days before it. */
  window: number;
  before: number;
  /** Units the window held (the evidence behind the ratio). */
  units: number;
}

/**
 * The tally of one series for the window [origin, origin + h), `origin` counted from the series
 * start; `effect` divides out known events and prices.
 */
export function seasonTally(series: DailySeries, origin: number, h: number, effect: (t: number) => number = () => 1): SeasonTally | undefined {
  const y = series.values;
  let window = 0;
  let before = 0;
  let units = 0;
  let years = 0;
  for (const back of [364, 728]) {
    const from = origin - back;
    if (from - BEFORE < 0) break;
    const mean = (a: number, b: number) => {
      let sum = 0;
      let days = 0;
      for (let t = a; t < b; t++) {
        if (y[t] !== null && y[t] !== undefined) {
          // Last year's festival days say nothing about this year's season.
          sum += y[t]! / effect(t);
          days++;
        }
      }
      return days >= (b - a) / 2 ? sum / days : undefined;
    };
    const w = mean(from, from + h);
    const b = mean(from - BEFORE, from);
    if (w === undefined || b === undefined || !(b > 0)) continue;
    window += w;
    before += b;
    units += w * h;
    years++;
  }
  return years ? { window: window / years, before: before / years, units } : undefined;
}

/** The store's ratio: its products' windows against their before-weeks, summed. */
export function storeSeasonRatio(tallies: ReadonlyArray<SeasonTally | undefined>): number {
  let window = 0;
  let before = 0;
  for (const t of tallies) {
    if (!t) continue;
    window += t.window;
    before += t.before;
  }
  return before > 0 ? clamp(window / before) : 1;
}

/** One product's ratio, its own evidence shrunk towards the store's. */
export function productSeasonRatio(tally: SeasonTally | undefined, store: number): number {
  if (!tally) return store;
  const own = tally.window / tally.before;
  const weight = tally.units / (tally.units + SHRINK_UNITS);
  return clamp(weight * own + (1 - weight) * store);
}

const clamp = (r: number) => Math.min(3, Math.max(1 / 3, r));
