/** Daily sales, the store's total or one product's (`GET /store/sales`). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { storeKey } from './profile';

export interface SalesSeries {
  from: string;
  to: string;
  sku?: string;
  /** One row per day, days without sales included. */
  series: { date: string; units: number; revenue: number }[];
}

export function useSales(storeId: string, range: { from: string; to: string; sku?: string | undefined }, enabled = true) {
  return useQuery({
    queryKey: [...storeKey(storeId), 'sales', range],
    queryFn: ({ signal }) => api<SalesSeries>('/store/sales', { storeId, signal, query: range }),
    enabled,
  });
}
