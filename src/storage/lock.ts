/**
 * A lease lock on the tables port: a conditional put that only succeeds when no live lease
 * exists. It works across processes on both adapters, and a crashed holder's lease expires.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { AppError, hasCode } from '../domain/errors.js';
import type { Table } from './tables.port.js';

export interface Lease {
  [key: string]: unknown;
  name: string;
  holder: string;
  expiresAt: number;
}

export async function withLock<R>(
  locks: Table<Lease>,
  name: string,
  work: () => Promise<R>,
  options: { leaseSeconds?: number; waitMs?: number } = {},
): Promise<R> {
  const holder = randomUUID();
  const leaseSeconds = options.leaseSeconds ?? 300;
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    try {
      await locks.put({ name, holder, expiresAt: Math.floor(Date.now() / 1000) + leaseSeconds }, { condition: { notExists: true } });
      break;
    } catch (error) {
      if (!hasCode(error, 'TABLES.CONDITION_FAILED')) throw error;
      if (Date.now() > deadline) {
        throw new AppError('LOCK.BUSY', `${name} is busy; try again shortly`, { status: 409, metadata: { lock: name } });
      }
      await sleep(delay);
    }
  }
  try {
    return await work();
  } finally {
    await locks.delete({ name }, { condition: { equals: { holder } } }).catch(() => undefined);
  }
}
