/** Seasonal naive with a weekly season: tomorrow sells what the same weekday sold last week. */
import type { DailySeries, ForecastModel, Prediction } from '../model.js';
import { dispersion, predictionFrom } from './spread.js';

export class SeasonalNaive implements ForecastModel {
  readonly alias = 'seasonal_naive';
  private lastWeek: number[] = [];
  private phi = 1;
  private continuous = false;

  fit(series: DailySeries): this {
    const y = series.values.map((v) => v ?? 0);
    if (y.length < 7) throw new Error(`seasonal naive needs 7 days, got ${y.length}`);
    this.continuous = series.continuous ?? y.some((v) => v % 1 !== 0);
    this.lastWeek = y.slice(-7);
    const pairs = [];
    for (let t = Math.max(7, y.length - 56); t < y.length; t++) pairs.push({ mean: y[t - 7]!, actual: y[t]! });
    this.phi = dispersion(pairs, this.continuous);
    return this;
  }

  predict(h: number): Prediction {
    return predictionFrom(Array.from({ length: h }, (_, i) => this.lastWeek[i % 7]!), this.phi, this.continuous);
  }
}
