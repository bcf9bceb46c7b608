/** Every product's price against the market near the store (`GET /prices`, schemas/prices.ts). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { storeKey } from './profile';

export type PricePosition = 'well_below' | 'below' | 'slightly_below' | 'at_market' | 'slightly_above' | 'above' | 'well_above';

export interface PriceReport {
  sku: string;
  name: string;
  commodity: string;
  current_price: number;
  price_per_unit: number;
  unit: 'kg' | 'litre';
  market_avg: number;
  market_range: [number, number];
  basis: 'retail' | 'wholesale_estimate';
  wholesale_avg: number | null;
  scope: 'district' | 'state' | 'national';
  position: PricePosition;
  margin: { on_cost: number; on_wholesale: number | null };
  recommendation: {
    action: 'keep' | 'lower' | 'raise' | 'review_cost';
    suggested_price: number | null;
    margin_at_suggested: number | null;
    vs_market_at_suggested: number | null;
    target_margin: number;
    reason: string;
  };
  anomalies: { kind: string; change: number; detail: string }[];
  sources: { name: string; market: string; date: string }[];
  as_of: string;
  stale: boolean;
}

export interface PriceList {
  items: PriceReport[];
  unmapped: { sku: string; name: string; reason: 'no_commodity' | 'no_pack_size' | 'no_market_data' }[];
}

export function usePrices(storeId: string) {
  return useQuery({ queryKey: [...storeKey(storeId), 'prices'], queryFn: ({ signal }) => api<PriceList>('/prices', { storeId, signal }) });
}
