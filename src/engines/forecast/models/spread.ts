/** Turns point means into a full prediction with the shared predictive distribution. */
import { quantile } from '../distribution.js';
import type { Prediction } from '../model.js';

export function predictionFrom(means: number[], phi: number, continuous: boolean, band80: [number, number] = [0.1, 0.9], band95: [number, number] = [0.025, 0.975]): Prediction {
  const out: Prediction = { mean: [], median: [], lo80: [], hi80: [], lo95: [], hi95: [], dispersion: phi };
  for (const raw of means) {
    const mean = Math.max(0, raw);
    const q = (p: number) => quantile(mean, phi, p, continuous);
    out.mean.push(mean);
    out.median.push(q(0.5));
    out.lo80.push(q(band80[0]));
    out.hi80.push(q(band80[1]));
    out.lo95.push(q(band95[0]));
    out.hi95.push(q(band95[1]));
  }
  return out;
}

/** Variance-to-mean ratio of errors (≥ 1 for counts, which are at least Poisson-noisy). */
export function dispersion(pairs: Array<{ mean: number; actual: number }>, continuous: boolean): number {
  const meanSum = pairs.reduce((a, e) => a + Math.max(e.mean, 0), 0);
  const squared = pairs.reduce((a, e) => a + (e.actual - e.mean) ** 2, 0);
  return meanSum > 0 ? Math.max(continuous ? 0.05 : 1, squared / meanSum) : 1;
}

export const observed = (values: ReadonlyArray<number | null>): number[] => values.filter((v): v is number => v !== null);
