/**
 * Demand shapes measured on real daily item×store sales (../shared/datasets/retail-sales-dev:
 * M5 grocery and household items, a supermarket's vegetable counter) with
 * `npx tsx scripts/measure-demo-params.ts`, on 2026-11-26. Only these summary figures are kept;
 * the sales themselves are evaluation-only and never shipped.
 *
 * - level: mean units per day (quantiles over series) — a product's "rank" picks its level.
 * - zeroShare: share of days with no sale after the first sale (stock-outs, slow movers).
 * - weekly: mean sales per weekday ÷ overall mean, Sunday first, pooled weighted by level.
 * - dispersion: variance ÷ mean of daily sales around a 28-day moving level (1 = Poisson).
 * - priceStepsPerYear / priceStepPct / priceUpShare: how often the selling price moves by ≥ 2 %,
 *   how far (median, p90), and how often upwards.
 */
export interface DemandGroup {
  level: { p10: number; p50: number; p90: number; max: number };
  zeroShare: { p10: number; p50: number; p90: number };
  weekly: readonly [number, number, number, number, number, number, number];
  dispersion: { p25: number; p50: number; p75: number };
  priceStepsPerYear: number;
  priceStepPct: { p50: number; p90: number };
  priceUpShare: number;
}

export const DEMAND_GROUPS = {
  /** 70 M5 FOODS series. */
  packaged_food: {
    level: { p10: 0.184, p50: 4.714, p90: 20.523, max: 100.802 },
    zeroShare: { p10: 0.005, p50: 0.24, p90: 0.858 },
    weekly: [1.154, 0.908, 0.876, 0.878, 0.909, 1.037, 1.237],
    dispersion: { p25: 1.314, p50: 1.816, p75: 3.55 },
    priceStepsPerYear: 0.382,
    priceStepPct: { p50: 0.091, p90: 0.295 },
    priceUpShare: 0.511,
  },
  /** 47 M5 HOUSEHOLD series. */
  household: {
    level: { p10: 0.19, p50: 1.459, p90: 6.278, max: 9.872 },
    zeroShare: { p10: 0.146, p50: 0.375, p90: 0.859 },
    weekly: [1.189, 0.922, 0.838, 0.874, 0.872, 1.013, 1.29],
    dispersion: { p25: 1.131, p50: 1.44, p75: 2.858 },
    // Median series never moved its price; the mean rate of those that did is ~0.4 a year.
    priceStepsPerYear: 0.4,
    priceStepPct: { p50: 0.058, p90: 0.361 },
    priceUpShare: 0.584,
  },
  /** 27 vegetable series sold by the kg. */
  fresh_produce: {
    level: { p10: 0.862, p50: 2.83, p90: 13.433, max: 27.558 },
    zeroShare: { p10: 0.125, p50: 0.435, p90: 0.692 },
    weekly: [1.263, 0.92, 0.869, 0.892, 0.838, 0.947, 1.272],
    dispersion: { p25: 1.567, p50: 3.429, p75: 5.799 },
    priceStepsPerYear: 59.836,
    priceStepPct: { p50: 0.15, p90: 0.3 },
    priceUpShare: 0.531,
  },
} as const satisfies Record<string, DemandGroup>;

export type DemandGroupName = keyof typeof DEMAND_GROUPS;

/**
 * Interpolates a quantile table at rank r ∈ [0, 1] on a log scale (levels are skewed):
 * p10 at 0.1, p50 at 0.5, p90 at 0.9, max at 1; below 0.1 it shrinks towards p10 / 3.
 */
export function levelAtRank(level: DemandGroup['level'], rank: number): number {
  const points: Array<[number, number]> = [[0, level.p10 / 3], [0.1, level.p10], [0.5, level.p50], [0.9, level.p90], [1, level.max]];
  const r = Math.min(1, Math.max(0, rank));
  for (let i = 1; i < points.length; i++) {
    const [r0, v0] = points[i - 1]!;
    const [r1, v1] = points[i]!;
    if (r <= r1) return Math.exp(Math.log(v0) + ((r - r0) / (r1 - r0)) * (Math.log(v1) - Math.log(v0)));
  }
  return level.max;
}

/** Zero-day share for a product of level rank r: busy products rarely have empty days (rank 1 → ~p10 / 2). */
export function zeroShareAtRank(zero: DemandGroup['zeroShare'], rank: number): number {
  const r = 1 - Math.min(1, Math.max(0, rank));
  const points: Array<[number, number]> = [[0, zero.p10 / 2], [0.1, zero.p10], [0.5, zero.p50], [0.9, zero.p90], [1, Math.min(0.95, zero.p90 * 1.05)]];
  for (let i = 1; i < points.length; i++) {
    const [r0, v0] = points[i - 1]!;
    const [r1, v1] = points[i]!;
    if (r <= r1) return v0 + ((r - r0) / (r1 - r0)) * (v1 - v0);
  }
  return zero.p90;
}
