/** Wires the queues to the work: turns answer conversations, sends deliver their replies, forecasts run store batches. */
import { drainTurns, type TurnDeps } from '../bot/index.js';
import { QUEUES, type ForecastJob, type ForecastJobResult, type SendJob, type TurnJob } from '../domain/jobs.js';
import type { ForecastService } from '../forecasting/service.js';
import { drainSends, type DeliveryDeps } from '../messaging/delivery.js';
import type { QueueBackend } from '../queue/queue.port.js';

export interface WorkerOptions {
  turnConcurrency: number;
  sendConcurrency: number;
}

export function startWorkers(queues: QueueBackend, turns: TurnDeps, sends: DeliveryDeps, options: WorkerOptions): void {
  queues.queue<TurnJob>(QUEUES.turns).process((job) => drainTurns(turns, job.data.conversationId), { concurrency: options.turnConcurrency });
  queues.queue<SendJob>(QUEUES.sends).process((job) => drainSends(sends, job.data.conversationId), { concurrency: options.sendConcurrency });
}

/** Whole-store forecast batches, one at a time per process (each already uses the worker threads). */
export function startForecastWorker(queues: QueueBackend, forecasts: ForecastService): void {
  queues.queue<ForecastJob, ForecastJobResult>(QUEUES.forecasts).process(async (job) => {
    // Progress is a courtesy to whoever polls; a failed update must not fail the batch.
    const record = await forecasts.generate(job.data.storeId, (percent) => job.progress(percent).catch(() => undefined));
    return { storeId: record.storeId, date: record.date, products: record.forecasts.length, failed: record.failed.length, seconds: record.seconds };
  });
}
