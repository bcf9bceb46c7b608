/** Wires the queues to the work: turns answer messages, sends deliver replies. */
import { runTurn, type TurnDeps } from '../bot/index.js';
import { QUEUES, SEND_ATTEMPTS, type SendJob, type TurnJob, type TurnResult } from '../domain/jobs.js';
import type { OutboundChannel } from '../messaging/outbound.port.js';
import type { QueueBackend } from '../queue/queue.port.js';
import { sendReply } from './send-reply.js';

export interface WorkerOptions {
  turnConcurrency: number;
  sendConcurrency: number;
}

export function startWorkers(queues: QueueBackend, deps: TurnDeps & { outbound: OutboundChannel }, options: WorkerOptions): void {
  queues.queue<TurnJob, TurnResult>(QUEUES.turns).process((job) => runTurn(deps, job.data.messageId), { concurrency: options.turnConcurrency });
  queues
    .queue<SendJob>(QUEUES.sends)
    .process((job) => sendReply(deps.repos, deps.outbound, job.data.messageId, job.attempt, SEND_ATTEMPTS), { concurrency: options.sendConcurrency });
}
