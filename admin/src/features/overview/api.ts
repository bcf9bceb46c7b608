/** The service today, across stores (`GET /admin/overview`). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { QueueCounts } from '../jobs/api';

export interface Overview {
  today: string;
  messagesToday: number;
  activeStores: number;
  replyP95Ms: number | null;
  /** Share (0–1) of today's outbound messages that failed. */
  errorRate: number;
  queues: QueueCounts[];
  failedJobs: number;
  llm: { calls: number; fallbacks: number; ungrounded: number; templateReplies: number };
  accuracy: { storeId: string; name: string; mase: number | null; coverage80: number | null; days: number }[];
}

export function useOverview() {
  return useQuery({
    queryKey: ['admin', 'overview'],
    queryFn: ({ signal }) => api<Overview>('/admin/overview', { signal }),
    // A dashboard left open should not go stale.
    refetchInterval: 60_000,
  });
}
