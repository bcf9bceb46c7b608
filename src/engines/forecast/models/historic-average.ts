/**
 * For new products (under four weeks of sales): the average day, spread over the weekdays in
 * the shape of the shop's (or the category's) sales, with a deliberately wide range.
 */
import type { DailySeries, FitContext, ForecastModel, Prediction } from '../model.js';
import { predictionFrom } from './spread.js';
import { dayOfWeek } from '../../../domain/dates.js';

export class HistoricAverage implements ForecastModel {
  readonly alias = 'historic_average';
  private level = 0;
  private phi = 1;
  private continuous = false;
  private n = 0;
  private firstWeekday = 0;
  private context: FitContext = {};

  fit(series: DailySeries, context: FitContext = {}): this {
    const days = series.values.map((v, t) => ({ v, t })).filter((d): d is { v: number; t: number } => d.v !== null);
    if (days.length === 0) throw new Error('historic average needs at least one day');
    this.context = context;
    this.n = series.values.length;
    this.firstWeekday = dayOfWeek(series.start);
    this.continuous = series.continuous ?? days.some((d) => d.v % 1 !== 0);
    // Each day's sales divided by what its weekday and events make normal.
    const adjusted = days.map((d) => d.v / this.factor(d.t));
    this.level = adjusted.reduce((a, b) => a + b, 0) / adjusted.length;
    const variance = adjusted.reduce((a, v) => a + (v - this.level) ** 2, 0) / Math.max(1, adjusted.length - 1);
    // With a handful of days the spread is itself unsure: at least twice Poisson's.
    this.phi = this.level > 0 ? Math.max(2, variance / this.level) : 2;
    return this;
  }

  predict(h: number): Prediction {
    const means = Array.from({ length: h }, (_, i) => this.level * this.factor(this.n + i));
    return predictionFrom(means, this.phi, this.continuous, [0.05, 0.95], [0.01, 0.99]);
  }

  private factor(t: number): number {
    const weekly = this.context.pooledWeekly?.[(this.firstWeekday + t) % 7] ?? 1;
    return Math.max(0.05, weekly * (this.context.effects?.(t) ?? 1));
  }
}
