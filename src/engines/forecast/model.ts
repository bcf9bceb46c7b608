/**
 * The contract every forecast model keeps (after statsforecast): `fit` a daily series, then
 * `predict` h days with a point forecast and 80 % / 95 % intervals; `crossValidate` replays
 * that over past origins and returns forecasts of the same shape beside what really sold.
 */
import type { IsoDate } from '../../domain/dates.js';

/** One value per consecutive day from `start`; null where the day says nothing (a stock-out). */
export interface DailySeries {
  start: IsoDate;
  values: Array<number | null>;
  /** Selling price per day, when known. */
  prices?: Array<number | null>;
  /** Sold in fractions (kg, litres): the distribution is continuous, forecasts are not rounded. */
  continuous?: boolean;
}

/** Multipliers known in advance for particular days (festival windows, events), by day offset from `start`. */
export type DayEffects = (dayIndex: number) => number;

export interface Prediction {
  /** Expected value per day: what orders and totals are built on. */
  mean: number[];
  /** The middle of the predictive distribution: the amount most often closest to what sells. */
  median: number[];
  lo80: number[];
  hi80: number[];
  lo95: number[];
  hi95: number[];
  /** Variance-to-mean ratio of one day's sales around `mean`, for totals over several days. */
  dispersion: number;
}

export interface FitContext {
  /** Day-of-week profile of the store (Sunday first, mean 1) to shrink a thin series towards. */
  pooledWeekly?: readonly number[];
  /** Effects of calendar events for any day index (past and future). */
  effects?: DayEffects;
}

export interface ForecastModel {
  readonly alias: string;
  fit(series: DailySeries, context?: FitContext): this;
  predict(h: number): Prediction;
}

/** Backtest of one origin: the forecast made at `origin` and what then sold. */
export interface CrossValidationWindow extends Omit<Prediction, 'dispersion'> {
  origin: number;
  actual: Array<number | null>;
}

/**
 * Rolling-origin evaluation: for each of `windows` origins `step` days apart (the last one
 * `h` days before the end), fit on the data before it and forecast `h` days.
 */
export function crossValidate(
  make: () => ForecastModel,
  series: DailySeries,
  options: { windows: number; step: number; h: number; context?: FitContext },
): CrossValidationWindow[] {
  const n = series.values.length;
  const out: CrossValidationWindow[] = [];
  for (let k = options.windows - 1; k >= 0; k--) {
    const origin = n - options.h - k * options.step;
    if (origin < 14) continue;
    const train: DailySeries = { ...series, values: series.values.slice(0, origin), ...(series.prices ? { prices: series.prices.slice(0, origin) } : {}) };
    const { dispersion: _, ...prediction } = make().fit(train, options.context).predict(options.h);
    out.push({ origin, ...prediction, actual: series.values.slice(origin, origin + options.h) });
  }
  return out;
}

/** z-scores of the two-sided 80 % and 95 % normal intervals. */
export const Z80 = 1.2816;
export const Z95 = 1.96;

/**
 * A model that falls back to another when it cannot fit (too little data, nothing observed):
 * the owner always gets a forecast, and `alias` says which model made it.
 */
export class WithFallback implements ForecastModel {
  private active: ForecastModel;

  constructor(
    private readonly primary: ForecastModel,
    private readonly fallback: ForecastModel,
  ) {
    this.active = primary;
  }

  get alias(): string {
    return this.active.alias;
  }

  fit(series: DailySeries, context?: FitContext): this {
    try {
      this.active = this.primary.fit(series, context);
    } catch {
      this.active = this.fallback.fit(series, context);
    }
    return this;
  }

  predict(h: number): Prediction {
    return this.active.predict(h);
  }

  /** The model that was fitted. */
  get model(): ForecastModel {
    return this.active;
  }
}
