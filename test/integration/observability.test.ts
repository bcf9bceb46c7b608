/**
 * What operators watch: Prometheus metrics per route and pipeline stage, queue depths, model
 * calls; request ids on every answer; and the CloudWatch EMF lines the alarms are built on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { createLogger } from '../../src/logger.js';
import { startEmfPublisher } from '../../src/observability/emf.js';
import { Metrics } from '../../src/observability/metrics.js';
import { MemoryQueueBackend } from '../../src/queue/memory/memory-queue.adapter.js';
import { startApp, type Harness } from '../support/app-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startApp({ METRICS_TOKEN: 'scrape-me' });
});
afterAll(() => h?.stop());

describe('GET /metrics', () => {
  it('needs its token, then shows latency per route template and per pipeline stage, and the queues', async () => {
    const chat = await h.api('/api/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'how much milk tomorrow?' }) });
    expect(chat.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await h.api('/api/v1/forecast/MILK-500');
    expect((await fetch(`${h.app.url}/metrics`)).status).toBe(401);
    const text = await (await fetch(`${h.app.url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } })).text();
    expect(text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/chat",status="200"\} 1/);
    // One series for every SKU, not one per SKU.
    expect(text).toContain('route="/api/v1/forecast/:sku"');
    expect(text).not.toContain('MILK-500');
    expect(text).toMatch(/pipeline_stage_duration_seconds_count\{stage="reply",channel="web"\} [1-9]/);
    expect(text).toMatch(/pipeline_stage_duration_seconds_count\{stage="queue_wait",channel="web"\} [1-9]/);
    expect(text).toMatch(/queue_jobs\{queue="turns",state="waiting"\} 0/);
    expect(text).toContain('process_cpu_seconds_total');
  });
});

describe('CloudWatch embedded metrics', () => {
  it('publishes queue depth, failed jobs and failure counts as EMF lines, counting each failure once', async () => {
    const queues = new MemoryQueueBackend();
    const metrics = new Metrics(queues);
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    const turns = queues.queue<{ n: number }>('turns');
    turns.process(async () => {
      throw new AppError('BROKEN', 'always', { permanent: true });
    });
    await turns.add('t', { n: 1 }).then((job) => job.result(5000)).catch(() => undefined);
    await turns.add('t', { n: 2 }, { delayMs: 60_000 });
    metrics.externalFailures.inc({ source: 'twilio' }, 2);
    metrics.forecastFailures.inc({ kind: 'batch' });
    const emf = startEmfPublisher({ logger, queues, metrics }, 3_600_000);
    try {
      await emf.publish();
      const find = (metric: string, dim?: [string, string]) => lines.find((l) => metric in l && (!dim || l[dim[0]] === dim[1]));
      const depth = find('QueueDepth', ['Queue', 'turns'])!;
      expect(depth.QueueDepth).toBe(1);
      expect(depth._aws).toMatchObject({ CloudWatchMetrics: [{ Namespace: 'BharatSense', Dimensions: [['Queue']], Metrics: [{ Name: 'QueueDepth', Unit: 'Count' }] }] });
      expect(find('JobsFailed', ['Queue', 'turns'])!.JobsFailed).toBe(1);
      expect(find('ExternalApiFailures', ['Source', 'twilio'])!.ExternalApiFailures).toBe(2);
      expect(find('ForecastFailures')!.ForecastFailures).toBe(1);
      lines.length = 0;
      await emf.publish();
      // Nothing new failed: the next minute reports zero, not the running total.
      expect(find('JobsFailed', ['Queue', 'turns'])!.JobsFailed).toBe(0);
      expect(find('ExternalApiFailures', ['Source', 'twilio'])!.ExternalApiFailures).toBe(0);
    } finally {
      emf.stop();
      await queues.close();
    }
  });
});
