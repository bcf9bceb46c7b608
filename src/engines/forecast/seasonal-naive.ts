/**
 * Seasonal naive with a weekly season: tomorrow sells what the same weekday sold last week.
 * Intervals come from the spread of its own one-season-ahead errors over the recent weeks.
 */
import { Z80, Z95, type ForecastModel, type Prediction } from './model.js';

const SEASON = 7;
/** Errors from this many recent weeks size the interval. */
const ERROR_WINDOW = 8 * SEASON;

export class SeasonalNaive implements ForecastModel {
  readonly alias = 'seasonal_naive';
  private lastSeason: number[] = [];
  private sigma = 0;

  fit(series: readonly number[]): this {
    if (series.length < SEASON) throw new Error(`seasonal naive needs ${SEASON} days, got ${series.length}`);
    this.lastSeason = series.slice(-SEASON);
    const errors: number[] = [];
    for (let t = Math.max(SEASON, series.length - ERROR_WINDOW); t < series.length; t++) errors.push(series[t]! - series[t - SEASON]!);
    this.sigma = errors.length > 1 ? Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / errors.length) : 0;
    return this;
  }

  predict(h: number): Prediction {
    const mean = Array.from({ length: h }, (_, i) => this.lastSeason[i % SEASON]!);
    // Each further week ahead repeats an older value, so the error grows with whole seasons.
    const spread = mean.map((_, i) => this.sigma * Math.sqrt(Math.floor(i / SEASON) + 1));
    return {
      mean,
      lo80: mean.map((m, i) => m - Z80 * spread[i]!),
      hi80: mean.map((m, i) => m + Z80 * spread[i]!),
      lo95: mean.map((m, i) => m - Z95 * spread[i]!),
      hi95: mean.map((m, i) => m + Z95 * spread[i]!),
    };
  }
}

/** For series shorter than a week: the average day, with an interval from the day-to-day spread. */
export class HistoricAverage implements ForecastModel {
  readonly alias = 'historic_average';
  private level = 0;
  private sigma = 0;

  fit(series: readonly number[]): this {
    if (series.length === 0) throw new Error('historic average needs at least one day');
    this.level = series.reduce((a, b) => a + b, 0) / series.length;
    const variance = series.reduce((a, y) => a + (y - this.level) ** 2, 0) / Math.max(1, series.length - 1);
    // With a handful of days the spread is itself unsure: never narrower than the level.
    this.sigma = Math.max(Math.sqrt(variance), this.level);
    return this;
  }

  predict(h: number): Prediction {
    const mean = new Array<number>(h).fill(this.level);
    return {
      mean,
      lo80: mean.map((m) => m - Z80 * this.sigma),
      hi80: mean.map((m) => m + Z80 * this.sigma),
      lo95: mean.map((m) => m - Z95 * this.sigma),
      hi95: mean.map((m) => m + Z95 * this.sigma),
    };
  }
}
