/**
 * Croston's method and its SBA and TSB variants, for intermittent items (many days without a
 * sale): smooth the size of the sales that happen and how often they happen, separately.
 */
import type { DailySeries, ForecastModel, Prediction } from '../model.js';
import { dispersion, predictionFrom } from './spread.js';

export type CrostonVariant = 'croston' | 'sba' | 'tsb';

export class Croston implements ForecastModel {
  readonly alias: string;
  private rate = 0;
  private phi = 1;
  private continuous = false;

  constructor(
    private readonly variant: CrostonVariant = 'tsb',
    private readonly alpha = 0.1,
    private readonly beta = 0.1,
  ) {
    this.alias = variant;
  }

  fit(series: DailySeries): this {
    const y = series.values;
    this.continuous = series.continuous ?? y.some((v) => v !== null && v % 1 !== 0);
    const nonzero = y.filter((v): v is number => v !== null && v > 0);
    if (nonzero.length === 0) {
      this.rate = 0;
      return this;
    }
    let size = nonzero[0]!;
    let interval = y.length / nonzero.length;
    let probability = nonzero.length / y.length;
    let gap = 1;
    const pairs: Array<{ mean: number; actual: number }> = [];
    const rate = () => (this.variant === 'tsb' ? probability * size : (size / interval) * (this.variant === 'sba' ? 1 - this.alpha / 2 : 1));
    for (let t = 0; t < y.length; t++) {
      const v = y[t];
      if (v === null || v === undefined) continue;
      if (t >= y.length - 56) pairs.push({ mean: rate(), actual: v });
      if (this.variant === 'tsb') {
        probability += this.beta * ((v > 0 ? 1 : 0) - probability);
        if (v > 0) size += this.alpha * (v - size);
      } else if (v > 0) {
        size += this.alpha * (v - size);
        interval += this.alpha * (gap - interval);
        gap = 1;
      } else {
        gap++;
      }
    }
    this.rate = rate();
    this.phi = dispersion(pairs, this.continuous);
    return this;
  }

  predict(h: number): Prediction {
    return predictionFrom(new Array<number>(h).fill(this.rate), this.phi, this.continuous);
  }
}
