import type { IsoDate } from './dates.js';

export type Confidence = 'high' | 'medium' | 'low';

export interface ForecastPoint {
  date: IsoDate;
  quantity: number;
  /** 80 % interval. */
  lower: number;
  upper: number;
  /** 95 % interval. */
  lower95: number;
  upper95: number;
  confidence: Confidence;
}

/** What moved a forecast, e.g. `{ name: 'day_of_week', label: 'saturday', effect: 0.18 }`. */
export interface ForecastFactor {
  name: 'day_of_week' | 'event' | 'price' | 'trend' | 'stock_outs' | 'new_product' | 'season';
  /** Relative change it makes (0.18 = +18 %); 0 for notes. */
  effect: number;
  /** The weekday or event it is about. */
  label?: string;
  /** Days it concerns (stock-out days left out, days of history). */
  days?: number;
  /** For `price`: how far the price moved (−0.1 = 10 % cheaper). */
  priceChange?: number;
  /** The forecast days it applies to (a weekday's date, an event's days within the horizon). */
  from?: string;
  to?: string;
  /** The same in plain English. */
  detail: string;
}

export interface ReorderRecommendation {
  /** Units to order now; 0 when stock covers the lead time and safety stock. */
  orderQuantity: number;
  leadTimeDays: number;
  /** Forecast demand over the lead time (at least one day). */
  expectedDemand: number;
  /** Extra stock so that `serviceLevel` of lead times end without running out. */
  safetyStock: number;
  serviceLevel: number;
  stockOnHand: number;
}

/** The design's forecast JSON, for one product. */
export interface Forecast {
  sku: string;
  generatedAt: string;
  model: string;
  forecast: ForecastPoint[];
  confidence_level: Confidence;
  explanation: string;
  factors: ForecastFactor[];
  recommendation: ReorderRecommendation;
  /** How the model did on the last weeks before the forecast (null for new products). */
  backtest: { mase: number | null; coverage80: number | null } | null;
  /** What cleaning changed in the history. */
  cleaning: { days: number; gaps: number; duplicates: number; negatives: number; stockOutDays: number; spikes: number };
}

/** A whole store's forecasts for one day: what the nightly (or an on-demand) batch produced. */
export interface StoreForecastRecord {
  storeId: string;
  /** The first forecast day (the store's local date when it ran). */
  date: string;
  generatedAt: string;
  horizon: number;
  forecasts: Forecast[];
  /** Products the engine could not forecast, and why. */
  failed: Array<{ sku: string; error: string }>;
  /** Seconds the batch took. */
  seconds: number;
}

/** Forecast-vs-actual of one product over a period (from the forecast and sales Parquet). */
export interface ForecastAccuracy {
  sku: string;
  /** Days with both a forecast and a reported actual. */
  days: number;
  mae: number;
  /** MAE over the mean absolute weekly change of the actuals (< 1 beats "same as last week"); null when sales never change. */
  mase: number | null;
  /** Mean absolute percentage error over days that sold something; null when none did. */
  mape: number | null;
  /** Mean forecast minus actual (positive: forecasts ran high). */
  bias: number;
  coverage80: number;
  coverage95: number;
}
