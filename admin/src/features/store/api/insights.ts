/** The store at a glance (`GET /insights`, schemas/insights.ts). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { storeKey } from './profile';
import type { PricePosition } from './prices';

interface Mover {
  sku: string;
  name: string;
  lastWeek: number;
  weekBefore: number;
  change: number;
}

export interface StoreInsights {
  today: string;
  topMovers: { up: Mover[]; down: Mover[] };
  stockOutRisk: { sku: string; name: string; stock: number; daysOfCover: number; leadTimeDays: number; orderQuantity: number }[];
  slowMovers: { sku: string; name: string; stock: number; soldLast28Days: number; daysOfCover: number | null }[];
  upcomingFestivals: { festival: string; start: string; peak: string; daysAway: number }[];
  priceAlerts: { sku: string; name: string; position: PricePosition; anomalies: string[]; suggestedPrice: number | null; asOf: string; stale: boolean }[];
  accuracy: unknown;
}

export function useInsights(storeId: string) {
  return useQuery({ queryKey: [...storeKey(storeId), 'insights'], queryFn: ({ signal }) => api<StoreInsights>('/insights', { storeId, signal }) });
}
