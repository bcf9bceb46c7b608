/**
 * The lake: ONE bucket, as the app reads it (`S3_BUCKET` with `sales/`, `forecasts/`,
 * `external/` and Athena's `athena-results/`), with per-prefix lifecycle rules instead of a
 * bucket per kind of data. Versioned, KMS-encrypted, TLS only, never public; server access
 * logs (and the ALB's) go to a log bucket. In prod the data prefixes replicate to another region.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.js';
import type { StageSettings } from '../stage.js';

/** What the app writes under each prefix of the lake. */
export const LAKE_PREFIXES = { sales: 'sales/', forecasts: 'forecasts/', external: 'external/', athenaResults: 'athena-results/' } as const;
/** Prefixes worth a copy in another region (Athena's results are re-creatable). */
export const REPLICATED_PREFIXES = [LAKE_PREFIXES.sales, LAKE_PREFIXES.forecasts, LAKE_PREFIXES.external];

/** Sales Parquet moves to Glacier after two years (kept for seasonality, rarely read). */
export const SALES_GLACIER_AFTER_DAYS = 730;
/** The design deletes forecast batches after 90 days. */
export const FORECASTS_EXPIRE_AFTER_DAYS = 90;

/** Name of the prod replica bucket, known to both stacks without a cross-region reference. */
export function replicaBucketName(settings: StageSettings): string {
  return `${settings.prefix}-lake-replica-${Aws.ACCOUNT_ID}`;
}
/** Alias of the replica region's key, for the same reason. */
export function replicaKeyAlias(settings: StageSettings): string {
  return `alias/${settings.prefix}-lake-replica`;
}

/** A bucket for S3 server access logs and ALB access logs (those services write SSE-S3 only). */
export function logBucket(scope: Construct, id: string, settings: StageSettings): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
    removalPolicy: settings.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  acknowledge(bucket, 'AwsSolutions-S1', 'This is the access-log bucket itself; logging it into itself would loop.');
  return bucket;
}

export interface StorageProps {
  settings: StageSettings;
  key: kms.IKey;
}

export class Storage extends Construct {
  readonly lake: s3.Bucket;
  readonly logs: s3.Bucket;

  constructor(scope: Construct, id: string, { settings, key }: StorageProps) {
    super(scope, id);
    this.logs = logBucket(this, 'Logs', settings);
    this.lake = new s3.Bucket(this, 'Lake', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      // One data key per object batch instead of a KMS call per PutObject.
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'lake/',
      lifecycleRules: [
        {
          id: 'sales-to-glacier',
          prefix: LAKE_PREFIXES.sales,
          transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(SALES_GLACIER_AFTER_DAYS) }],
          // A re-upload rewrites a month's file: old versions are kept a while for recovery, not forever.
          noncurrentVersionExpiration: Duration.days(90),
        },
        {
          id: 'forecasts-expire',
          prefix: LAKE_PREFIXES.forecasts,
          expiration: Duration.days(FORECASTS_EXPIRE_AFTER_DAYS),
          noncurrentVersionExpiration: Duration.days(7),
        },
        { id: 'external-versions', prefix: LAKE_PREFIXES.external, noncurrentVersionExpiration: Duration.days(30) },
        {
          id: 'athena-results-expire',
          prefix: LAKE_PREFIXES.athenaResults,
          expiration: Duration.days(7),
          noncurrentVersionExpiration: Duration.days(1),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (settings.production) this.replicate(settings, key);
  }

  /** Cross-region replication of the data prefixes (RPO for the lake: minutes; DESIGN targets 1 h). */
  private replicate(settings: StageSettings, key: kms.IKey): void {
    const destinationArn = `arn:${Aws.PARTITION}:s3:::${replicaBucketName(settings)}`;
    const role = new iam.Role(this, 'ReplicationRole', {
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
      description: 'S3 replication of the lake to the replica region',
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'], resources: [this.lake.bucketArn] }));
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
        resources: REPLICATED_PREFIXES.map((prefix) => this.lake.arnForObjects(`${prefix}*`)),
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
        resources: REPLICATED_PREFIXES.map((prefix) => `${destinationArn}/${prefix}*`),
      }),
    );
    // Read with the source key (only through S3), write with the replica region's key, found by its alias.
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringLike: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [`arn:${Aws.PARTITION}:kms:${settings.replicaRegion}:${Aws.ACCOUNT_ID}:key/*`],
        conditions: {
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': replicaKeyAlias(settings) },
          StringLike: { 'kms:ViaService': `s3.${settings.replicaRegion}.amazonaws.com` },
        },
      }),
    );
    const lakeId = Stack.of(this).resolve((this.lake.node.defaultChild as s3.CfnBucket).logicalId) as string;
    const replicaArn = `arn:<AWS::Partition>:s3:::${settings.prefix}-lake-replica-<AWS::AccountId>`;
    for (const prefix of REPLICATED_PREFIXES) {
      acknowledge(role, `AwsSolutions-IAM5[Resource::<${lakeId}.Arn>/${prefix}*]`, `Replication reads the object versions under ${prefix}, the prefix it copies.`);
      acknowledge(role, `AwsSolutions-IAM5[Resource::${replicaArn}/${prefix}*]`, `Replication writes the copies under ${prefix} of the replica bucket.`);
    }
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:${settings.replicaRegion}:<AWS::AccountId>:key/*]`,
      'The replica key lives in another stack and region; it is matched by its alias (kms:ResourceAliases condition) and only through S3 (kms:ViaService).',
    );
    const cfn = this.lake.node.defaultChild as s3.CfnBucket;
    cfn.replicationConfiguration = {
      role: role.roleArn,
      rules: REPLICATED_PREFIXES.map((prefix, i) => ({
        id: `replicate-${prefix.replace('/', '')}`,
        priority: i + 1,
        status: 'Enabled',
        filter: { prefix },
        deleteMarkerReplication: { status: 'Enabled' },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
        destination: {
          bucket: destinationArn,
          storageClass: 'STANDARD_IA',
          encryptionConfiguration: {
            replicaKmsKeyId: `arn:${Aws.PARTITION}:kms:${settings.replicaRegion}:${Aws.ACCOUNT_ID}:${replicaKeyAlias(settings)}`,
          },
        },
      })),
    };
  }
}
