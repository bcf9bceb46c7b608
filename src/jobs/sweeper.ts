/**
 * The safety net under the queues: messages are stored before they are queued, so if a job is
 * lost (Redis restarted without persistence, a 503 to a webhook, a worker that died holding a
 * conversation) the stored message still says it is waiting. Every interval the sweeper queues
 * a drain for each conversation whose oldest waiting message is older than `afterMs`.
 */
import { QUEUES, SEND_ATTEMPTS, type SendJob, type TurnJob } from '../domain/jobs.js';
import type { PendingKind } from '../domain/message.js';
import type { QueueBackend } from '../queue/queue.port.js';
import { conversationsWithStalePending } from '../storage/message-queries.js';
import type { Repositories } from '../storage/repositories.js';

export interface Sweeper {
  /** One pass; returns how many drains it queued. */
  sweep(): Promise<number>;
  stop(): void;
}

export function startSweeper(
  repos: Repositories,
  queues: QueueBackend,
  options: { intervalMs: number; afterMs: number; onError?: (error: unknown) => void },
): Sweeper {
  const targets: Record<PendingKind, string> = { turn: QUEUES.turns, send: QUEUES.sends };
  const sweep = async () => {
    let queued = 0;
    // The job id changes each interval, so a drain that ran already does not block this one.
    const round = Math.floor(Date.now() / options.intervalMs);
    for (const kind of ['turn', 'send'] as const) {
      const queue = queues.queue<TurnJob | SendJob>(targets[kind]);
      for (const conversationId of await conversationsWithStalePending(repos, kind, Date.now() - options.afterMs)) {
        await queue.add(`sweep-${kind}`, { conversationId }, { jobId: `sweep-${kind}-${conversationId}-${round}`, attempts: kind === 'send' ? SEND_ATTEMPTS : undefined });
        queued++;
      }
    }
    return queued;
  };
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweep()
      .catch((error) => options.onError?.(error))
      .finally(() => (running = false));
  }, options.intervalMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
