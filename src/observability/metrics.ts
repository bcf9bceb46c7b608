/**
 * Prometheus metrics (`GET /metrics`): request latency per route, the message pipeline's stages,
 * queue depths and failed jobs, language-model calls, fallbacks and grounding rejections,
 * external API failures, forecast failures and accuracy. Histograms carry the buckets that
 * p50/p95/p99 are read from (`histogram_quantile`).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QUEUES } from '../domain/jobs.js';
import type { LlmCall } from '../domain/llm.js';
import type { QueueBackend } from '../queue/queue.port.js';

/** Seconds: from a fast route (1 ms) to a slow model call (10 s). */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];

export type PipelineStage = 'queue_wait' | 'turn' | 'reply' | 'send';

export class Metrics {
  readonly registry = new Registry();
  readonly http = new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP requests by route template', labelNames: ['method', 'route', 'status'], buckets: BUCKETS, registers: [this.registry] });
  readonly stages = new Histogram({ name: 'pipeline_stage_duration_seconds', help: 'Message pipeline: queue wait, turn, inbound→reply, provider send', labelNames: ['stage', 'channel'], buckets: BUCKETS, registers: [this.registry] });
  readonly llmCalls = new Counter({ name: 'llm_calls_total', help: 'Language-model calls by model and outcome', labelNames: ['model', 'outcome', 'fallback'], registers: [this.registry] });
  readonly llmLatency = new Histogram({ name: 'llm_call_duration_seconds', help: 'Language-model call latency', labelNames: ['model'], buckets: BUCKETS, registers: [this.registry] });
  readonly groundingRejections = new Counter({ name: 'llm_grounding_rejections_total', help: 'Model answers not sent (invented number, wrong language, too long, empty)', labelNames: ['verdict'], registers: [this.registry] });
  readonly externalFailures = new Counter({ name: 'external_api_failures_total', help: 'Failed calls to Twilio, Bedrock, data.gov.in, DCA', labelNames: ['source'], registers: [this.registry] });
  readonly forecastFailures = new Counter({ name: 'forecast_failures_total', help: 'Forecast batches or products that failed', labelNames: ['kind'], registers: [this.registry] });
  readonly forecastMase = new Gauge({ name: 'forecast_mase', help: 'Forecast MASE over the last 28 days, per store', labelNames: ['store'], registers: [this.registry] });
  readonly forecastMape = new Gauge({ name: 'forecast_mape', help: 'Forecast MAPE over the last 28 days, per store', labelNames: ['store'], registers: [this.registry] });

  constructor(queues?: QueueBackend) {
    collectDefaultMetrics({ register: this.registry });
    if (!queues) return;
    // Read on each scrape: the queue backend is the truth, not a counter kept here.
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const queue of Object.values(QUEUES)) {
          const counts = await queues.queue(queue).counts().catch(() => undefined);
          if (!counts) continue;
          for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.set({ queue, state }, counts[state]);
        }
      },
    });
  }

  stage(stage: PipelineStage, channel: string, ms: number): void {
    this.stages.observe({ stage, channel }, ms / 1000);
  }

  llm(call: LlmCall): void {
    this.llmCalls.inc({ model: call.model, outcome: call.outcome, fallback: String(call.fallback) });
    if (call.outcome !== 'circuit_open') this.llmLatency.observe({ model: call.model }, call.latencyMs / 1000);
    if (call.outcome !== 'ok' && call.outcome !== 'circuit_open' && call.outcome !== 'rejected') this.externalFailures.inc({ source: 'bedrock' });
    if (call.outcome === 'ok' && call.grounding && call.grounding !== 'grounded') this.groundingRejections.inc({ verdict: call.grounding });
  }
}
