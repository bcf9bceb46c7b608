/** The language-model audit log, newest first (`GET /admin/audit`): no prompts, no replies, no PII. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface AuditEntry {
  storeId: string;
  /** `<ISO time>#<message id>[#<call number>]`. */
  timestamp: string;
  messageId: string;
  intent: string;
  language: string;
  model: string;
  promptHash: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  outcome: string;
  fallback: boolean;
  grounding?: string;
  ungrounded?: number[];
  sent: boolean;
  expiresAt: number;
}

export function useAuditLog(storeId: string, limit = 100) {
  return useQuery({
    queryKey: ['admin', 'audit', storeId, limit],
    queryFn: ({ signal }) => api<{ entries: AuditEntry[] }>('/admin/audit', { signal, query: { storeId, limit } }),
  });
}
