import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../src/domain/jobs.js';
import { REDIS_PORT } from '../lib/constructs/cache.js';
import { WAF_RATE_LIMIT_PER_5_MIN } from '../lib/constructs/compute.js';
import { container, resourceNamed, resources, synth, type Synthesized } from './support/synth.js';

describe('services', () => {
  let dev: Synthesized;
  let prod: Synthesized;
  beforeAll(() => {
    dev = synth('dev');
    prod = synth('prod');
  });

  describe('Redis', () => {
    it('requires TLS and AUTH, encrypts at rest, and never evicts (BullMQ)', () => {
      const rg = resourceNamed(dev.template, 'AWS::ElastiCache::ReplicationGroup', 'CacheRedis').Properties;
      expect(rg).toMatchObject({ Engine: 'redis', TransitEncryptionEnabled: true, TransitEncryptionMode: 'required', AtRestEncryptionEnabled: true, Port: REDIS_PORT });
      expect(JSON.stringify(rg.AuthToken)).toContain('{{resolve:secretsmanager:');
      const params = resourceNamed(dev.template, 'AWS::ElastiCache::ParameterGroup', 'CacheParameters').Properties;
      expect(params).toMatchObject({ CacheParameterGroupFamily: 'redis7', Properties: { 'maxmemory-policy': 'noeviction' } });
      expect(rg.CacheParameterGroupName).toEqual({ Ref: resourceNamed(dev.template, 'AWS::ElastiCache::ParameterGroup', 'CacheParameters').id });
    });

    it('is Multi-AZ with automatic failover in prod only', () => {
      expect(resourceNamed(prod.template, 'AWS::ElastiCache::ReplicationGroup', 'CacheRedis').Properties).toMatchObject({
        NumCacheClusters: 2,
        MultiAZEnabled: true,
        AutomaticFailoverEnabled: true,
      });
      expect(resourceNamed(dev.template, 'AWS::ElastiCache::ReplicationGroup', 'CacheRedis').Properties).toMatchObject({ NumCacheClusters: 1, MultiAZEnabled: false });
    });

    it('gives the app a rediss:// URL built at deploy time (the token is never in the template)', () => {
      const url = JSON.stringify(resourceNamed(dev.template, 'AWS::SecretsManager::Secret', 'CacheUrl').Properties.SecretString);
      expect(url).toMatch(/^\{"Fn::Join":\["",\["rediss:\/\/:\{\{resolve:secretsmanager:"/);
      expect(url).toContain('PrimaryEndPoint.Address');
      expect(url).toContain('PrimaryEndPoint.Port');
    });

    it('is reachable only from the two services, on its port', () => {
      const ingress = Object.values(resources(dev.template, 'AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
      const toRedis = ingress.filter((r) => JSON.stringify(r.GroupId).includes('CacheSecurityGroup'));
      expect(toRedis).toHaveLength(2);
      for (const rule of toRedis) expect(rule).toMatchObject({ IpProtocol: 'tcp', FromPort: REDIS_PORT, ToPort: REDIS_PORT });
      dev.template.hasResourceProperties('AWS::EC2::SecurityGroup', { GroupDescription: Match.stringLikeRegexp('^Redis'), SecurityGroupIngress: Match.absent() });
    });
  });

  describe('the ALB and WAF', () => {
    it('is internet-facing, drops invalid headers and logs access', () => {
      const alb = resourceNamed(dev.template, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'ComputeAlb').Properties;
      expect(alb.Scheme).toBe('internet-facing');
      const attributes = Object.fromEntries((alb.LoadBalancerAttributes as Array<{ Key: string; Value: string }>).map((a) => [a.Key, a.Value]));
      expect(attributes).toMatchObject({ 'routing.http.drop_invalid_header_fields.enabled': 'true', 'access_logs.s3.enabled': 'true' });
    });

    it('checks the API tasks on /healthz', () => {
      dev.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { HealthCheckPath: '/healthz', Port: 3000, TargetType: 'ip' });
    });

    it('rate-limits each IP with WAF, leaving Twilio\'s webhooks to the app', () => {
      const acl = resourceNamed(dev.template, 'AWS::WAFv2::WebACL', 'ComputeWebAcl').Properties;
      expect(acl.Scope).toBe('REGIONAL');
      const rules = acl.Rules as Array<{ Name: string; Action?: unknown; Statement: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation JSON, read freely
      const rate = rules.find((r) => r.Statement.RateBasedStatement);
      expect(rate).toMatchObject({ Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: WAF_RATE_LIMIT_PER_5_MIN, AggregateKeyType: 'IP' } } });
      expect(rate!.Statement.RateBasedStatement.ScopeDownStatement.NotStatement.Statement.ByteMatchStatement).toMatchObject({ SearchString: '/webhooks/', PositionalConstraint: 'STARTS_WITH' });
      expect(rules.map((r) => r.Name)).toEqual(expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']));
      dev.template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
        ResourceArn: { Ref: resourceNamed(dev.template, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'ComputeAlb').id },
      });
    });

    it('does not expose the Prometheus /metrics endpoint', () => {
      dev.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/metrics', '/metrics/*'] } }],
        Actions: [Match.objectLike({ Type: 'fixed-response', FixedResponseConfig: Match.objectLike({ StatusCode: '404' }) })],
      });
    });
  });

  describe('ECS', () => {
    it('rolls back a deployment that does not become healthy, for both services', () => {
      const services = Object.values(resources(dev.template, 'AWS::ECS::Service'));
      expect(services).toHaveLength(2);
      for (const s of services) {
        expect(s.Properties.DeploymentConfiguration).toMatchObject({ DeploymentCircuitBreaker: { Enable: true, Rollback: true }, MinimumHealthyPercent: 100 });
        expect(s.Properties.LaunchType).toBe('FARGATE');
        expect(s.Properties.NetworkConfiguration).toMatchObject({ AwsvpcConfiguration: { AssignPublicIp: 'DISABLED' } });
      }
    });

    it('runs the API without workers and the workers with them, with a /healthz container check', () => {
      const env = (c: Record<string, unknown>) => Object.fromEntries((c.Environment as Array<{ Name: string; Value: unknown }>).map((e) => [e.Name, e.Value]));
      expect(env(container(dev.template, 'Api')).RUN_WORKERS).toBe('false');
      expect(env(container(dev.template, 'Worker')).RUN_WORKERS).toBe('true');
      for (const which of ['Api', 'Worker'] as const) {
        const c = container(dev.template, which);
        expect(JSON.stringify((c.HealthCheck as { Command: string[] }).Command)).toContain('/healthz');
        expect(c.LinuxParameters).toMatchObject({ InitProcessEnabled: true });
      }
    });

    it('keeps every log group 30 days', () => {
      const groups = Object.values(resources(dev.template, 'AWS::Logs::LogGroup'));
      expect(groups.length).toBeGreaterThanOrEqual(3);
      for (const g of groups) expect(g.Properties.RetentionInDays).toBe(30);
    });

    it('scales the workers in steps on the jobs waiting in every queue', () => {
      const policies = Object.values(resources(dev.template, 'AWS::ApplicationAutoScaling::ScalingPolicy')).filter((p) => p.Properties.PolicyType === 'StepScaling');
      expect(policies.length).toBe(2);
      const alarms = Object.values(resources(dev.template, 'AWS::CloudWatch::Alarm')).filter((a) => JSON.stringify(a.Properties.AlarmActions).includes('QueueDepth'));
      expect(alarms).toHaveLength(2);
      for (const alarm of alarms) {
        const metrics = alarm.Properties.Metrics as Array<{ Expression?: string; MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: Array<{ Name: string; Value: string }> } } }>;
        const queues = metrics.filter((m) => m.MetricStat).map((m) => m.MetricStat!.Metric);
        expect(queues.every((m) => m.Namespace === 'BharatSense' && m.MetricName === 'QueueDepth')).toBe(true);
        expect(queues.map((m) => m.Dimensions[0]!.Value).sort()).toEqual(Object.values(QUEUES).sort());
      }
    });
  });

  describe('Athena and Glue', () => {
    it('declares the sales and forecasts tables over the lake with partition projection', () => {
      const tables = Object.values(resources(dev.template, 'AWS::Glue::Table')).map((t) => t.Properties.TableInput as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation JSON, read freely
      const sales = tables.find((t) => t.Name === 'sales')!;
      expect(sales.PartitionKeys).toEqual([
        { Name: 'store_id', Type: 'string' },
        { Name: 'year', Type: 'int' },
        { Name: 'month', Type: 'int' },
      ]);
      expect(sales.StorageDescriptor.Columns.map((c: { Name: string }) => c.Name)).toEqual(['sale_date', 'sku', 'qty', 'price']);
      expect(sales.Parameters).toMatchObject({ 'projection.enabled': 'true', 'projection.store_id.type': 'injected', 'projection.month.digits': '2' });
      expect(JSON.stringify(sales.Parameters['storage.location.template'])).toContain('/sales/store_id=${store_id}/year=${year}/month=${month}/');
      const forecasts = tables.find((t) => t.Name === 'forecasts')!;
      expect(forecasts.PartitionKeys).toEqual([
        { Name: 'store_id', Type: 'string' },
        { Name: 'date', Type: 'string' },
      ]);
      expect(forecasts.Parameters).toMatchObject({ 'projection.date.type': 'date', 'projection.date.format': 'yyyy-MM-dd' });
      // Only the Parquet rows: the batch's JSON lives one level up.
      expect(JSON.stringify(forecasts.Parameters['storage.location.template'])).toContain('/forecasts/store_id=${store_id}/date=${date}/rows/');
    });

    it('enforces the workgroup\'s encrypted result location', () => {
      dev.template.hasResourceProperties('AWS::Athena::WorkGroup', {
        Name: 'bharatsense-dev',
        WorkGroupConfiguration: Match.objectLike({
          EnforceWorkGroupConfiguration: true,
          ResultConfiguration: Match.objectLike({ EncryptionConfiguration: Match.objectLike({ EncryptionOption: 'SSE_KMS' }) }),
        }),
      });
    });
  });

  describe('Cognito', () => {
    it('has owner and admin groups and a store_id attribute the panel cannot write', () => {
      const groups = Object.values(resources(dev.template, 'AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
      expect(groups.sort()).toEqual(['admin', 'owner']);
      dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
        Schema: Match.arrayWith([Match.objectLike({ Name: 'store_id', AttributeDataType: 'String', Mutable: true })]),
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      });
      const client = resourceNamed(dev.template, 'AWS::Cognito::UserPoolClient', 'AuthUsersPanel').Properties;
      expect(client.ReadAttributes).toContain('custom:store_id');
      expect(client.WriteAttributes).not.toContain('custom:store_id');
      expect(client.GenerateSecret).toBe(false);
    });
  });
});
