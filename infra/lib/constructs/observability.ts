/**
 * What tells the team something is wrong: alarms to an SNS topic (e-mail when `-c alarmEmail=`
 * is given) and one dashboard. ALB and Redis metrics come from AWS; the app's own metrics come
 * from its EMF log lines (src/observability/emf.ts) in the `BharatSense` namespace:
 *   QueueDepth{Queue}, JobsFailed{Queue}, ForecastFailures, ExternalApiFailures{Source}.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { QUEUES } from '../../../src/domain/jobs.js';
import type { StageSettings } from '../stage.js';
import type { AppService } from './app-service.js';
import { APP_NAMESPACE, queueDepth, totalQueueDepth } from './compute.js';

/** Thresholds, named so the tests and the runbook read the same numbers. */
export const THRESHOLDS = {
  /** Share of API requests answered 5xx (target or ALB), in percent, over a minute. */
  api5xxPercent: 5,
  /** p99 of the ALB's target response time: the design's chat budget is 3 s. */
  apiP99Seconds: 3,
  /** Jobs that exhausted their retries (a reply not sent, a forecast not made) in 5 minutes. */
  jobsFailed: 1,
  /** Forecast batches or products that failed in an hour. */
  forecastFailures: 1,
  /** Failed calls to Twilio, Bedrock, data.gov.in, DCA in 5 minutes (single failures are retried). */
  externalApiFailures: 10,
  /** Jobs waiting over all queues for 10 minutes: the workers are not keeping up. */
  queueDepth: 500,
  /** Redis memory in use, percent: with noeviction a full Redis refuses new jobs. */
  redisMemoryPercent: 80,
} as const;

/** The sources the app counts external failures for (src/observability/metrics.ts labels). */
export const EXTERNAL_SOURCES = ['twilio', 'bedrock', 'agmarknet', 'dca_retail', 'dca_wholesale'] as const;

const appMetric = (metricName: string, dimensionsMap: Record<string, string> = {}, period = Duration.minutes(5)) =>
  new cloudwatch.Metric({ namespace: APP_NAMESPACE, metricName, dimensionsMap, statistic: 'Sum', period });

/** The sum of one app metric over the values of one dimension (alarms cannot SEARCH). */
function sumOver(metricName: string, dimension: string, values: readonly string[], label: string, period = Duration.minutes(5)): cloudwatch.MathExpression {
  const usingMetrics = Object.fromEntries(values.map((v, i) => [`m${i}`, appMetric(metricName, { [dimension]: v }, period)]));
  return new cloudwatch.MathExpression({ expression: values.map((_, i) => `FILL(m${i}, 0)`).join(' + '), usingMetrics, label, period });
}

export interface ObservabilityProps {
  settings: StageSettings;
  key: kms.Key;
  alb: elbv2.ApplicationLoadBalancer;
  targetGroup: elbv2.ApplicationTargetGroup;
  api: AppService;
  worker: AppService;
  redis: elasticache.CfnReplicationGroup;
}

export class Observability extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { settings, alb, targetGroup } = props;
    this.topic = new sns.Topic(this, 'Alarms', { topicName: `${settings.prefix}-alarms`, masterKey: props.key, enforceSSL: true });
    // CloudWatch publishes alarms to the encrypted topic with the key.
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsToTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    if (settings.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(settings.alarmEmail));

    const albMetrics = alb.metrics;
    const requests = albMetrics.requestCount({ period: Duration.minutes(1), statistic: 'Sum' });
    const target5xx = targetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period: Duration.minutes(1), statistic: 'Sum' });
    const elb5xx = albMetrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { period: Duration.minutes(1), statistic: 'Sum' });
    const errorRate = new cloudwatch.MathExpression({
      expression: 'IF(requests > 0, 100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests, 0)',
      usingMetrics: { requests, target5xx, elb5xx },
      label: 'API 5xx (%)',
      period: Duration.minutes(1),
    });
    const p99 = targetGroup.metrics.targetResponseTime({ period: Duration.minutes(1), statistic: 'p99' });
    const jobsFailed = sumOver('JobsFailed', 'Queue', Object.values(QUEUES), 'Jobs failed');
    const forecastFailures = appMetric('ForecastFailures', {}, Duration.hours(1));
    const externalFailures = sumOver('ExternalApiFailures', 'Source', EXTERNAL_SOURCES, 'External API failures');
    const waiting = totalQueueDepth();
    const redisMemory = new cloudwatch.Metric({
      namespace: 'AWS/ElastiCache',
      metricName: 'DatabaseMemoryUsagePercentage',
      dimensionsMap: { ReplicationGroupId: props.redis.ref },
      statistic: 'Maximum',
      period: Duration.minutes(5),
    });

    const alarm = (name: string, metric: cloudwatch.IMetric, threshold: number, description: string, evaluationPeriods: number, datapointsToAlarm = evaluationPeriods) => {
      const a = new cloudwatch.Alarm(this, name, {
        alarmName: `${settings.prefix}-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods,
        datapointsToAlarm,
        // No data is no traffic or no failures, not an emergency.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(new actions.SnsAction(this.topic));
      a.addOkAction(new actions.SnsAction(this.topic));
      this.alarms.push(a);
      return a;
    };
    alarm('api-5xx-rate', errorRate, THRESHOLDS.api5xxPercent, `More than ${THRESHOLDS.api5xxPercent} % of API requests failed with 5xx (3 of 5 minutes)`, 5, 3);
    alarm('api-p99-latency', p99, THRESHOLDS.apiP99Seconds, `API p99 response time at or above ${THRESHOLDS.apiP99Seconds} s (3 of 5 minutes)`, 5, 3);
    alarm('jobs-failed', jobsFailed, THRESHOLDS.jobsFailed, 'A job exhausted its retries: a reply not sent or a forecast not made (see the panel\'s Jobs page)', 1);
    alarm('forecast-failures', forecastFailures, THRESHOLDS.forecastFailures, 'Forecast batches or products failed in the last hour', 1);
    alarm('external-api-failures', externalFailures, THRESHOLDS.externalApiFailures, `${THRESHOLDS.externalApiFailures}+ failed calls to Twilio, Bedrock, data.gov.in or DCA in 5 minutes, twice running`, 2);
    alarm('queue-depth', waiting, THRESHOLDS.queueDepth, `${THRESHOLDS.queueDepth}+ jobs waiting for 10 minutes: workers are not keeping up`, 10);
    alarm('redis-memory', redisMemory, THRESHOLDS.redisMemoryPercent, `Redis memory at ${THRESHOLDS.redisMemoryPercent} %: with noeviction a full Redis refuses new jobs`, 2);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `${settings.prefix}`, defaultInterval: Duration.hours(6) });
    const service = (s: AppService, what: 'cpu' | 'memory') =>
      what === 'cpu' ? s.service.metricCpuUtilization({ period: Duration.minutes(1) }) : s.service.metricMemoryUtilization({ period: Duration.minutes(1) });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'API requests', left: [requests], width: 8 }),
      new cloudwatch.GraphWidget({ title: 'API 5xx (%)', left: [errorRate], leftAnnotations: [{ value: THRESHOLDS.api5xxPercent, label: 'alarm' }], width: 8 }),
      new cloudwatch.GraphWidget({ title: 'API p99 response (s)', left: [p99], leftAnnotations: [{ value: THRESHOLDS.apiP99Seconds, label: 'alarm' }], width: 8 }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Jobs waiting by queue', left: Object.values(QUEUES).map(queueDepth), width: 8 }),
      new cloudwatch.GraphWidget({ title: 'Jobs failed / forecast failures', left: [jobsFailed], right: [forecastFailures], width: 8 }),
      new cloudwatch.GraphWidget({ title: 'External API failures by source', left: EXTERNAL_SOURCES.map((s) => appMetric('ExternalApiFailures', { Source: s })), width: 8 }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'CPU (%)', left: [service(props.api, 'cpu'), service(props.worker, 'cpu')], width: 8 }),
      new cloudwatch.GraphWidget({ title: 'Memory (%)', left: [service(props.api, 'memory'), service(props.worker, 'memory')], width: 8 }),
      new cloudwatch.GraphWidget({ title: 'Redis memory (%)', left: [redisMemory], width: 8 }),
    );
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }));
  }
}
