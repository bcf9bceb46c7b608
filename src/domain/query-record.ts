/** One answered question, kept 30 days (QueryHistory) for insights and the panel. */
export interface QueryRecord {
  storeId: string;
  /** ISO timestamp + message id, unique within the store. */
  timestamp: string;
  messageId: string;
  channel: string;
  query: string;
  intent: string;
  language: string;
  reply: string;
  /** `template`, or the model whose reply was sent. */
  via: string;
  latencyMs: number;
  /** Epoch seconds; the tables drop the record after this. */
  expiresAt: number;
}

export const QUERY_HISTORY_DAYS = 30;
