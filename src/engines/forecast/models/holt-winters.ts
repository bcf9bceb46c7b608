/**
 * Holt–Winters exponential smoothing with a weekly season: additive or multiplicative season,
 * optionally a damped trend. Parameters by least squares over a small grid (a full optimiser
 * buys little on daily shop data and costs time).
 */
import type { DailySeries, ForecastModel, Prediction } from '../model.js';
import { dispersion, predictionFrom } from './spread.js';

export type Seasonality = 'additive' | 'multiplicative';

const GRID = {
  alpha: [0.05, 0.15, 0.3],
  beta: [0, 0.02],
  gamma: [0.05, 0.15],
};

interface State {
  level: number;
  trend: number;
  season: number[];
  sse: number;
  pairs: Array<{ mean: number; actual: number }>;
}

export class HoltWinters implements ForecastModel {
  readonly alias: string;
  private state?: State;
  private phi = 1;
  private continuous = false;
  private n = 0;

  constructor(
    private readonly seasonality: Seasonality = 'additive',
    private readonly damping = 0.95,
  ) {
    this.alias = `holt_winters_${seasonality === 'additive' ? 'add' : 'mul'}${damping < 1 ? '_damped' : ''}`;
  }

  fit(series: DailySeries): this {
    const y = series.values.map((v) => v ?? 0);
    if (y.length < 21) throw new Error('Holt-Winters needs three weeks');
    this.continuous = series.continuous ?? y.some((v) => v % 1 !== 0);
    this.n = y.length;
    let best: State | undefined;
    for (const alpha of GRID.alpha) for (const beta of GRID.beta) for (const gamma of GRID.gamma) {
      const state = this.run(y, alpha, beta, gamma);
      if (!best || state.sse < best.sse) best = state;
    }
    this.state = best!;
    this.phi = dispersion(best!.pairs, this.continuous);
    return this;
  }

  predict(h: number): Prediction {
    const s = this.state!;
    const means: number[] = [];
    let damp = 0;
    for (let i = 1; i <= h; i++) {
      damp += this.damping ** i;
      const season = s.season[(this.n + i - 1) % 7]!;
      const base = s.level + damp * s.trend;
      means.push(this.seasonality === 'additive' ? base + season : base * season);
    }
    return predictionFrom(means, this.phi, this.continuous);
  }

  private run(y: number[], alpha: number, beta: number, gamma: number): State {
    const firstWeek = y.slice(0, 7);
    let level = firstWeek.reduce((a, b) => a + b, 0) / 7;
    let trend = 0;
    const mult = this.seasonality === 'multiplicative';
    const floor = 0.1;
    const season = firstWeek.map((v) => (mult ? (level > 0 ? Math.max(v / level, floor) : 1) : v - level));
    let sse = 0;
    const pairs: Array<{ mean: number; actual: number }> = [];
    for (let t = 7; t < y.length; t++) {
      const s = season[t % 7]!;
      const forecast = mult ? (level + this.damping * trend) * s : level + this.damping * trend + s;
      const v = y[t]!;
      sse += (v - forecast) ** 2;
      if (t >= y.length - 56) pairs.push({ mean: Math.max(0, forecast), actual: v });
      const previous = level;
      level = alpha * (mult ? v / Math.max(s, floor) : v - s) + (1 - alpha) * (previous + this.damping * trend);
      trend = beta * (level - previous) + (1 - beta) * this.damping * trend;
      season[t % 7] = mult ? gamma * (level > 0 ? Math.max(v / level, floor) : s) + (1 - gamma) * s : gamma * (v - level) + (1 - gamma) * s;
    }
    return { level, trend, season, sse, pairs };
  }
}
