/**
 * Lease locks on the tables port: a conditional put that only succeeds when no live lease
 * exists. They work across processes on both adapters, and a crashed holder's lease expires.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { AppError, hasCode } from '../domain/errors.js';
import type { Table } from './tables.port.js';

export interface Lease {
  name: string;
  holder: string;
  expiresAt: number;
}

const expiry = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

/** Takes the lease if it is free; returns the holder token, or undefined when someone holds it. */
export async function tryAcquire(locks: Table<Lease>, name: string, leaseSeconds: number): Promise<string | undefined> {
  const holder = randomUUID();
  try {
    await locks.put({ name, holder, expiresAt: expiry(leaseSeconds) }, { condition: { notExists: true } });
    return holder;
  } catch (error) {
    if (hasCode(error, 'TABLES.CONDITION_FAILED')) return undefined;
    throw error;
  }
}

/** Extends a lease we hold; false when it was lost (expired and taken by another). */
export async function renew(locks: Table<Lease>, name: string, holder: string, leaseSeconds: number): Promise<boolean> {
  try {
    await locks.update({ name }, { expiresAt: expiry(leaseSeconds) }, { condition: { equals: { holder } } });
    return true;
  } catch (error) {
    if (hasCode(error, 'TABLES.CONDITION_FAILED')) return false;
    throw error;
  }
}

export async function release(locks: Table<Lease>, name: string, holder: string): Promise<void> {
  await locks.delete({ name }, { condition: { equals: { holder } } }).catch((error) => {
    if (!hasCode(error, 'TABLES.CONDITION_FAILED')) throw error;
  });
}

/** Runs `work` holding the lease, waiting for it up to `waitMs`. */
export async function withLock<R>(
  locks: Table<Lease>,
  name: string,
  work: () => Promise<R>,
  options: { leaseSeconds?: number; waitMs?: number } = {},
): Promise<R> {
  const leaseSeconds = options.leaseSeconds ?? 300;
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  let holder: string | undefined;
  for (let delay = 20; !(holder = await tryAcquire(locks, name, leaseSeconds)); delay = Math.min(delay * 2, 500)) {
    if (Date.now() > deadline) throw new AppError('LOCK.BUSY', `${name} is busy; try again shortly`, { status: 409, metadata: { lock: name } });
    await sleep(delay);
  }
  try {
    return await work();
  } finally {
    await release(locks, name, holder);
  }
}
