/** Wires the queues to the work: turns answer conversations, sends deliver their replies, forecasts run store batches. */
import { drainTurns, type TurnDeps } from '../bot/index.js';
import { QUEUES, type ForecastJob, type ForecastJobResult, type SendJob, type TurnJob } from '../domain/jobs.js';
import type { ForecastService } from '../forecasting/service.js';
import { drainSends, type DeliveryDeps } from '../messaging/delivery.js';
import type { QueueBackend } from '../queue/queue.port.js';
import { addDays } from '../domain/dates.js';
import { summariseAccuracy } from '../engines/insights/index.js';
import type { Metrics } from '../observability/metrics.js';
import type { SalesAnalytics } from '../storage/analytics.port.js';

export interface WorkerOptions {
  turnConcurrency: number;
  sendConcurrency: number;
}

export function startWorkers(queues: QueueBackend, turns: TurnDeps, sends: DeliveryDeps, options: WorkerOptions): void {
  queues.queue<TurnJob>(QUEUES.turns).process((job) => drainTurns(turns, job.data.conversationId), { concurrency: options.turnConcurrency });
  queues.queue<SendJob>(QUEUES.sends).process((job) => drainSends(sends, job.data.conversationId), { concurrency: options.sendConcurrency });
}

/**
 * Whole-store forecast batches, one at a time per process (each already uses the worker
 * threads). After each, the store's accuracy over the last four weeks goes to /metrics.
 */
export function startForecastWorker(queues: QueueBackend, forecasts: ForecastService, observe?: { metrics: Metrics; analytics: SalesAnalytics }): void {
  queues.queue<ForecastJob, ForecastJobResult>(QUEUES.forecasts).process(async (job) => {
    let record;
    try {
      // Progress is a courtesy to whoever polls; a failed update must not fail the batch.
      record = await forecasts.generate(job.data.storeId, (percent) => job.progress(percent).catch(() => undefined));
    } catch (error) {
      observe?.metrics.forecastFailures.inc({ kind: 'batch' });
      throw error;
    }
    if (observe) {
      observe.metrics.forecastFailures.inc({ kind: 'product' }, record.failed.length);
      const to = addDays(record.date, -1);
      const accuracy = summariseAccuracy(await observe.analytics.forecastAccuracy(record.storeId, { from: addDays(to, -27), to }).catch(() => []));
      if (accuracy?.mase != null) observe.metrics.forecastMase.set({ store: record.storeId }, accuracy.mase);
      if (accuracy?.mape != null) observe.metrics.forecastMape.set({ store: record.storeId }, accuracy.mape);
    }
    return { storeId: record.storeId, date: record.date, products: record.forecasts.length, failed: record.failed.length, seconds: record.seconds };
  });
}
