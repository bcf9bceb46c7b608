import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../src/domain/jobs.js';
import { APP_NAMESPACE } from '../lib/constructs/compute.js';
import { THRESHOLDS } from '../lib/constructs/observability.js';
import { resourceNamed, resources, synth, type Synthesized } from './support/synth.js';

type Alarm = {
  AlarmName: string;
  Threshold: number;
  ComparisonOperator: string;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  AlarmActions: unknown[];
  Metrics?: Array<{ Id: string; Expression?: string; ReturnData?: boolean; MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions?: Array<{ Name: string; Value: unknown }> }; Stat: string } }>;
  Namespace?: string;
  MetricName?: string;
  ExtendedStatistic?: string;
};

describe('alarms and dashboard', () => {
  let dev: Synthesized;
  let alarms: Map<string, Alarm>;
  let topic: string;
  beforeAll(() => {
    dev = synth('dev');
    alarms = new Map(Object.values(resources(dev.template, 'AWS::CloudWatch::Alarm')).map((a) => [(a.Properties as unknown as Alarm).AlarmName, a.Properties as unknown as Alarm]));
    topic = resourceNamed(dev.template, 'AWS::SNS::Topic', 'ObservabilityAlarms').id;
  });

  const alarm = (name: string) => {
    const a = alarms.get(`bharatsense-dev-${name}`);
    if (!a) throw new Error(`no alarm ${name}`);
    expect(a.AlarmActions).toEqual([{ Ref: topic }]);
    expect(a.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    return a;
  };
  const appMetrics = (a: Alarm) => (a.Metrics ?? []).filter((m) => m.MetricStat).map((m) => m.MetricStat!.Metric);

  it('reads the namespace and metric names the app publishes (src/observability/emf.ts)', () => {
    const emf = readFileSync(new URL('../../src/observability/emf.ts', import.meta.url), 'utf8');
    expect(emf).toContain(`EMF_NAMESPACE = '${APP_NAMESPACE}'`);
    for (const metric of ['QueueDepth', 'JobsFailed', 'ForecastFailures', 'ExternalApiFailures']) expect(emf).toContain(`metric: '${metric}'`);
    expect(emf).toContain("dimensions: ['Queue']");
    expect(emf).toContain("dimensions: ['Source']");
  });

  it('alarms when 5 % of API requests fail (5xx from targets or the ALB over all requests)', () => {
    const a = alarm('api-5xx-rate');
    expect(a.Threshold).toBe(5);
    expect(THRESHOLDS.api5xxPercent).toBe(5);
    const expression = a.Metrics!.find((m) => m.ReturnData !== false)!.Expression!;
    expect(expression).toContain('100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests');
    expect(appMetrics(a).map((m) => m.MetricName).sort()).toEqual(['HTTPCode_ELB_5XX_Count', 'HTTPCode_Target_5XX_Count', 'RequestCount']);
    expect([a.EvaluationPeriods, a.DatapointsToAlarm]).toEqual([5, 3]);
  });

  it('alarms on the p99 target response time', () => {
    const a = alarm('api-p99-latency');
    expect(a).toMatchObject({ MetricName: 'TargetResponseTime', ExtendedStatistic: 'p99', Threshold: THRESHOLDS.apiP99Seconds });
  });

  it('alarms on failed jobs in every queue, forecast failures, external API failures and queue depth', () => {
    const jobs = alarm('jobs-failed');
    expect(appMetrics(jobs).map((m) => [m.Namespace, m.MetricName, m.Dimensions![0]!.Value])).toEqual(Object.values(QUEUES).map((q) => ['BharatSense', 'JobsFailed', q]));
    expect(jobs.Threshold).toBe(1);
    const forecasts = alarm('forecast-failures');
    expect(forecasts).toMatchObject({ Namespace: 'BharatSense', MetricName: 'ForecastFailures', Threshold: 1 });
    const external = alarm('external-api-failures');
    expect(appMetrics(external).map((m) => m.Dimensions![0]!.Value)).toEqual(['twilio', 'bedrock', 'agmarknet', 'dca_retail', 'dca_wholesale']);
    expect(external.Threshold).toBe(THRESHOLDS.externalApiFailures);
    const depth = alarm('queue-depth');
    expect(appMetrics(depth).every((m) => m.MetricName === 'QueueDepth')).toBe(true);
    expect(depth).toMatchObject({ Threshold: THRESHOLDS.queueDepth, EvaluationPeriods: 10 });
    expect(alarm('redis-memory')).toMatchObject({ MetricName: 'DatabaseMemoryUsagePercentage', Threshold: 80 });
  });

  it('sends alarms to an encrypted, TLS-only topic and draws one dashboard', () => {
    dev.template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'bharatsense-dev-alarms', KmsMasterKeyId: { 'Fn::GetAtt': [resourceNamed(dev.template, 'AWS::KMS::Key', 'KeysData').id, 'Arn'] } });
    const policy = Object.values(resources(dev.template, 'AWS::SNS::TopicPolicy'))[0]!.Properties.PolicyDocument as { Statement: Array<{ Effect: string; Condition?: unknown }> };
    expect(policy.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    dev.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});
