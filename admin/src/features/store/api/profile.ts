/** The store and its catalogue (`GET /store/profile`), and editing one product (`PATCH /store/products/{sku}`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';

export interface Product {
  sku: string;
  name: string;
  unit: 'piece' | 'packet' | 'kg' | 'g' | 'litre' | 'ml' | 'dozen' | 'box' | 'bottle';
  /** Rupees per unit. */
  price: number;
  stock: number;
  leadTimeDays: number;
  category: string;
  /** The built-in product it maps to (`milk`, `tur_dal`), or null. */
  canonical: string | null;
  /** What owners call it in chat. Not in the profile yet; the PATCH answer has it. */
  aliases?: string[];
}

export interface StoreProfile {
  storeId: string;
  name: string;
  city: string;
  state: string;
  language: string;
  timezone: string;
  serviceLevel: number;
  targetMargin: number;
  products: Product[];
}

export interface ProductChange {
  price?: number;
  stock?: number;
  leadTimeDays?: number;
  aliases?: string[];
}

/** The product's settings after a change. */
export interface ProductSettings {
  sku: string;
  leadTimeDays: number;
  stock: number;
  price: number;
  aliases: string[];
}

export const storeKey = (storeId: string) => ['store', storeId] as const;

export function useStoreProfile(storeId: string) {
  return useQuery({ queryKey: [...storeKey(storeId), 'profile'], queryFn: ({ signal }) => api<StoreProfile>('/store/profile', { storeId, signal }) });
}

export function useUpdateProduct(storeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sku, change }: { sku: string; change: ProductChange }) =>
      api<ProductSettings>(`/store/products/${encodeURIComponent(sku)}`, { method: 'PATCH', body: change, storeId }),
    onSuccess: (settings) => {
      queryClient.setQueryData<StoreProfile>([...storeKey(storeId), 'profile'], (profile) =>
        profile && { ...profile, products: profile.products.map((p) => (p.sku === settings.sku ? { ...p, ...settings } : p)) },
      );
      // Stock and price feed the order advice and the price positions.
      void queryClient.invalidateQueries({ queryKey: [...storeKey(storeId), 'forecast'] });
      void queryClient.invalidateQueries({ queryKey: [...storeKey(storeId), 'prices'] });
    },
  });
}
