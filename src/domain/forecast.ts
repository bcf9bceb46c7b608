import type { IsoDate } from './dates.js';

export type Confidence = 'high' | 'medium' | 'low';

export interface ForecastPoint {
  date: IsoDate;
  quantity: number;
  /** 80 % interval. */
  lower: number;
  upper: number;
  confidence: Confidence;
}

/** What moved a forecast, e.g. `{ name: 'day_of_week', effect: '+18%' }`. */
export interface ForecastFactor {
  name: string;
  detail: string;
}

export interface ReorderRecommendation {
  /** Units to order now; 0 when stock covers the lead time and safety stock. */
  orderQuantity: number;
  leadTimeDays: number;
  expectedDemand: number;
  safetyStock: number;
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
}
