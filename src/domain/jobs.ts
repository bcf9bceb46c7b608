/** Queue names and job payloads, shared by whoever enqueues and whoever works. */
export const QUEUES = {
  /**
   * "Answer what this conversation has waiting", queued once per inbound message (job id = the
   * message id, so a retried webhook adds nothing) and by the sweeper for stragglers.
   */
  turns: 'turns',
  /** "Send what this conversation has queued", once per reply (job id = the reply's id). */
  sends: 'sends',
  /** "Forecast this store's products", nightly per store or on request (`POST /forecast/generate`). */
  forecasts: 'forecasts',
  /** "Fetch market prices now", every 6 hours; spikes it finds alert the owners they concern. */
  prices: 'prices',
} as const;

export interface TurnJob {
  conversationId: string;
}

/** Tries per send; the delay doubles from the queue's default base. */
export const SEND_ATTEMPTS = 5;

export interface SendJob {
  conversationId: string;
}

export interface ForecastJob {
  storeId: string;
  reason: 'nightly' | 'request';
}

export interface ForecastJobResult {
  storeId: string;
  date: string;
  products: number;
  failed: number;
  seconds: number;
}

/** Job ids carry the store, so a caller may only look up its own store's jobs. */
export function forecastJobId(storeId: string, suffix: string): string {
  return `forecast-${storeId}-${suffix}`;
}

export interface PriceRefreshJob {
  reason: 'schedule' | 'request';
}

export interface PriceRefreshResult {
  ok: string[];
  failed: Array<{ source: string; error: string }>;
  spikes: number;
  alerts: number;
}
