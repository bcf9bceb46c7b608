/**
 * Market prices on the queue: a refresh every 6 hours (one job per window, however many
 * processes schedule it), and alerts for the spikes a refresh finds, to the owners of the
 * stores that sell that commodity in that state (or anywhere, for a national spike). An alert
 * is sent once per store, commodity and spike day; outside WhatsApp's 24-hour window it goes
 * as the approved `price_alert` template.
 */
import { queueNotification, translator } from '../bot/index.js';
import { formatRupees } from '../bot/format.js';
import { INTL_LOCALE } from '../bot/i18n.js';
import { QUEUES, type PriceRefreshJob, type PriceRefreshResult } from '../domain/jobs.js';
import { commodityOf } from '../engines/prices/index.js';
import type { MarketData, MarketSpike } from '../market/service.js';
import type { Metrics } from '../observability/metrics.js';
import type { QueueBackend } from '../queue/queue.port.js';
import type { Repositories } from '../storage/repositories.js';
import { queryAll, scanAll } from '../storage/tables.port.js';

/** Tells the owners a spike concerns; returns how many alerts were queued. */
export async function alertOwners(repos: Repositories, queues: QueueBackend, spikes: readonly MarketSpike[]): Promise<number> {
  if (spikes.length === 0) return 0;
  let queued = 0;
  for (const store of await scanAll(repos.stores)) {
    const products = await queryAll(repos.products, { partition: store.storeId });
    for (const spike of spikes) {
      if (spike.scope !== 'IN' && spike.scope !== store.state) continue;
      // A state figure speaks for the store better than the national one: skip the national alert then.
      if (spike.scope === 'IN' && spikes.some((s) => s.scope === store.state && s.commodity === spike.commodity)) continue;
      const product = products.find((p) => commodityOf(p) === spike.commodity);
      if (!product) continue;
      const owners = (await queryAll(repos.users, { index: 'byStore', partition: store.storeId })).filter((u) => u.role === 'owner');
      for (const owner of owners) {
        const t = await translator(owner.language);
        const change = new Intl.NumberFormat(INTL_LOCALE[owner.language], { style: 'percent', maximumFractionDigits: 0 }).format(spike.change);
        const text = t('price.alert', { product: product.name, change, weeks: spike.weeks, count: spike.weeks, price: formatRupees(product.price) });
        const sent = await queueNotification(repos, queues, {
          id: `note_price_${store.storeId}_${spike.commodity}_${spike.date}_${owner.userId}`,
          userId: owner.userId,
          text,
          template: { name: 'price_alert', variables: { '1': product.name, '2': change, '3': String(spike.weeks) } },
          intent: 'price_alert',
        });
        if (sent) queued++;
      }
    }
  }
  return queued;
}

export function startPriceWorker(queues: QueueBackend, repos: Repositories, market: MarketData, metrics?: Metrics): void {
  queues.queue<PriceRefreshJob, PriceRefreshResult>(QUEUES.prices).process(async () => {
    const result = await market.refresh();
    for (const { source } of result.failed) metrics?.externalFailures.inc({ source });
    const alerts = await alertOwners(repos, queues, result.spikes);
    return { ok: result.ok, failed: result.failed, spikes: result.spikes.length, alerts };
  });
}

export interface PriceSchedule {
  /** Queues this window's refresh (once per window across processes). */
  check(): Promise<void>;
  stop(): void;
}

export function startPriceSchedule(queues: QueueBackend, options: { intervalMs: number; onError?: (error: unknown) => void }): PriceSchedule {
  const queue = queues.queue<PriceRefreshJob, PriceRefreshResult>(QUEUES.prices);
  const check = async () => {
    const window = Math.floor(Date.now() / options.intervalMs);
    await queue.add('refresh', { reason: 'schedule' }, { jobId: `prices-${window}`, attempts: 3, backoffMs: 60_000 });
  };
  const tick = () => void check().catch((error) => options.onError?.(error));
  // Checked more often than the interval, so a window missed while Redis was away is caught up soon.
  const timer = setInterval(tick, Math.max(1000, Math.min(options.intervalMs, 5 * 60_000)));
  timer.unref();
  setImmediate(tick);
  return { check, stop: () => clearInterval(timer) };
}
