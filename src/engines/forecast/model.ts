/**
 * The contract every forecast model keeps (after statsforecast): fit on a daily series, then
 * predict h days with 80 % and 95 % intervals.
 */
export interface Prediction {
  mean: number[];
  lo80: number[];
  hi80: number[];
  lo95: number[];
  hi95: number[];
}

export interface ForecastModel {
  readonly alias: string;
  /** `series` is one value per consecutive day, oldest first. */
  fit(series: readonly number[]): this;
  predict(h: number): Prediction;
}

/** z-scores of the two-sided 80 % and 95 % normal intervals. */
export const Z80 = 1.2816;
export const Z95 = 1.96;
