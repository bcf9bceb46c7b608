/**
 * The nightly forecast: every interval, each store whose local time is past the nightly hour
 * and whose batch for its local date is not on record gets one job. The job id names the store
 * and date, so schedulers in several processes queue it once; the record on the blob store
 * keeps it from running again once the queue has forgotten the job.
 */
import { todayIn } from '../domain/dates.js';
import { forecastJobId, QUEUES, type ForecastJob, type ForecastJobResult } from '../domain/jobs.js';
import type { ForecastService } from '../forecasting/service.js';
import type { QueueBackend } from '../queue/queue.port.js';
import type { Repositories } from '../storage/repositories.js';

export interface ForecastSchedule {
  /** One pass; returns the stores it queued. */
  check(): Promise<string[]>;
  stop(): void;
}

/** The hour of the day in a timezone. */
function localHour(timeZone: string, now: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
}

export function startForecastSchedule(
  repos: Repositories,
  queues: QueueBackend,
  forecasts: ForecastService,
  options: { intervalMs: number; hour: number; now?: () => Date; onError?: (error: unknown) => void },
): ForecastSchedule {
  const queue = queues.queue<ForecastJob, ForecastJobResult>(QUEUES.forecasts);
  const now = options.now ?? (() => new Date());
  const check = async () => {
    const queued: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repos.stores.scan({ limit: 100, ...(cursor ? { cursor } : {}) });
      for (const store of page.items) {
        const at = now();
        if (localHour(store.timezone, at) < options.hour) continue;
        const date = todayIn(store.timezone, at);
        if (await forecasts.hasBatch(store.storeId, date)) continue;
        await queue.add('nightly', { storeId: store.storeId, reason: 'nightly' }, { jobId: forecastJobId(store.storeId, `${date}-nightly`), attempts: 3, backoffMs: 30_000 });
        queued.push(store.storeId);
      }
      cursor = page.cursor;
    } while (cursor);
    return queued;
  };
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    check()
      .catch((error) => options.onError?.(error))
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  // Look once at start-up too: a process started at 3 am should not wait an interval.
  setImmediate(tick);
  return { check, stop: () => clearInterval(timer) };
}
