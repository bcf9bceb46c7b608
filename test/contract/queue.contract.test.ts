/** One contract for the queue port: in-process, and BullMQ on the real Redis. */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { BullQueueBackend } from '../../src/queue/bullmq/bullmq-queue.adapter.js';
import { MemoryQueueBackend } from '../../src/queue/memory/memory-queue.adapter.js';
import type { QueueBackend } from '../../src/queue/queue.port.js';
import { deletePrefix, randomPrefix, REDIS_URL } from '../support/redis.js';

const adapters: Array<{ name: string; start: () => { backend: QueueBackend; cleanup: () => Promise<void> } }> = [
  { name: 'in-process', start: () => ({ backend: new MemoryQueueBackend(), cleanup: async () => {} }) },
  {
    name: 'bullmq (redis)',
    start: () => {
      const prefix = randomPrefix('queue');
      return { backend: new BullQueueBackend({ url: REDIS_URL, prefix }), cleanup: () => deletePrefix(prefix) };
    },
  },
];

/** Polls until `check` holds; the contract is about what happens, not how fast. */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe.each(adapters)('queue contract: $name', ({ start }) => {
  let backend: QueueBackend;
  let cleanup: () => Promise<void>;
  beforeEach(() => ({ backend, cleanup } = start()));
  afterEach(async () => {
    await backend.close();
    await cleanup();
  });

  it('runs a job and hands its result to whoever waits for it', async () => {
    const queue = backend.queue<{ text: string }, string>('echo');
    queue.process(async (job) => `${job.name}: ${job.data.text.toUpperCase()}`);
    const job = await queue.add('shout', { text: 'kal kitna doodh?' });
    expect(await job.result(5000)).toBe('shout: KAL KITNA DOODH?');
  });

  it('reports how far a job has got while it runs, then its result or its error', async () => {
    const queue = backend.queue<{ fail: boolean }, { done: number }>('progress');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    queue.process(async (job) => {
      await job.progress(40);
      await gate;
      if (job.data.fail) throw new AppError('FORECAST.NO_DATA', 'no sales uploaded', { status: 422 });
      await job.progress(100);
      return { done: 3 };
    });
    const ok = await queue.add('generate', { fail: false }, { jobId: 'forecast-1' });
    await until(async () => (await queue.status('forecast-1'))?.progress === 40);
    expect(await queue.status('forecast-1')).toMatchObject({ id: 'forecast-1', name: 'generate', state: 'active', progress: 40 });
    release();
    await ok.result(5000);
    expect(await queue.status('forecast-1')).toMatchObject({ state: 'completed', progress: 100, result: { done: 3 }, attempts: 1 });

    const bad = await queue.add('generate', { fail: true }, { jobId: 'forecast-2' });
    await expect(bad.result(5000)).rejects.toThrow(/no sales/);
    expect(await queue.status('forecast-2')).toMatchObject({ state: 'failed', error: 'no sales uploaded' });
    expect(await queue.status('no-such-job')).toBeUndefined();
  });

  it('retries a failing job with growing backoff until it succeeds', async () => {
    const queue = backend.queue<null, number>('flaky');
    const attempts: Array<{ attempt: number; at: number }> = [];
    queue.process(async (job) => {
      attempts.push({ attempt: job.attempt, at: Date.now() });
      if (job.attempt < 3) throw new Error('redis hiccup');
      return job.attempt;
    });
    const job = await queue.add('work', null, { attempts: 3, backoffMs: 100 });
    expect(await job.result(10_000)).toBe(3);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    // Exponential: at least 100 ms, then at least 200 ms between tries.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(90);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(190);
  });

  it('gives up after the last attempt and lists the job as failed', async () => {
    const queue = backend.queue<{ n: number }>('doomed');
    let runs = 0;
    queue.process(async () => {
      runs++;
      throw new Error('always broken');
    });
    const job = await queue.add('work', { n: 1 }, { attempts: 2, backoffMs: 20 });
    await expect(job.result(10_000)).rejects.toThrow(/always broken/);
    expect(runs).toBe(2);
    const failed = await queue.failed();
    expect(failed).toEqual([expect.objectContaining({ id: job.id, name: 'work', data: { n: 1 }, attempts: 2, error: 'always broken' })]);
    expect((await queue.counts()).failed).toBe(1);
  });

  it('runs a failed job again when asked, with a fresh set of tries', async () => {
    const queue = backend.queue<{ n: number }, string>('retried');
    let broken = true;
    let runs = 0;
    queue.process(async () => {
      runs++;
      if (broken) throw new Error('supplier feed down');
      return 'done';
    });
    const job = await queue.add('work', { n: 1 }, { attempts: 2, backoffMs: 20 });
    await expect(job.result(10_000)).rejects.toThrow(/supplier feed down/);
    broken = false;
    expect(await queue.retry(job.id)).toBe(true);
    await eventuallyState(queue, job.id, 'completed');
    expect(runs).toBe(3);
    expect(await queue.failed()).toEqual([]);
    expect(await queue.retry(job.id)).toBe(false);
    expect(await queue.retry('no-such-job')).toBe(false);
  });

  it('does not retry a permanent error', async () => {
    const queue = backend.queue<null>('bad-input');
    let runs = 0;
    queue.process(async () => {
      runs++;
      throw new AppError('INGEST.BAD_ROW', 'row 3: quantity is negative', { status: 422 });
    });
    const job = await queue.add('work', null, { attempts: 5, backoffMs: 10 });
    await expect(job.result(10_000)).rejects.toThrow(/quantity is negative/);
    await sleep(100);
    expect(runs).toBe(1);
  });

  it('adds a job id once, even when added concurrently or again after it finished', async () => {
    const queue = backend.queue<{ copy: number }, number>('dedup');
    const seen: number[] = [];
    queue.process(async (job) => {
      seen.push(job.data.copy);
      return job.data.copy;
    });
    const added = await Promise.all([1, 2, 3, 4, 5].map((copy) => queue.add('msg', { copy }, { jobId: 'SM123' })));
    expect(new Set(added.map((j) => j.id))).toEqual(new Set(['SM123']));
    const first = await added[0]!.result(5000);
    await queue.add('msg', { copy: 6 }, { jobId: 'SM123' });
    await sleep(200);
    expect(seen).toEqual([first]);
  });

  it('holds a delayed job back until its time', async () => {
    const queue = backend.queue<null>('later');
    const ran: number[] = [];
    queue.process(async () => void ran.push(Date.now()));
    const addedAt = Date.now();
    const job = await queue.add('reminder', null, { delayMs: 400 });
    await sleep(150);
    expect(ran).toEqual([]);
    expect((await queue.counts()).delayed).toBe(1);
    await job.result(10_000);
    expect(ran[0]! - addedAt).toBeGreaterThanOrEqual(390);
  });

  it('runs jobs one at a time at concurrency 1, side by side at concurrency 3', async () => {
    for (const concurrency of [1, 3]) {
      const queue = backend.queue<null>(`parallel-${concurrency}`);
      let running = 0;
      let peak = 0;
      queue.process(
        async () => {
          peak = Math.max(peak, ++running);
          await sleep(60);
          running--;
        },
        { concurrency },
      );
      const jobs = await Promise.all(Array.from({ length: 6 }, () => queue.add('work', null)));
      await Promise.all(jobs.map((j) => j.result(10_000)));
      expect(peak).toBe(concurrency);
    }
  });

  it('counts waiting jobs before anyone consumes them', async () => {
    const queue = backend.queue<{ i: number }>('backlog');
    for (let i = 0; i < 3; i++) await queue.add('work', { i });
    expect(await queue.counts()).toMatchObject({ waiting: 3, active: 0, failed: 0 });
  });

  it('closes gracefully: the running job finishes first', async () => {
    const queue = backend.queue<null, string>('graceful');
    let finished = false;
    let started = false;
    queue.process(async () => {
      started = true;
      await sleep(300);
      finished = true;
      return 'done';
    });
    await queue.add('slow', null);
    await until(() => started);
    await queue.close();
    expect(finished).toBe(true);
  });

  it('rate-limits actions across windows without dropping any', async () => {
    const limiter = backend.rateLimiter(`limit-${Math.random()}`, { max: 5, perMs: 200 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 11 }, () => limiter.take()));
    // Eleven actions at five per window need at least three windows: two boundaries crossed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('times out a wait without losing the job', async () => {
    const queue = backend.queue<null, string>('slowpoke');
    queue.process(async () => (await sleep(500), 'eventually'));
    const job = await queue.add('work', null);
    await expect(job.result(50)).rejects.toMatchObject({ code: 'QUEUE.TIMEOUT' });
    expect(await job.result(5000)).toBe('eventually');
  });
});

async function eventuallyState(queue: { status(id: string): Promise<{ state: string } | undefined> }, id: string, state: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await queue.status(id))?.state !== state) {
    if (Date.now() > deadline) throw new Error(`job ${id} never reached ${state}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
