/** Wires the queues to the work: turns answer conversations, sends deliver their replies. */
import { drainTurns, type TurnDeps } from '../bot/index.js';
import { QUEUES, type SendJob, type TurnJob } from '../domain/jobs.js';
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
