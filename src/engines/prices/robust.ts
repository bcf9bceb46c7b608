/**
 * Robust aggregation of market figures: the median, with figures far from it (a typo, a price
 * per 10 kg, one odd mandi) left out by the median absolute deviation, and the range most
 * markets fall in (quartiles of what is left).
 */
export interface RobustSummary {
  median: number;
  low: number;
  high: number;
  kept: number;
  dropped: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 1) return sorted[0]!;
  const pos = q * (sorted.length - 1);
  const i = Math.floor(pos);
  return sorted[i]! + (sorted[Math.min(i + 1, sorted.length - 1)]! - sorted[i]!) * (pos - i);
}

export function median(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

/** Figures more than this many robust standard deviations from the median are outliers. */
const OUTLIER_Z = 3.5;

export function robustSummary(values: readonly number[]): RobustSummary {
  const sorted = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: Number.NaN, low: Number.NaN, high: Number.NaN, kept: 0, dropped: values.length };
  const mid = quantile(sorted, 0.5);
  const mad = median(sorted.map((v) => Math.abs(v - mid))) * 1.4826;
  // With no spread at all, anything different is suspect only if far off in ratio terms.
  const kept = mad > 0 ? sorted.filter((v) => Math.abs(v - mid) / mad <= OUTLIER_Z) : sorted.filter((v) => v / mid <= 3 && v / mid >= 1 / 3);
  return { median: quantile(kept, 0.5), low: quantile(kept, 0.25), high: quantile(kept, 0.75), kept: kept.length, dropped: values.length - kept.length };
}
