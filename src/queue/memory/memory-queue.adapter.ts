/**
 * Queues inside the process, for the embedded demo and tests: the BullMQ semantics that the
 * app relies on (retries with exponential backoff, job-id dedup, delays, permanent failures,
 * graceful close) without Redis. Jobs live in memory: what is waiting when the process dies is
 * gone, so callers keep the source of truth (the stored message) in tables.
 */
import { AppError, isPermanent } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import {
  backoffDelay,
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
import { setTimeout as sleep } from 'node:timers/promises';

type State = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

interface Entry<T, R> {
  id: string;
  name: string;
  data: T;
  attempt: number;
  attempts: number;
  backoffMs: number;
  state: State;
  result?: R;
  error?: unknown;
  finishedAt?: number;
  progress: number;
  timer?: NodeJS.Timeout;
}

/** How long finished jobs are remembered (a re-added id is still recognised), as the BullMQ adapter keeps them. */
const KEEP = { completed: { ms: 60 * 60 * 1000, count: 10_000 }, failed: { ms: 7 * 24 * 60 * 60 * 1000, count: 10_000 } };

export class MemoryQueue<T, R = void> implements JobQueue<T, R> {
  private readonly entries = new Map<string, Entry<T, R>>();
  private readonly waiting: string[] = [];
  private readonly finished = { completed: [] as string[], failed: [] as string[] };
  private readonly listeners = new Map<string, Array<(entry: Entry<T, R>) => void>>();
  private handler?: JobHandler<T, R>;
  private concurrency = 1;
  private active = 0;
  private closed = false;
  private idle?: () => void;

  constructor(readonly name: string) {}

  async add(name: string, data: T, options: JobOptions = {}): Promise<EnqueuedJob<R>> {
    if (this.closed) throw new AppError('QUEUE.CLOSED', `Queue ${this.name} is closed`, { status: 503 });
    const id = options.jobId ?? newId('job');
    if (!this.entries.has(id)) {
      const entry: Entry<T, R> = {
        id,
        name,
        // A copy, as Redis would hold: the caller mutating its object later changes nothing.
        data: structuredClone(data),
        attempt: 0,
        attempts: options.attempts ?? DEFAULT_ATTEMPTS,
        backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
        state: 'waiting',
        progress: 0,
      };
      this.entries.set(id, entry);
      if (options.delayMs && options.delayMs > 0) this.delay(entry, options.delayMs);
      else this.enqueue(entry);
    }
    return { id, result: (timeoutMs) => this.result(id, timeoutMs) };
  }

  process(handler: JobHandler<T, R>, options: { concurrency?: number } = {}): void {
    this.handler = handler;
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.pump();
  }

  async counts(): Promise<QueueCounts> {
    const counts: QueueCounts = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
    for (const entry of this.entries.values()) counts[entry.state]++;
    return counts;
  }

  async status(id: string): Promise<JobStatus<R> | undefined> {
    const e = this.entries.get(id);
    if (!e) return undefined;
    return {
      id: e.id,
      name: e.name,
      state: e.state,
      progress: e.progress,
      attempts: e.attempt,
      ...(e.state === 'completed' ? { result: structuredClone(e.result) as R } : {}),
      ...(e.state === 'failed' ? { error: e.error instanceof Error ? e.error.message : String(e.error) } : {}),
      ...(e.finishedAt ? { finishedAt: new Date(e.finishedAt).toISOString() } : {}),
    };
  }

  async failed(limit = 50): Promise<FailedJob[]> {
    return [...this.entries.values()]
      .filter((e) => e.state === 'failed')
      .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))
      .slice(0, limit)
      .map((e) => ({
        id: e.id,
        name: e.name,
        data: e.data,
        attempts: e.attempt,
        error: e.error instanceof Error ? e.error.message : String(e.error),
        failedAt: new Date(e.finishedAt ?? 0).toISOString(),
      }));
  }

  async retry(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry || entry.state !== 'failed' || this.closed) return false;
    const order = this.finished.failed;
    order.splice(order.indexOf(id), 1);
    Object.assign(entry, { attempt: 0, error: undefined, finishedAt: undefined, progress: 0 });
    this.enqueue(entry);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    if (this.active > 0) await new Promise<void>((resolve) => (this.idle = resolve));
  }

  private result(id: string, timeoutMs: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const settle = (entry: Entry<T, R>) => {
        clearTimeout(timer);
        if (entry.state === 'completed') resolve(entry.result as R);
        else reject(entry.error);
      };
      const timer = setTimeout(() => {
        this.listeners.set(id, (this.listeners.get(id) ?? []).filter((l) => l !== settle));
        reject(new AppError('QUEUE.TIMEOUT', `Job ${id} did not finish within ${timeoutMs} ms`, { status: 504, metadata: { jobId: id } }));
      }, timeoutMs);
      const entry = this.entries.get(id);
      if (entry && (entry.state === 'completed' || entry.state === 'failed')) return settle(entry);
      this.listeners.set(id, [...(this.listeners.get(id) ?? []), settle]);
    });
  }

  private enqueue(entry: Entry<T, R>): void {
    entry.state = 'waiting';
    this.waiting.push(entry.id);
    this.pump();
  }

  private delay(entry: Entry<T, R>, ms: number): void {
    entry.state = 'delayed';
    entry.timer = setTimeout(() => this.enqueue(entry), ms);
  }

  private pump(): void {
    while (this.handler && !this.closed && this.active < this.concurrency && this.waiting.length > 0) {
      const entry = this.entries.get(this.waiting.shift()!);
      if (entry) void this.run(entry, this.handler);
    }
  }

  private async run(entry: Entry<T, R>, handler: JobHandler<T, R>): Promise<void> {
    this.active++;
    entry.state = 'active';
    entry.attempt++;
    try {
      const progress = async (percent: number) => {
        entry.progress = Math.max(0, Math.min(100, percent));
      };
      entry.result = await handler({ id: entry.id, name: entry.name, data: entry.data, attempt: entry.attempt, progress });
      this.finish(entry, 'completed');
    } catch (error) {
      entry.error = error;
      if (isPermanent(error) || entry.attempt >= entry.attempts || this.closed) this.finish(entry, 'failed');
      else this.delay(entry, backoffDelay(entry.attempt, entry.backoffMs));
    } finally {
      this.active--;
      if (this.closed && this.active === 0) this.idle?.();
      this.pump();
    }
  }

  private finish(entry: Entry<T, R>, state: 'completed' | 'failed'): void {
    entry.state = state;
    entry.finishedAt = Date.now();
    for (const listener of this.listeners.get(entry.id) ?? []) listener(entry);
    this.listeners.delete(entry.id);
    const order = this.finished[state];
    order.push(entry.id);
    const cutoff = Date.now() - KEEP[state].ms;
    while (order.length > KEEP[state].count || (order.length > 0 && (this.entries.get(order[0]!)?.finishedAt ?? 0) < cutoff)) {
      this.entries.delete(order.shift()!);
    }
  }
}

/** A sliding window of recent action times. */
class MemoryRateLimiter implements RateLimiter {
  private readonly times: number[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly limit: { max: number; perMs: number }) {}

  take(): Promise<void> {
    // One taker at a time, so waiters keep their order.
    const turn = this.chain.then(async () => {
      for (;;) {
        const now = Date.now();
        while (this.times.length && this.times[0]! <= now - this.limit.perMs) this.times.shift();
        if (this.times.length < this.limit.max) {
          this.times.push(now);
          return;
        }
        await sleep(this.times[0]! + this.limit.perMs - now);
      }
    });
    this.chain = turn.catch(() => undefined);
    return turn;
  }
}

export class MemoryQueueBackend implements QueueBackend {
  private readonly queues = new Map<string, MemoryQueue<unknown, unknown>>();
  private readonly limiters = new Map<string, RateLimiter>();

  rateLimiter(name: string, limit: { max: number; perMs: number }): RateLimiter {
    let limiter = this.limiters.get(name);
    if (!limiter) this.limiters.set(name, (limiter = new MemoryRateLimiter(limit)));
    return limiter;
  }

  queue<T, R = void>(name: string): JobQueue<T, R> {
    let queue = this.queues.get(name);
    if (!queue) this.queues.set(name, (queue = new MemoryQueue<unknown, unknown>(name)));
    return queue as unknown as JobQueue<T, R>;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
