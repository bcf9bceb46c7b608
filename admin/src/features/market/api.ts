/** Market prices: commodities × markets with source and date (`GET /admin/market`). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface MarketQuote {
  commodity: string;
  level: 'retail' | 'wholesale';
  market: string;
  district?: string;
  state?: string;
  source: string;
  date: string;
  /** Rupees per unit (the modal price). */
  price: number;
  unit: 'kg' | 'litre';
}

export interface MarketTable {
  asOf: string | null;
  stale: boolean;
  items: MarketQuote[];
}

export function useMarket() {
  // One fetch of every commodity: the filter runs here, and its choices come from the same list.
  return useQuery({ queryKey: ['admin', 'market'], queryFn: ({ signal }) => api<MarketTable>('/admin/market', { signal }) });
}
