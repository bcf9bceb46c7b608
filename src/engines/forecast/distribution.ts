/**
 * The predictive distribution of one day's sales: negative binomial for items sold in whole
 * units (counts are overdispersed: the variance is φ times the mean), gamma for weighed goods.
 */

/** The q-quantile of a negative binomial with this mean and variance/mean ratio φ ≥ 1. */
export function countQuantile(mean: number, phi: number, q: number): number {
  if (!(mean > 0)) return 0;
  const dispersion = Math.max(phi, 1.0001);
  if (mean > 150) return Math.max(0, Math.round(mean + Math.sqrt(mean * dispersion) * normalQuantile(q)));
  const size = mean / (dispersion - 1);
  const p = size / (size + mean);
  let pmf = Math.pow(p, size);
  let cdf = pmf;
  let x = 0;
  while (cdf < q && x < 100_000) {
    pmf *= ((x + size) / (x + 1)) * (1 - p);
    x++;
    cdf += pmf;
  }
  return x;
}

/** The q-quantile of a gamma with this mean and variance mean·φ (Wilson–Hilferty). */
export function amountQuantile(mean: number, phi: number, q: number): number {
  if (!(mean > 0)) return 0;
  const shape = mean / Math.max(phi, 1e-6);
  const scale = mean / shape;
  const z = normalQuantile(q);
  const c = 1 / (9 * shape);
  return Math.max(0, shape * scale * Math.pow(1 - c + z * Math.sqrt(c), 3));
}

/** Acklam's rational approximation of the standard normal quantile. */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

export function quantile(mean: number, phi: number, q: number, continuous: boolean): number {
  return continuous ? amountQuantile(mean, phi, q) : countQuantile(mean, phi, q);
}

/** Standard normal CDF (Abramowitz & Stegun 26.2.17, error < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z > 0 ? 1 - p : p;
}

/**
 * Where an observed value sits in the predictive distribution, as the two CDF values around
 * it: the value lies inside [quantile(lo), quantile(hi)] exactly when `at ≥ lo` and
 * `below < hi`. One call answers the coverage of any interval, which calibration needs often.
 */
export function cdfPosition(mean: number, phi: number, actual: number, continuous: boolean): { below: number; at: number } {
  if (!(mean > 0)) return actual <= 0 ? { below: 0, at: 1 } : { below: 1, at: 1 };
  if (continuous) {
    const shape = mean / Math.max(phi, 1e-6);
    const c = 1 / (9 * shape);
    const p = normalCdf((Math.cbrt(Math.max(0, actual) / mean) - 1 + c) / Math.sqrt(c));
    return { below: p, at: p };
  }
  const dispersion = Math.max(phi, 1.0001);
  if (mean > 150) {
    const sd = Math.sqrt(mean * dispersion);
    return { below: normalCdf((actual - 0.5 - mean) / sd), at: normalCdf((actual + 0.5 - mean) / sd) };
  }
  const size = mean / (dispersion - 1);
  const p = size / (size + mean);
  let pmf = Math.pow(p, size);
  let cdf = pmf;
  let below = 0;
  for (let x = 0; x < actual; x++) {
    below = cdf;
    pmf *= ((x + size) / (x + 1)) * (1 - p);
    cdf += pmf;
  }
  return { below, at: cdf };
}
