/**
 * The house default for running BharatSense on ECS Fargate: one task definition, one container,
 * one service, and `bind*` helpers that each grant exactly the access a dependency needs and set
 * exactly the variables `src/config.ts` parses for it. Variable names are typed as the app's
 * config keys, so a misspelt or removed variable is a compile error, not a silent default.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { TableDef } from '../../../src/storage/tables.port.js';
import type { ConfigKey } from '../app-config.js';
import { acknowledge } from '../nag.js';
import type { StageSettings } from '../stage.js';
import type { Analytics } from './analytics.js';
import type { Cache } from './cache.js';
import { LAKE_PREFIXES } from './storage.js';
import { LOG_RETENTION } from './network.js';

/** The port the app listens on (`PORT`). */
export const APP_PORT = 3000;
/** The app's KMS encryption context for personal data (src/crypto/kms/kms-envelope-cipher.adapter.ts). */
export const PII_ENCRYPTION_CONTEXT = { purpose: 'bharatsense-pii' } as const;

/** `node` is all the image has (no curl): one fetch of /healthz. */
export const HEALTHCHECK_COMMAND = `node -e "fetch('http://127.0.0.1:${APP_PORT}/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"`;

/** The two Bedrock models the copilot may call, primary first. */
export interface BedrockModels {
  region: string;
  primaryModel: string;
  fallbackModel?: string;
}

/** IAM resources of a Bedrock model id: a foundation model, or a cross-region inference profile and the models behind it. */
export function bedrockModelArns(region: string, modelId: string): string[] {
  const profile = /^(us|eu|apac|global)\.(.+)$/.exec(modelId);
  if (!profile) return [`arn:${Aws.PARTITION}:bedrock:${region}::foundation-model/${modelId}`];
  // A profile routes to the same model in the regions of its geography.
  return [`arn:${Aws.PARTITION}:bedrock:${region}:${Aws.ACCOUNT_ID}:inference-profile/${modelId}`, `arn:${Aws.PARTITION}:bedrock:*::foundation-model/${profile[2]}`];
}

export interface AppServiceProps {
  settings: StageSettings;
  cluster: ecs.ICluster;
  image: ecs.ContainerImage;
  /** `api` (HTTP, RUN_WORKERS=false) or `worker` (queue workers). */
  role: 'api' | 'worker';
  cpu: number;
  memoryMiB: number;
  /** Behind a load balancer: give new tasks time to start before its health checks count. */
  loadBalanced?: boolean;
}

export class AppService extends Construct {
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly container: ecs.ContainerDefinition;
  readonly service: ecs.FargateService;
  readonly securityGroup: ec2.SecurityGroup;
  readonly logGroup: logs.LogGroup;
  readonly taskRole: iam.Role;
  /** Every variable set in clear, by name: what the config test checks. */
  readonly environment = new Map<ConfigKey, string>();
  /** Every variable injected from Secrets Manager. */
  readonly secretNames = new Set<ConfigKey>();
  private readonly dataKeyGrants = new Set<string>();

  constructor(scope: Construct, id: string, props: AppServiceProps) {
    super(scope, id);
    const { settings, cluster, role } = props;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/bharatsense/${settings.stage}/${role}`,
      retention: LOG_RETENTION,
      removalPolicy: settings.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: `BharatSense ${settings.stage} ${role}: what the app itself may do`,
    });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: props.cpu,
      memoryLimitMiB: props.memoryMiB,
      taskRole: this.taskRole,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    this.container = this.taskDefinition.addContainer('app', {
      image: props.image,
      essential: true,
      portMappings: [{ containerPort: APP_PORT, name: 'http' }],
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: role, mode: ecs.AwsLogDriverMode.NON_BLOCKING }),
      healthCheck: { command: ['CMD-SHELL', HEALTHCHECK_COMMAND], interval: Duration.seconds(15), timeout: Duration.seconds(5), retries: 3, startPeriod: Duration.seconds(30) },
      // An init process as PID 1 forwards ECS's SIGTERM to node and reaps zombies.
      linuxParameters: new ecs.LinuxParameters(this, 'Linux', { initProcessEnabled: true }),
      // On SIGTERM the app closes its server, workers and queues (app.close()); give it the time.
      stopTimeout: Duration.seconds(60),
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: cluster.vpc,
      description: `BharatSense ${settings.stage} ${role} tasks`,
      allowAllOutbound: false,
    });
    // Out to HTTPS only: AWS APIs, Twilio, data.gov.in, Bedrock. Redis is opened by bindRedis.
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs and providers');
    this.service = new ecs.FargateService(this, 'Service', {
      cluster,
      serviceName: `${settings.prefix}-${role}`,
      taskDefinition: this.taskDefinition,
      securityGroups: [this.securityGroup],
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      enableExecuteCommand: false,
      ...(props.loadBalanced ? { healthCheckGracePeriod: Duration.seconds(60) } : {}),
    });

    this.setEnv('NODE_ENV', 'production');
    this.setEnv('PORT', String(APP_PORT));
    this.setEnv('AWS_REGION', Stack.of(this).region);
    this.setEnv('RUN_WORKERS', role === 'worker' ? 'true' : 'false');
    // Never seed the demo store into a real deployment.
    this.setEnv('DEMO_SEED', 'off');
    // Scratch only (the data lives in DynamoDB and S3); /tmp is writable by the non-root user.
    this.setEnv('DATA_DIR', '/tmp/bharatsense');
    acknowledge(
      this.taskDefinition.obtainExecutionRole(),
      'AwsSolutions-IAM5[Resource::*]',
      'ecr:GetAuthorizationToken (pulling the image) has no resource-level permission; the image pull itself is scoped to the asset repository.',
    );
    acknowledge(
      this.taskDefinition,
      'AwsSolutions-ECS2',
      'Only non-secret configuration (names, ARNs, flags) is set as plain environment; every credential is injected from Secrets Manager (infra/test checks this).',
    );
  }

  /** Sets a plain (non-secret) variable the app's config parses. */
  setEnv(name: ConfigKey, value: string): this {
    if (this.secretNames.has(name)) throw new Error(`${name} is already injected as a secret`);
    this.environment.set(name, value);
    this.container.addEnvironment(name, value);
    return this;
  }

  /** Injects a Secrets Manager secret (or one JSON field of it) as the variable `name`. */
  bindSecret(name: ConfigKey, secret: secretsmanager.ISecret, field?: string): this {
    if (this.environment.has(name)) throw new Error(`${name} is already set in clear`);
    this.secretNames.add(name);
    this.container.addSecret(name, ecs.Secret.fromSecretsManager(secret, field));
    return this;
  }

  /** STORAGE=aws and DYNAMODB_TABLE_PREFIX; item reads and writes on these tables and their indexes only. */
  bindTables(prefix: string, tables: Array<{ table: dynamodb.ITable; def: TableDef }>, dataKey: kms.IKey): this {
    this.setEnv('STORAGE', 'aws');
    this.setEnv('DYNAMODB_TABLE_PREFIX', prefix);
    const resources = tables.flatMap(({ table, def }) => [table.tableArn, ...Object.keys(def.indexes ?? {}).map((index) => `${table.tableArn}/index/${index}`)]);
    this.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TableItems',
        // DescribeTable is GET /readyz's ping, on the app's own tables.
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:DescribeTable'],
        resources,
      }),
    );
    this.grantDataKey(dataKey, 'dynamodb');
    return this;
  }

  /** S3_BUCKET; objects under the app's prefixes only. */
  bindBucket(bucket: s3.IBucket, dataKey: kms.IKey): this {
    this.setEnv('S3_BUCKET', bucket.bucketName);
    this.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'LakeObjects',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [LAKE_PREFIXES.sales, LAKE_PREFIXES.forecasts, LAKE_PREFIXES.external].map((prefix) => bucket.arnForObjects(`${prefix}*`)),
      }),
    );
    this.acknowledgeObjectPrefixes(bucket, [LAKE_PREFIXES.sales, LAKE_PREFIXES.forecasts, LAKE_PREFIXES.external]);
    // ListBucket also answers HeadBucket (the readiness ping).
    this.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'LakeList', actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [bucket.bucketArn] }));
    this.grantDataKey(dataKey, 's3');
    return this;
  }

  /** ATHENA_DATABASE, ATHENA_WORKGROUP, ATHENA_OUTPUT_LOCATION; queries in this workgroup over these tables. */
  bindAthena(analytics: Analytics, bucket: s3.IBucket, dataKey: kms.IKey): this {
    this.setEnv('ATHENA_DATABASE', analytics.databaseName);
    this.setEnv('ATHENA_WORKGROUP', analytics.workGroupName);
    this.setEnv('ATHENA_OUTPUT_LOCATION', analytics.outputLocation);
    const stack = Stack.of(this);
    this.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AthenaQueries',
        actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution', 'athena:GetWorkGroup'],
        resources: [stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: analytics.workGroupName })],
      }),
    );
    this.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'GlueTables', actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions'], resources: analytics.glueArns() }),
    );
    this.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'AthenaResults',
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: [bucket.arnForObjects(`${LAKE_PREFIXES.athenaResults}*`)],
      }),
    );
    this.acknowledgeObjectPrefixes(bucket, [LAKE_PREFIXES.athenaResults]);
    this.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'AthenaResultsList', actions: ['s3:ListBucketMultipartUploads'], resources: [bucket.bucketArn] }));
    this.grantDataKey(dataKey, 's3');
    return this;
  }

  /** REDIS_URL (a secret: it holds the AUTH token) and QUEUE_PREFIX; the Redis port opened to these tasks. */
  bindRedis(cache: Cache, queuePrefix: string): this {
    this.bindSecret('REDIS_URL', cache.url);
    this.setEnv('QUEUE_PREFIX', queuePrefix);
    cache.allowFrom(this.securityGroup);
    return this;
  }

  /** PII_ENCRYPTION=kms, KMS_KEY_ID, PII_INDEX_KEY; data keys only under the app's encryption context. */
  bindKmsKey(key: kms.IKey, indexKey: secretsmanager.ISecret): this {
    this.setEnv('PII_ENCRYPTION', 'kms');
    this.setEnv('KMS_KEY_ID', key.keyArn);
    this.bindSecret('PII_INDEX_KEY', indexKey);
    this.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PiiEnvelope',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:EncryptionContext:purpose': PII_ENCRYPTION_CONTEXT.purpose } },
      }),
    );
    return this;
  }

  /** COPILOT=bedrock and BEDROCK_*; InvokeModel (which also authorises Converse) on these models only. */
  bindBedrock(models: BedrockModels): this {
    this.setEnv('COPILOT', 'bedrock');
    this.setEnv('BEDROCK_REGION', models.region);
    this.setEnv('BEDROCK_PRIMARY_MODEL', models.primaryModel);
    const ids = [models.primaryModel];
    if (models.fallbackModel) {
      this.setEnv('BEDROCK_FALLBACK_MODEL', models.fallbackModel);
      ids.push(models.fallbackModel);
    }
    this.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'BedrockModels', actions: ['bedrock:InvokeModel'], resources: ids.flatMap((id) => bedrockModelArns(models.region, id)) }),
    );
    return this;
  }

  /** AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE (Cognito ID tokens), AUTH_JWT_SECRET (the app's own logins). */
  bindCognito(pool: { issuer: string; jwksUrl: string }, client: cognito.IUserPoolClient, jwtSecret: secretsmanager.ISecret): this {
    this.setEnv('AUTH_JWKS_URL', pool.jwksUrl);
    this.setEnv('AUTH_ISSUER', pool.issuer);
    this.setEnv('AUTH_AUDIENCE', client.userPoolClientId);
    this.bindSecret('AUTH_JWT_SECRET', jwtSecret);
    return this;
  }

  /** TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN from one JSON secret, and the senders. */
  bindTwilio(secret: secretsmanager.ISecret, senders: { whatsappFrom?: string; smsFrom?: string }): this {
    this.bindSecret('TWILIO_ACCOUNT_SID', secret, 'TWILIO_ACCOUNT_SID');
    this.bindSecret('TWILIO_AUTH_TOKEN', secret, 'TWILIO_AUTH_TOKEN');
    if (senders.whatsappFrom) this.setEnv('TWILIO_WHATSAPP_FROM', senders.whatsappFrom);
    if (senders.smsFrom) this.setEnv('TWILIO_SMS_FROM', senders.smsFrom);
    return this;
  }

  /** DATAGOV_API_KEY from its JSON secret. */
  bindDataGov(secret: secretsmanager.ISecret): this {
    return this.bindSecret('DATAGOV_API_KEY', secret, 'DATAGOV_API_KEY');
  }

  /** PUBLIC_BASE_URL: the address Twilio signs webhooks for and status callbacks go to. */
  bindPublicUrl(url: string): this {
    return this.setEnv('PUBLIC_BASE_URL', url);
  }

  /** Object access is granted per key prefix (`prefix/*`): cdk-nag sees the `*` of "every object under it". */
  private acknowledgeObjectPrefixes(bucket: s3.IBucket, prefixes: string[]): void {
    const cfn = bucket.node.defaultChild as s3.CfnBucket;
    const logicalId = Stack.of(this).resolve(cfn.logicalId) as string;
    for (const prefix of prefixes) {
      acknowledge(
        this.taskRole,
        `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${prefix}*]`,
        prefix === LAKE_PREFIXES.athenaResults
          ? "Athena writes query results under athena-results/ with the caller's permissions; nothing outside the prefix."
          : `Objects under the app's ${prefix} prefix of the lake, keyed per store and date; nothing outside the prefix.`,
      );
    }
  }

  /** The data key, only as DynamoDB or S3 use it on the app's behalf. */
  private grantDataKey(key: kms.IKey, service: 'dynamodb' | 's3'): void {
    if (this.dataKeyGrants.has(service)) return;
    this.dataKeyGrants.add(service);
    this.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: `DataKeyVia${service === 's3' ? 'S3' : 'DynamoDB'}`,
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `${service}.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
  }
}
