/**
 * Queues on Redis with BullMQ. Jobs survive process crashes: a job whose worker died is found
 * stalled and run again, so handlers are written to be safe to run twice.
 */
import { Queue, QueueEvents, UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
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
  type JobStatus,
  type QueueBackend,
  type QueueCounts,
  type RateLimiter,
} from '../queue.port.js';

export interface BullQueueOptions {
  url: string;
  /** Key prefix in Redis; tests use a random one per run. */
  prefix: string;
  /** How often a worker looks for jobs whose worker died (BullMQ default 30 s). */
  stalledIntervalMs?: number;
  /** How long a worker's lock on a job lasts without renewal (BullMQ default 30 s). */
  lockDurationMs?: number;
}

/** An add that Redis has not confirmed by then is reported as unavailable (the caller answers 5xx). */
const ADD_TIMEOUT_MS = 2000;
/** How long close() waits for running jobs before it lets go of Redis anyway. */
const CLOSE_GRACE_MS = 10_000;

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
    this.queue.on('error', () => undefined);
  }

  async add(name: string, data: T, options: JobOptions = {}): Promise<EnqueuedJob<R>> {
    const id = options.jobId ?? newId('job');
    const unavailable = (cause?: unknown) => new AppError('QUEUE.UNAVAILABLE', `Could not enqueue on ${this.name}`, { status: 503, cause, permanent: false });
    // BullMQ would wait for Redis to come back; a webhook cannot, so fail fast instead.
    if (this.backend.redisDown()) throw unavailable();
    const added = this.queue.add(name, data, {
      jobId: id,
      delay: options.delayMs,
      attempts: options.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
    // If it lands after the timeout, the job id keeps the caller's retry from doubling it.
    added.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([added, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('Redis did not confirm in time')), ADD_TIMEOUT_MS)))]);
    } catch (cause) {
      throw unavailable(cause);
    } finally {
      clearTimeout(timer);
    }
    return { id, result: (timeoutMs) => this.result(id, timeoutMs) };
  }

  process(handler: JobHandler<T, R>, options: { concurrency?: number } = {}): void {
    this.worker = new Worker(
      this.name,
      async (job: BullJob) => {
        try {
          const progress = (percent: number) => job.updateProgress(Math.max(0, Math.min(100, percent)));
          return await handler({ id: job.id!, name: job.name, data: job.data as T, attempt: job.attemptsMade + 1, progress });
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
        lockDuration: this.backend.options.lockDurationMs ?? 30_000,
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

  async status(id: string): Promise<JobStatus<R> | undefined> {
    const job = await this.queue.getJob(id);
    if (!job) return undefined;
    const state = await job.getState();
    const known: JobStatus['state'] =
      state === 'completed' || state === 'failed' || state === 'active' || state === 'delayed' ? state : 'waiting';
    return {
      id,
      name: job.name,
      state: known,
      progress: typeof job.progress === 'number' ? job.progress : 0,
      attempts: job.attemptsMade,
      ...(known === 'completed' ? { result: job.returnvalue as R } : {}),
      ...(known === 'failed' ? { error: job.failedReason } : {}),
      ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
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

  async retry(id: string): Promise<boolean> {
    const job = await this.queue.getJob(id);
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed', { resetAttemptsMade: true });
    return true;
  }

  async close(): Promise<void> {
    const graceful = (async () => {
      await this.worker?.close();
      await this.events?.close();
      await this.queue.close();
    })();
    graceful.catch(() => undefined);
    // With Redis gone there is nothing to drain into; otherwise give running jobs time to finish.
    const grace = this.backend.redisDown() ? 0 : CLOSE_GRACE_MS;
    const done = await Promise.race([graceful.then(() => true), sleep(grace).then(() => false)]);
    // Stop waiting: jobs left unfinished are found stalled and rerun by the next worker.
    if (!done) void this.worker?.close(true).catch(() => undefined);
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

/**
 * Fixed one-window counters in Redis (INCR + PEXPIRE): simple, shared by every process, and
 * at most `max` actions start in any window.
 */
class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly backend: BullQueueBackend,
    private readonly key: string,
    private readonly limit: { max: number; perMs: number },
  ) {}

  async take(): Promise<void> {
    const redis = await this.backend.ready();
    for (;;) {
      const now = Date.now();
      const window = Math.floor(now / this.limit.perMs);
      const key = `${this.key}:${window}`;
      const [[, count]] = (await redis.multi().incr(key).pexpire(key, this.limit.perMs * 2).exec()) as [[Error | null, number]];
      if (count <= this.limit.max) return;
      await sleep((window + 1) * this.limit.perMs - now);
    }
  }
}

export class BullQueueBackend implements QueueBackend {
  /** For commands: fails fast when Redis is down, so callers can answer 5xx instead of hanging. */
  readonly commands: Redis;
  private readonly queues = new Map<string, BullJobQueue<unknown, unknown>>();
  private readonly blocking: Redis[] = [];
  private connecting?: Promise<Redis>;

  constructor(readonly options: BullQueueOptions) {
    this.commands = new Redis(options.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
    this.commands.on('error', () => undefined);
  }

  /** True while the connection is known to be lost (not merely still connecting). */
  redisDown(): boolean {
    return ['close', 'reconnecting', 'end'].includes(this.commands.status);
  }

  /** Workers and event listeners block on Redis and must retry forever (BullMQ requires it). */
  blockingConnection(): Redis {
    const extra: RedisOptions = { maxRetriesPerRequest: null };
    const connection = new Redis(this.options.url, extra);
    connection.on('error', () => undefined);
    this.blocking.push(connection);
    return connection;
  }

  rateLimiter(name: string, limit: { max: number; perMs: number }): RateLimiter {
    return new RedisRateLimiter(this, `${this.options.prefix}:ratelimit:${name}`, limit);
  }

  /** The command connection once it is up; QUEUE.UNAVAILABLE if it does not come up in time. */
  ready(timeoutMs = ADD_TIMEOUT_MS): Promise<Redis> {
    if (this.commands.status === 'ready') return Promise.resolve(this.commands);
    if (this.redisDown()) return Promise.reject(new AppError('QUEUE.UNAVAILABLE', 'Redis is not reachable', { status: 503 }));
    // Every caller waiting for the connection shares one listener.
    this.connecting ??= new Promise<Redis>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.commands.off('ready', onReady);
        reject(new AppError('QUEUE.UNAVAILABLE', 'Redis is not reachable', { status: 503 }));
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve(this.commands);
      };
      this.commands.once('ready', onReady);
    }).finally(() => (this.connecting = undefined));
    return this.connecting;
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
    for (const connection of [...this.blocking, this.commands]) {
      if (connection.status === 'ready') await connection.quit().catch(() => connection.disconnect());
      else connection.disconnect();
    }
  }
}
