/** Queue depths, failed jobs and their retry (`/admin/queues`, `/admin/jobs/failed`, `POST /admin/jobs/{queue}/{jobId}/retry`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface QueueCounts {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface FailedJob {
  queue: string;
  id: string;
  name: string;
  data: unknown;
  attempts: number;
  error: string;
  failedAt: string;
}

export function useQueues() {
  return useQuery({ queryKey: ['admin', 'jobs', 'queues'], queryFn: ({ signal }) => api<{ queues: QueueCounts[] }>('/admin/queues', { signal }) });
}

export function useFailedJobs() {
  return useQuery({ queryKey: ['admin', 'jobs', 'failed'], queryFn: ({ signal }) => api<{ jobs: FailedJob[] }>('/admin/jobs/failed', { signal }) });
}

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (job: Pick<FailedJob, 'queue' | 'id'>) =>
      api<{ queue: string; jobId: string; state: 'waiting' }>(`/admin/jobs/${encodeURIComponent(job.queue)}/${encodeURIComponent(job.id)}/retry`, { method: 'POST' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['admin', 'jobs'] });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'overview'] });
    },
  });
}
