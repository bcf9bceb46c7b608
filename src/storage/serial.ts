/**
 * One-at-a-time, in-order processing of a conversation's pending messages, across any number
 * of workers and processes, without BullMQ Pro's groups.
 *
 * Every message has its own job, but a job first takes the conversation's lease; whoever holds
 * it works through the pending messages oldest first. A job that finds the lease taken simply
 * ends: the holder looks once more after letting go, so a message stored while it worked is
 * never stranded. If the holder dies, its lease expires and the sweeper starts a new drain.
 */
import { AppError } from '../domain/errors.js';
import { release, renew, tryAcquire, type Lease } from './lock.js';
import type { Table } from './tables.port.js';

export interface DrainOptions<T> {
  locks: Table<Lease>;
  lockName: string;
  leaseSeconds: number;
  /** The oldest item still waiting, or undefined. */
  next(): Promise<T | undefined>;
  /** Handles one item; must take it out of `next()` or throw. */
  work(item: T): Promise<void>;
}

export async function drainInOrder<T>(options: DrainOptions<T>): Promise<'drained' | 'busy'> {
  for (;;) {
    const holder = await tryAcquire(options.locks, options.lockName, options.leaseSeconds);
    if (!holder) return 'busy';
    let renewedAt = Date.now();
    try {
      for (let item = await options.next(); item !== undefined; item = await options.next()) {
        await options.work(item);
        // Most drains are one message long: renew only once half the lease has gone.
        if (Date.now() - renewedAt < (options.leaseSeconds * 1000) / 2) continue;
        if (!(await renew(options.locks, options.lockName, holder, options.leaseSeconds))) {
          // Our lease ran out mid-drain and another worker may be in: stop, and let the job retry.
          throw new AppError('LOCK.LOST', `Lost ${options.lockName} while draining`, { status: 503 });
        }
        renewedAt = Date.now();
      }
    } finally {
      await release(options.locks, options.lockName, holder);
    }
    // Someone may have stored an item and been turned away while we held the lease.
    if ((await options.next()) === undefined) return 'drained';
  }
}
