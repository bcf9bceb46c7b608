/**
 * CloudWatch metrics without an SDK: once a minute a log line in the embedded metric format
 * (EMF), which CloudWatch Logs turns into the metrics the alarms watch — `QueueDepth` and
 * `JobsFailed` per queue, `ForecastFailures`, `ExternalApiFailures` per source — in the
 * `BharatSense` namespace.
 */
import { QUEUES } from '../domain/jobs.js';
import type { Logger } from '../logger.js';
import type { QueueBackend } from '../queue/queue.port.js';
import type { Metrics } from './metrics.js';

export const EMF_NAMESPACE = 'BharatSense';

interface Emitted {
  dimensions: string[];
  values: Record<string, string | number>;
  metric: string;
  unit: 'Count';
}

/** One EMF document: the `_aws` directive and the values at the top level, as CloudWatch reads them. */
export function emfLine(at: number, entry: Emitted): Record<string, unknown> {
  return {
    _aws: { Timestamp: at, CloudWatchMetrics: [{ Namespace: EMF_NAMESPACE, Dimensions: [entry.dimensions], Metrics: [{ Name: entry.metric, Unit: entry.unit }] }] },
    ...entry.values,
  };
}

/** Sums of a counter by one label, as prom-client holds them. */
async function totals(counter: { get(): Promise<{ values: Array<{ value: number; labels: Record<string, string | number | undefined> }> }> }, label?: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const v of (await counter.get()).values) {
    const key = label ? String(v.labels[label] ?? 'unknown') : 'all';
    out.set(key, (out.get(key) ?? 0) + v.value);
  }
  return out;
}

export function startEmfPublisher(deps: { logger: Logger; queues: QueueBackend; metrics: Metrics }, intervalMs = 60_000): { publish(): Promise<void>; stop(): void } {
  const previous = new Map<string, number>();
  const delta = (key: string, total: number) => {
    const d = total - (previous.get(key) ?? 0);
    previous.set(key, total);
    return d;
  };
  const publish = async () => {
    const at = Date.now();
    const lines: Emitted[] = [];
    for (const queue of Object.values(QUEUES)) {
      const counts = await deps.queues.queue(queue).counts().catch(() => undefined);
      if (!counts) continue;
      lines.push({ dimensions: ['Queue'], values: { Queue: queue, QueueDepth: counts.waiting + counts.delayed }, metric: 'QueueDepth', unit: 'Count' });
      lines.push({ dimensions: ['Queue'], values: { Queue: queue, JobsFailed: delta(`failed:${queue}`, counts.failed) }, metric: 'JobsFailed', unit: 'Count' });
    }
    const forecasts = (await totals(deps.metrics.forecastFailures)).get('all') ?? 0;
    lines.push({ dimensions: [], values: { ForecastFailures: delta('forecast', forecasts) }, metric: 'ForecastFailures', unit: 'Count' });
    for (const [source, total] of await totals(deps.metrics.externalFailures, 'source')) {
      lines.push({ dimensions: ['Source'], values: { Source: source, ExternalApiFailures: delta(`external:${source}`, total) }, metric: 'ExternalApiFailures', unit: 'Count' });
    }
    for (const line of lines) deps.logger.info(emfLine(at, line), 'metrics');
  };
  const timer = setInterval(() => void publish().catch((error) => deps.logger.warn({ err: error }, 'metrics not published; next minute retries')), intervalMs);
  timer.unref();
  return { publish, stop: () => clearInterval(timer) };
}
