/** Forecasts (schemas/forecast.ts): the store's batch, one product's with words, and accuracy. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { storeKey } from './profile';

export type Confidence = 'high' | 'medium' | 'low';

export interface ForecastPoint {
  date: string;
  quantity: number;
  /** 80 % interval. */
  lower: number;
  upper: number;
  /** 95 % interval. */
  lower95: number;
  upper95: number;
  confidence: Confidence;
}

/** What moved a forecast: a weekday, a festival, a price change, a trend… */
export interface ForecastFactor {
  name: 'day_of_week' | 'event' | 'price' | 'trend' | 'stock_outs' | 'new_product' | 'season';
  /** Relative change it makes (0.18 = +18 %); 0 for notes. */
  effect: number;
  label?: string;
  days?: number;
  priceChange?: number;
  from?: string;
  to?: string;
  detail: string;
}

export interface ReorderRecommendation {
  orderQuantity: number;
  leadTimeDays: number;
  expectedDemand: number;
  safetyStock: number;
  serviceLevel: number;
  stockOnHand: number;
}

export interface Forecast {
  sku: string;
  generatedAt: string;
  model: string;
  forecast: ForecastPoint[];
  confidence_level: Confidence;
  explanation: string;
  factors: ForecastFactor[];
  recommendation: ReorderRecommendation;
  backtest: { mase: number | null; coverage80: number | null } | null;
  cleaning: { days: number; gaps: number; duplicates: number; negatives: number; stockOutDays: number; spikes: number };
}

export interface ProductForecast extends Forecast {
  language: string;
  recommendation: ReorderRecommendation & { text: string };
}

export interface StoreForecastBatch {
  storeId: string;
  date: string;
  generatedAt: string;
  horizon: number;
  forecasts: Forecast[];
  failed: { sku: string; error: string }[];
  seconds: number;
}

interface AccuracyFields {
  days: number;
  mae: number;
  mase: number | null;
  mape: number | null;
  bias: number;
  coverage80: number;
  coverage95: number;
}

export interface AccuracyReport {
  storeId: string;
  from: string;
  to: string;
  step: number;
  overall: (AccuracyFields & { products: number }) | null;
  products: (AccuracyFields & { sku: string })[];
}

export function useStoreForecast(storeId: string) {
  return useQuery({
    queryKey: [...storeKey(storeId), 'forecast', 'store'],
    queryFn: ({ signal }) => api<StoreForecastBatch>('/forecast/store', { storeId, signal }),
  });
}

export function useProductForecast(storeId: string, sku: string | undefined, language: string) {
  return useQuery({
    queryKey: [...storeKey(storeId), 'forecast', 'product', sku, language],
    queryFn: ({ signal }) => api<ProductForecast>(`/forecast/${encodeURIComponent(sku!)}`, { storeId, signal, query: { horizon: 14, lang: language } }),
    enabled: Boolean(sku),
  });
}

export function useAccuracy(storeId: string) {
  return useQuery({
    queryKey: [...storeKey(storeId), 'forecast', 'accuracy'],
    queryFn: ({ signal }) => api<AccuracyReport>('/forecast/accuracy', { storeId, signal }),
  });
}
