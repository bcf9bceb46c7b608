/** Every store, searchable by name, city, state or id (`GET /admin/stores?q=`). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface StoreSummary {
  storeId: string;
  name: string;
  city: string;
  state: string;
  language: string;
  createdAt: string;
}

export function useStores(search: string) {
  return useQuery({
    queryKey: ['admin', 'stores', search],
    queryFn: ({ signal }) => api<{ items: StoreSummary[] }>('/admin/stores', { query: { q: search.trim() }, signal }),
    // Keep the last list on screen while the next search runs.
    placeholderData: keepPreviousData,
  });
}
