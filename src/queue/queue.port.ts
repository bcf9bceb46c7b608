/**
 * Job queues. BullMQ on Redis in production; an in-process queue with the same semantics for
 * the embedded demo. Handlers must be safe to run twice: a crash between finishing the work and
 * acknowledging the job runs it again.
 */
export interface JobOptions {
  /** A job with the id of one still known to the queue is not added again. */
  jobId?: string;
  delayMs?: number;
  /** Total tries, first run included (default 3). */
  attempts?: number;
  /** Base of the exponential backoff between tries (default 1000 ms). */
  backoffMs?: number;
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
  /** 1 on the first try. */
  attempt: number;
  /** Reports how far the job has got (0–100), for whoever polls its status. */
  progress(percent: number): Promise<void>;
}

export interface JobStatus<R = unknown> {
  id: string;
  name: string;
  state: 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';
  /** 0–100, as last reported by the handler. */
  progress: number;
  /** Tries made so far. */
  attempts: number;
  result?: R;
  error?: string;
  finishedAt?: string;
}

export interface EnqueuedJob<R> {
  id: string;
  /** Resolves with the handler's result, rejects with its final error or after `timeoutMs`. */
  result(timeoutMs: number): Promise<R>;
}

export interface FailedJob {
  id: string;
  name: string;
  data: unknown;
  attempts: number;
  error: string;
  failedAt: string;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export type JobHandler<T, R> = (job: Job<T>) => Promise<R>;

export interface JobQueue<T, R = void> {
  readonly name: string;
  add(name: string, data: T, options?: JobOptions): Promise<EnqueuedJob<R>>;
  /** Starts consuming jobs with `handler`. One consumer per queue per process. */
  process(handler: JobHandler<T, R>, options?: { concurrency?: number }): void;
  counts(): Promise<QueueCounts>;
  /** A job's state while the queue remembers it (finished jobs for an hour, failed ones for a week). */
  status(id: string): Promise<JobStatus<R> | undefined>;
  failed(limit?: number): Promise<FailedJob[]>;
  /** Runs a failed job again with a fresh set of tries; false when there is no failed job with this id. */
  retry(id: string): Promise<boolean>;
  /** Stops taking jobs, waits for the running ones to finish, and releases connections. */
  close(): Promise<void>;
}

/** At most `max` actions per `perMs`, shared by every process on the same backend. */
export interface RateLimiter {
  /** Resolves when one more action fits (waits if the current window is full). */
  take(): Promise<void>;
}

export interface QueueBackend {
  queue<T, R = void>(name: string): JobQueue<T, R>;
  rateLimiter(name: string, limit: { max: number; perMs: number }): RateLimiter;
  ping(): Promise<void>;
  /** Closes every queue it made. */
  close(): Promise<void>;
}

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 1000;

/** Delay before try `attempt + 1` after try `attempt` failed. */
export function backoffDelay(attempt: number, baseMs: number): number {
  return baseMs * 2 ** (attempt - 1);
}
