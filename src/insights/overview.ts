/**
 * The service at a glance, for the admin panel: today's questions and how fast they were
 * answered, which stores are active, what failed to reach owners, the queues, the language
 * models, and each store's forecast accuracy.
 */
import { addDays, todayIn } from '../domain/dates.js';
import { QUEUES } from '../domain/jobs.js';
import { summariseAccuracy } from '../engines/insights/index.js';
import type { QueueBackend } from '../queue/queue.port.js';
import type { SalesAnalytics } from '../storage/analytics.port.js';
import type { Repositories } from '../storage/repositories.js';
import { queryAll, scanAll } from '../storage/tables.port.js';

export interface OverviewDeps {
  repos: Repositories;
  analytics: SalesAnalytics;
  queues: QueueBackend;
  now?: () => Date;
}

const FAILED = new Set(['failed', 'undelivered']);

export async function serviceOverview(deps: OverviewDeps) {
  const now = deps.now?.() ?? new Date();
  const today = todayIn('Asia/Kolkata', now);
  // Midnight in India, as an ISO instant: the sort keys of today's records start after it.
  const dayStart = new Date(Date.parse(`${today}T00:00:00+05:30`)).toISOString();
  const weekStart = new Date(Date.parse(dayStart) - 6 * 86_400_000).toISOString();
  const stores = await scanAll(deps.repos.stores);

  let messagesToday = 0;
  let activeStores = 0;
  let templateReplies = 0;
  let outbound = 0;
  let failed = 0;
  const latencies: number[] = [];
  const llm = { calls: 0, fallbacks: 0, ungrounded: 0 };
  const accuracy = [];
  for (const store of stores) {
    const week = await queryAll(deps.repos.queryHistory, { partition: store.storeId, from: weekStart });
    if (week.length) activeStores++;
    for (const q of week.filter((r) => r.timestamp >= dayStart)) {
      messagesToday++;
      latencies.push(q.latencyMs);
      if (q.via === 'template' || q.via === undefined) templateReplies++;
    }
    for (const call of await queryAll(deps.repos.audit, { partition: store.storeId, from: dayStart })) {
      llm.calls++;
      if (call.fallback) llm.fallbacks++;
      if (call.outcome === 'ok' && call.grounding !== 'grounded') llm.ungrounded++;
    }
    // Newest first; stop at yesterday.
    for (let cursor: string | undefined, done = false; !done; ) {
      const page = await deps.repos.messages.query({ index: 'byStore', partition: store.storeId, descending: true, limit: 200, cursor });
      for (const m of page.items) {
        if (m.createdAt < dayStart) done = true;
        else if (m.direction === 'out' && m.channel !== 'web') {
          outbound++;
          if (FAILED.has(m.status)) failed++;
        }
      }
      cursor = page.cursor;
      done ||= !cursor;
    }
    const summary = summariseAccuracy(await deps.analytics.forecastAccuracy(store.storeId, { from: addDays(today, -28), to: addDays(today, -1) }));
    accuracy.push({ storeId: store.storeId, name: store.name, mase: summary?.mase ?? null, coverage80: summary?.coverage80 ?? null, days: summary?.days ?? 0 });
  }

  const queues = await Promise.all(Object.values(QUEUES).map(async (queue) => ({ queue, ...(await deps.queues.queue(queue).counts()) })));
  latencies.sort((a, b) => a - b);
  return {
    today,
    messagesToday,
    activeStores,
    replyP95Ms: latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(0.95 * latencies.length))]! : null,
    errorRate: outbound ? failed / outbound : 0,
    queues,
    failedJobs: queues.reduce((sum, q) => sum + q.failed, 0),
    llm: { ...llm, templateReplies },
    accuracy,
  };
}
