/**
 * Where the app runs: an ECS cluster with two Fargate services from the same image. The API
 * (RUN_WORKERS=false) sits behind an internet-facing ALB with WAF; the workers (RUN_WORKERS=true)
 * scale on the queue depth the app publishes. Both roll back a deployment that does not
 * become healthy (circuit breaker).
 */
import { Annotations, Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { QUEUES } from '../../../src/domain/jobs.js';
import { acknowledge } from '../nag.js';
import type { StageSettings } from '../stage.js';
import { APP_PORT, AppService } from './app-service.js';

/** The app's CloudWatch namespace (src/observability/emf.ts publishes into it). */
export const APP_NAMESPACE = 'BharatSense';

/** Requests per IP in 5 minutes before WAF blocks (Twilio's webhooks are exempt: one sender, many owners). */
export const WAF_RATE_LIMIT_PER_5_MIN = 1000;
/** Paths WAF's rate rule leaves to the app (signature-checked, and all from Twilio's few addresses). */
export const WEBHOOK_PATH_PREFIX = '/webhooks/';

/** Waiting jobs per queue, as the app publishes them. */
export function queueDepth(queue: string): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: APP_NAMESPACE, metricName: 'QueueDepth', dimensionsMap: { Queue: queue }, statistic: 'Maximum', period: Duration.minutes(1) });
}

/** Waiting jobs over every queue the workers serve (missing points count as empty queues). */
export function totalQueueDepth(): cloudwatch.MathExpression {
  const queues = Object.values(QUEUES);
  const usingMetrics = Object.fromEntries(queues.map((q) => [q, queueDepth(q)]));
  return new cloudwatch.MathExpression({
    expression: queues.map((q) => `FILL(${q}, 0)`).join(' + '),
    usingMetrics,
    label: 'Jobs waiting (all queues)',
    period: Duration.minutes(1),
  });
}

export interface ComputeProps {
  settings: StageSettings;
  vpc: ec2.IVpc;
  image: ecs.ContainerImage;
  logBucket: s3.IBucket;
}

export class Compute extends Construct {
  readonly cluster: ecs.Cluster;
  readonly alb: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly webAcl: wafv2.CfnWebACL;
  readonly api: AppService;
  readonly worker: AppService;
  /** `PUBLIC_BASE_URL`: what Twilio calls and signs. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, { settings, vpc, image, logBucket }: ComputeProps) {
    super(scope, id);
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      clusterName: settings.prefix,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    this.api = new AppService(this, 'Api', { settings, cluster: this.cluster, image, role: 'api', cpu: settings.api.cpu, memoryMiB: settings.api.memoryMiB, loadBalanced: true });
    this.worker = new AppService(this, 'Worker', { settings, cluster: this.cluster, image, role: 'worker', cpu: settings.worker.cpu, memoryMiB: settings.worker.memoryMiB });

    const https = Boolean(settings.certificateArn);
    const albSecurityGroup = new ec2.SecurityGroup(this, 'AlbSecurityGroup', { vpc, description: 'Public entry: Twilio webhooks, the panel, the API', allowAllOutbound: false });
    albSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(https ? 443 : 80), 'the public internet (WAF filters)');
    if (https) albSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'redirected to HTTPS');
    acknowledge(albSecurityGroup, 'AwsSolutions-EC23', 'The ALB is the public entry point: Twilio posts webhooks from the internet and owners use the panel; WAF rate-limits and filters in front of it.');

    this.alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      vpc,
      internetFacing: true,
      securityGroup: albSecurityGroup,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      dropInvalidHeaderFields: true,
      deletionProtection: settings.production,
      // The chat endpoint holds a request up to CHAT_TIMEOUT_MS (10 s) waiting for the reply.
      idleTimeout: Duration.seconds(30),
    });
    this.alb.logAccessLogs(logBucket, 'alb');

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'ApiTargets', {
      vpc,
      port: APP_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      targets: [this.api.service],
      deregistrationDelay: Duration.seconds(30),
      // Liveness, not readiness: /readyz fails when any dependency blips (Athena, S3), and an ALB
      // that marks every task unhealthy makes ECS replace them all. /readyz gates deployments instead.
      healthCheck: { path: '/healthz', healthyHttpCodes: '200', interval: Duration.seconds(15), timeout: Duration.seconds(5), healthyThresholdCount: 2, unhealthyThresholdCount: 3 },
    });
    let listener: elbv2.ApplicationListener;
    if (https) {
      listener = this.alb.addListener('Https', {
        port: 443,
        protocol: elbv2.ApplicationProtocol.HTTPS,
        certificates: [acm.Certificate.fromCertificateArn(this, 'Certificate', settings.certificateArn!)],
        sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        defaultTargetGroups: [this.targetGroup],
        open: false,
      });
      this.alb.addRedirect({ sourcePort: 80, targetPort: 443 });
    } else {
      listener = this.alb.addListener('Http', { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, defaultTargetGroups: [this.targetGroup], open: false });
      if (settings.production) {
        // Synth must work offline without a certificate; a real prod deploy passes -c certificateArn=… -c domainName=…
        Annotations.of(this).addWarningV2('bharatsense:prod-without-https', 'prod without -c certificateArn: the ALB serves plain HTTP');
      }
    }
    // The app's Prometheus endpoint is for a private network; on AWS the metrics go out as EMF log lines.
    listener.addAction('HideMetrics', {
      priority: 10,
      conditions: [elbv2.ListenerCondition.pathPatterns(['/metrics', '/metrics/*'])],
      action: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not Found' }),
    });
    const host = settings.domainName ?? this.alb.loadBalancerDnsName;
    this.publicUrl = `${https ? 'https' : 'http'}://${host}`;

    this.webAcl = this.createWebAcl(settings);
    new wafv2.CfnWebACLAssociation(this, 'WafAssociation', { resourceArn: this.alb.loadBalancerArn, webAclArn: this.webAcl.attrArn });

    this.scaleApi(settings);
    this.scaleWorkers(settings);
  }

  /** A rate limit per client IP (webhooks exempt), AWS's common and known-bad-input rules. */
  private createWebAcl(settings: StageSettings): wafv2.CfnWebACL {
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `${settings.prefix}-${name}`,
      sampledRequestsEnabled: true,
    });
    const managed = (name: string, priority: number, overrides: string[] = []): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(overrides.length ? { ruleActionOverrides: overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })) } : {}),
        },
      },
      visibilityConfig: visibility(name),
    });
    return new wafv2.CfnWebACL(this, 'WebAcl', {
      name: `${settings.prefix}-alb`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('alb'),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: WAF_RATE_LIMIT_PER_5_MIN,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                notStatement: {
                  statement: {
                    byteMatchStatement: {
                      fieldToMatch: { uriPath: {} },
                      positionalConstraint: 'STARTS_WITH',
                      searchString: WEBHOOK_PATH_PREFIX,
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  },
                },
              },
            },
          },
          visibilityConfig: visibility('rate-limit'),
        },
        // Sales CSV uploads are up to MAX_BODY_BYTES (5 MB): the 8 KB body-size rule only counts.
        managed('AWSManagedRulesCommonRuleSet', 1, ['SizeRestrictions_BODY']),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
      ],
    });
  }

  private scaleApi(settings: StageSettings): void {
    const scaling = this.api.service.autoScaleTaskCount({ minCapacity: settings.api.min, maxCapacity: settings.api.max });
    scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60, scaleInCooldown: Duration.minutes(5), scaleOutCooldown: Duration.minutes(1) });
    scaling.scaleOnRequestCount('Requests', { requestsPerTarget: 3000, targetGroup: this.targetGroup });
  }

  /** Step scaling on the jobs waiting: the queues are the workers' real load, not their CPU. */
  private scaleWorkers(settings: StageSettings): void {
    const scaling = this.worker.service.autoScaleTaskCount({ minCapacity: settings.worker.min, maxCapacity: settings.worker.max });
    scaling.scaleOnMetric('QueueDepth', {
      metric: totalQueueDepth(),
      adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
      scalingSteps: [
        { upper: 0, change: -1 },
        { lower: 50, change: +1 },
        { lower: 200, change: +2 },
        { lower: 1000, change: +4 },
      ],
      cooldown: Duration.minutes(2),
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    });
    // Whole-store forecast batches are CPU-bound on the worker threads.
    scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 70, scaleInCooldown: Duration.minutes(5), scaleOutCooldown: Duration.minutes(2) });
  }
}
