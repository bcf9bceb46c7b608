/**
 * Queues on Redis with BullMQ. Jobs survive process crashes: a job whose worker died is found
 * stalled and run again, so handlers are written to be safe to run twice.
 */
import { Queue, QueueEvents, UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { AppError, isPermanent } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  type EnqueuedJob,
  type FailedJob,
  type JobHandler,
  type JobOptions,
  type JobQueue,
  type QueueBackend,
  type QueueCounts,
} from '../queue.port.js';

export interface BullQueueOptions {
  url: string;
  /** Key prefix in Redis; tests use a random one per run. */
  prefix: string;
  /** How often a worker looks for jobs whose worker died (BullMQ default 30 s). */
  stalledIntervalMs?: number;
}

/** Same retention as the in-process adapter: finished ids stay known for dedup this long. */
const KEEP_COMPLETED = { age: 60 * 60, count: 10_000 };
const KEEP_FAILED = { age: 7 * 24 * 60 * 60, count: 10_000 };

class BullJobQueue<T, R> implements JobQueue<T, R> {
  private readonly queue: Queue;
  private worker?: Worker;
  private events?: QueueEvents;

  constructor(
    readonly name: string,
    private readonly backend: BullQueueBackend,
  ) {
    this.queue = new Queue(name, { connection: backend.commands, prefix: backend.options.prefix });
  }

  async add(name: string, data: T, options: JobOptions = {}): Promise<EnqueuedJob<R>> {
    const id = options.jobId ?? newId('job');
    try {
      await this.queue.add(name, data, {
        jobId: id,
        delay: options.delayMs,
        attempts: options.attempts ?? DEFAULT_ATTEMPTS,
        backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      });
    } catch (cause) {
      throw new AppError('QUEUE.UNAVAILABLE', `Could not enqueue on ${this.name}`, { status: 503, cause, permanent: false });
    }
    return { id, result: (timeoutMs) => this.result(id, timeoutMs) };
  }

  process(handler: JobHandler<T, R>, options: { concurrency?: number } = {}): void {
    this.worker = new Worker(
      this.name,
      async (job: BullJob) => {
        try {
          return await handler({ id: job.id!, name: job.name, data: job.data as T, attempt: job.attemptsMade + 1 });
        } catch (error) {
          // BullMQ skips the remaining attempts only for its own UnrecoverableError.
          if (isPermanent(error)) throw new UnrecoverableError((error as Error).message);
          throw error;
        }
      },
      {
        connection: this.backend.blockingConnection(),
        prefix: this.backend.options.prefix,
        concurrency: options.concurrency ?? 1,
        stalledInterval: this.backend.options.stalledIntervalMs ?? 30_000,
      },
    );
    // Failures are recorded in the failed set; the event only needs a listener so it is not an unhandled error.
    this.worker.on('error', () => undefined);
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
      completed: c.completed ?? 0,
    };
  }

  async failed(limit = 50): Promise<FailedJob[]> {
    const jobs = await this.queue.getFailed(0, limit - 1);
    return jobs.map((job) => ({
      id: job.id!,
      name: job.name,
      data: job.data,
      attempts: job.attemptsMade,
      error: job.failedReason,
      failedAt: new Date(job.finishedOn ?? job.timestamp).toISOString(),
    }));
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.events?.close();
    await this.queue.close();
  }

  private async result(id: string, timeoutMs: number): Promise<R> {
    if (!this.events) {
      this.events = new QueueEvents(this.name, { connection: this.backend.blockingConnection(), prefix: this.backend.options.prefix });
      this.events.on('error', () => undefined);
      await this.events.waitUntilReady();
    }
    const job = await this.queue.getJob(id);
    if (!job) throw new AppError('QUEUE.UNKNOWN_JOB', `Job ${id} is not known`, { status: 404 });
    try {
      return (await job.waitUntilFinished(this.events, timeoutMs)) as R;
    } catch (error) {
      if (/timed out/i.test((error as Error).message)) {
        throw new AppError('QUEUE.TIMEOUT', `Job ${id} did not finish within ${timeoutMs} ms`, { status: 504, metadata: { jobId: id } });
      }
      throw error;
    }
  }
}

export class BullQueueBackend implements QueueBackend {
  /** For commands: fails fast when Redis is down, so callers can answer 5xx instead of hanging. */
  readonly commands: Redis;
  private readonly queues = new Map<string, BullJobQueue<unknown, unknown>>();
  private readonly blocking: Redis[] = [];

  constructor(readonly options: BullQueueOptions) {
    this.commands = new Redis(options.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
    this.commands.on('error', () => undefined);
  }

  /** Workers and event listeners block on Redis and must retry forever (BullMQ requires it). */
  blockingConnection(): Redis {
    const extra: RedisOptions = { maxRetriesPerRequest: null };
    const connection = new Redis(this.options.url, extra);
    connection.on('error', () => undefined);
    this.blocking.push(connection);
    return connection;
  }

  queue<T, R = void>(name: string): JobQueue<T, R> {
    let queue = this.queues.get(name);
    if (!queue) this.queues.set(name, (queue = new BullJobQueue<unknown, unknown>(name, this)));
    return queue as unknown as JobQueue<T, R>;
  }

  async ping(): Promise<void> {
    await this.commands.ping();
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await Promise.all(this.blocking.map((c) => c.quit().catch(() => c.disconnect())));
    await this.commands.quit().catch(() => this.commands.disconnect());
  }
}
