/**
 * The default model: a smoothed level times a weekly profile times calendar effects, with a
 * negative binomial (gamma for weighed goods) around it.
 *
 * - Weekly profile: each weekday's share of the last 26 weeks, shrunk towards the store's pooled
 *   profile (a thin series borrows the shape of its shop, as the design notes recommend).
 * - Level: exponential smoothing of the series with weekday and calendar effects divided out,
 *   averaged over slow and quick smoothing weights (picking one per series chased noise in
 *   backtests).
 * - Spread: the variance-to-mean ratio of week-ahead errors over the last 8 weeks, then the
 *   interval quantiles are nudged until those weeks would have been covered 80 % / 95 % of the
 *   time (conformal-style), which matters for intermittent, lumpy items.
 */
import { cdfPosition, quantile } from '../distribution.js';
import type { DailySeries, FitContext, ForecastModel, Prediction } from '../model.js';
import { dayOfWeek } from '../../../domain/dates.js';

const ALPHAS = [0.05, 0.1, 0.2, 0.3];
const PROFILE_WEEKS = 26;
/** Pseudo-days of the pooled profile in each weekday's estimate. */
const SHRINK = 28;
const CALIBRATION_DAYS = 56;
const LEAD = 7;

export class WeeklySmoothing implements ForecastModel {
  readonly alias = 'weekly_smoothing';
  private profile = [1, 1, 1, 1, 1, 1, 1];
  private level = 0;
  private phi = 1;
  private n = 0;
  private firstWeekday = 0;
  private continuous = false;
  private effects: (i: number) => number = () => 1;
  private band80: [number, number] = [0.1, 0.9];
  private band95: [number, number] = [0.025, 0.975];

  fit(series: DailySeries, context: FitContext = {}): this {
    const y = series.values;
    this.n = y.length;
    this.firstWeekday = dayOfWeek(series.start);
    this.continuous = series.continuous ?? y.some((v) => v !== null && v % 1 !== 0);
    this.effects = context.effects ?? (() => 1);
    const known = y.filter((v): v is number => v !== null);
    if (known.length === 0) throw new Error('no observed days');
    this.profile = weeklyProfile(y, this.firstWeekday, context.pooledWeekly);
    const factor = (t: number) => this.profile[(this.firstWeekday + t) % 7]! * this.effects(t);

    // A blend of slow and quick levels: choosing one weight per series chases noise.
    const runs = ALPHAS.map((alpha) => smooth(y, factor, alpha));
    const levels = runs[0]!.map((_, t) => runs.reduce((a, r) => a + r[t]!, 0) / runs.length);
    this.level = levels[this.n]!;

    // Spread and calibration from the same week-ahead errors.
    const errors: Array<{ mean: number; actual: number }> = [];
    for (let t = Math.max(LEAD, this.n - CALIBRATION_DAYS); t < this.n; t++) {
      if (y[t] !== null) errors.push({ mean: levels[t - LEAD]! * factor(t), actual: y[t]! });
    }
    const meanSum = errors.reduce((a, e) => a + e.mean, 0);
    const squared = errors.reduce((a, e) => a + (e.actual - e.mean) ** 2, 0);
    this.phi = meanSum > 0 ? Math.max(this.continuous ? 0.05 : 1, squared / meanSum) : 1;
    this.band80 = calibrate(errors, this.phi, this.continuous, 0.8);
    this.band95 = calibrate(errors, this.phi, this.continuous, 0.95);
    return this;
  }

  predict(h: number): Prediction {
    const out: Prediction = { mean: [], median: [], lo80: [], hi80: [], lo95: [], hi95: [], dispersion: this.phi };
    for (let i = 0; i < h; i++) {
      const t = this.n + i;
      const mean = Math.max(0, this.level * this.profile[(this.firstWeekday + t) % 7]! * this.effects(t));
      const q = (p: number) => quantile(mean, this.phi, p, this.continuous);
      out.mean.push(mean);
      out.median.push(q(0.5));
      out.lo80.push(q(this.band80[0]));
      out.hi80.push(q(this.band80[1]));
      out.lo95.push(q(this.band95[0]));
      out.hi95.push(q(this.band95[1]));
    }
    return out;
  }

  /** What moved the forecast: the weekly profile (Sunday first). */
  weekly(): readonly number[] {
    return this.profile;
  }

}

/** Exponentially smoothed level of the de-seasonalised series; levels[t] is the level before day t. */
function smooth(y: ReadonlyArray<number | null>, factor: (t: number) => number, alpha: number): number[] {
  const start = y.slice(0, 28).filter((v): v is number => v !== null);
  let level = start.length ? start.reduce((a, b) => a + b, 0) / start.length : 0;
  const levels = [level];
  for (let t = 0; t < y.length; t++) {
    const v = y[t];
    if (v !== null && v !== undefined) level = alpha * (v / Math.max(factor(t), 0.05)) + (1 - alpha) * level;
    levels.push(level);
  }
  return levels;
}

/** Each weekday's share of sales, shrunk towards the pooled profile (or towards flat). */
export function weeklyProfile(y: ReadonlyArray<number | null>, firstWeekday: number, pooled?: readonly number[]): number[] {
  const sums = new Array<number>(7).fill(0);
  const counts = new Array<number>(7).fill(0);
  for (let t = Math.max(0, y.length - PROFILE_WEEKS * 7); t < y.length; t++) {
    const v = y[t];
    if (v === null || v === undefined) continue;
    const d = (firstWeekday + t) % 7;
    sums[d]! += v;
    counts[d]!++;
  }
  const total = sums.reduce((a, b) => a + b, 0);
  const days = counts.reduce((a, b) => a + b, 0);
  const prior = pooled ?? [1, 1, 1, 1, 1, 1, 1];
  if (!(total > 0)) return [...prior];
  const mean = total / days;
  const profile = sums.map((s, d) => ((counts[d]! ? s / counts[d]! / mean : 1) * counts[d]! + SHRINK * prior[d]!) / (counts[d]! + SHRINK));
  const norm = profile.reduce((a, b) => a + b, 0) / 7;
  return profile.map((f) => f / norm);
}

/**
 * The quantile levels whose interval would have covered the recent actuals at the target rate.
 * Counts are lumpy, so the nominal [10 %, 90 %] often covers far more than 80 %.
 */
function calibrate(errors: Array<{ mean: number; actual: number }>, phi: number, continuous: boolean, target: number): [number, number] {
  const nominal: [number, number] = [(1 - target) / 2, 1 - (1 - target) / 2];
  if (errors.length < 28) return nominal;
  const positions = errors.map((e) => cdfPosition(e.mean, phi, e.actual, continuous));
  let best: { band: [number, number]; miss: number } | undefined;
  // Never wider than doubling the tail mass the other way, never narrower than the middle half.
  const step = nominal[0] / 5;
  for (let widen = -nominal[0] / 2; widen <= nominal[0] * 1.5 + 1e-9; widen += step) {
    const lo = Math.min(0.25, Math.max(0.002, nominal[0] + widen));
    const hi = Math.max(0.75, Math.min(0.998, nominal[1] - widen));
    let covered = 0;
    for (const p of positions) if (p.at >= lo && p.below < hi) covered++;
    const miss = Math.abs(covered / errors.length - target);
    if (!best || miss < best.miss - 1e-9) best = { band: [lo, hi], miss };
  }
  return best!.band;
}
